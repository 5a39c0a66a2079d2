package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.session.SessionPasswords;
import io.paddock.core.tree.AccessControl;
import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.EphemeralOwner;
import io.paddock.core.tree.PathValidator;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnResult;
import io.paddock.core.tree.WatchTrigger;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import io.paddock.core.wire.Stat;
import io.paddock.core.wire.WatchEventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random interleavings of requests from up to three connections, ticks and arbitrarily delayed durability,
 * checked after every step against the rules a ZooKeeper server keeps:
 * <ul>
 *   <li>durability: nothing acknowledges a txn (a write reply, a ConnectResponse for a new session) before a
 *       Persisted event covers it, and no reply carries a zxid beyond what is persisted;</li>
 *   <li>order: per connection, replies leave in request (xid) order, one per request; the server's zxid in
 *       replies and notifications never goes backwards, and lastProcessedZxid never decreases;</li>
 *   <li>state: a mirror DataTree fed the same Persist actions agrees with every reply (Stat, data, children)
 *       at the moment it was sent, with the Peer's counters, and keeps the tree invariants (numChildren,
 *       pzxid &gt;= children's czxid, cversion &gt;= numChildren, no children under ephemerals, every ephemeral
 *       owned by a session the Peer still tracks);</li>
 *   <li>preparation: every decision (success or NoNode/NodeExists/BadVersion/NotEmpty/NoAuth/...) was right
 *       for the tree as it stood when the txn applied, and every successful txn applies cleanly;</li>
 *   <li>watches: each one-shot registration yields exactly the notifications ZooKeeper would send, at most
 *       once, never to a closed connection.</li>
 * </ul>
 */
class PeerPropertyTest {
    private static final int TICK = 100;
    private static final int SLOTS = 3;
    private static final List<String> PATHS = List.of("/a", "/b", "/a/x", "/a/y", "/b/x", "/a/x/z");
    private static final String ALICE = "alice:secret";
    private static final Id ALICE_ID = new Id("digest", AccessControl.digest(ALICE));
    private static final Id LOCALHOST = new Id("ip", "127.0.0.1");

    // ---- operations ----

    sealed interface Op {
    }

    /** Opens a connection with a new session in a slot that has none open. */
    record Connect(int slot) implements Op {
    }

    /** The client vanishes (ConnectionClosed); its session lives on until it expires or is resumed. */
    record Drop(int slot) implements Op {
    }

    /** Reconnects a dropped slot to its session on a new connection. */
    record Resume(int slot) implements Op {
    }

    record Create(int slot, int path, int mode, int acl, boolean create2) implements Op {
    }

    /** version: 0 means -1 (any), 1 the version the applied tree has now, 2 a wrong one. */
    record Delete(int slot, int path, int version) implements Op {
    }

    record SetData(int slot, int path, int version) implements Op {
    }

    record SetAcl(int slot, int path, int acl, int version) implements Op {
    }

    record Check(int slot, int path, int version) implements Op {
    }

    /** A multi of creates, deletes, setData and checks, which may well fail part way. */
    record Multi(int slot, List<Op> ops) implements Op {
    }

    /** kind: 0 exists, 1 getData, 2 getChildren2, 3 getChildren. */
    record Read(int slot, int path, int kind, boolean watch) implements Op {
    }

    record Auth(int slot) implements Op {
    }

    record Ping(int slot) implements Op {
    }

    record CloseSession(int slot) implements Op {
    }

    /**
     * Time passes. With {@code keepAlive} the disk keeps up and every established client pings before each tick,
     * as healthy clients do; without, sessions are left to expire.
     */
    record Ticks(int count, boolean keepAlive) implements Op {
    }

    /** Makes durable the first {@code percent}% of the txns not yet durable. */
    record Persist(int percent) implements Op {
    }

    // ---- the property ----

    @Property(tries = 250)
    void everyInterleavingKeepsTheServersPromises(@ForAll("scenarios") List<Op> ops) {
        Harness h = new Harness();
        for (int slot = 0; slot < SLOTS; slot++) {
            h.connect(slot);
        }
        for (Op op : ops) {
            h.run(op);
        }
        h.quiesce();
    }

    @Provide
    Arbitrary<List<Op>> scenarios() {
        Arbitrary<Integer> slot = Arbitraries.integers().between(0, SLOTS - 1);
        // Mostly the top-level nodes and their children, so that writes often find their parents; the rest
        // reaches sequential nodes created along the way.
        Arbitrary<Integer> path = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)), Tuple.of(3, Arbitraries.just(1)),
                Tuple.of(6, Arbitraries.integers().between(2, 5)), Tuple.of(3, Arbitraries.integers().between(6, 40)));
        Arbitrary<Integer> version = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> mode = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(1, 3),
                Tuple.of(2, 4), Tuple.of(1, 5));
        Arbitrary<Op> create = Combinators.combine(slot, path, mode,
                Arbitraries.frequency(Tuple.of(16, 0), Tuple.of(4, 1), Tuple.of(1, 2)), Arbitraries.of(true, false))
                .as(Create::new);
        Arbitrary<Op> delete = Combinators.combine(slot, path, version).as(Delete::new);
        Arbitrary<Op> setData = Combinators.combine(slot, path, version).as(SetData::new);
        Arbitrary<Op> check = Combinators.combine(slot, path, version).as(Check::new);
        Arbitrary<Op> setAcl = Combinators.combine(slot, path,
                Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(3, 1), Tuple.of(1, 2)), version).as(SetAcl::new);
        Arbitrary<Op> multi = Combinators.combine(slot,
                Arbitraries.oneOf(create, delete, setData, check).list().ofMinSize(1).ofMaxSize(4)).as(Multi::new);
        Arbitrary<Op> read = Combinators.combine(slot, path, Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, true, false)).as(Read::new);
        return Arbitraries.frequencyOf(
                Tuple.of(12, create),
                Tuple.of(6, delete),
                Tuple.of(8, setData),
                Tuple.of(1, check),
                Tuple.of(2, setAcl),
                Tuple.of(4, multi),
                Tuple.of(12, read),
                Tuple.of(2, slot.map(Auth::new)),
                Tuple.of(2, slot.map(Ping::new)),
                Tuple.of(1, slot.map(CloseSession::new)),
                Tuple.of(3, slot.map(Connect::new)),
                Tuple.of(1, slot.map(Drop::new)),
                Tuple.of(1, slot.map(Resume::new)),
                Tuple.of(4, Combinators.combine(Arbitraries.integers().between(1, 6),
                        Arbitraries.of(true, true, false)).as(Ticks::new)),
                Tuple.of(12, Arbitraries.integers().between(0, 100).map(Persist::new))
        ).list().ofMinSize(10).ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform());
    }

    // ---- the harness ----

    /** A registered one-shot watch: DATA (exists/getData) or CHILD (getChildren). */
    private record Watch(long connectionId, String path, boolean child) {
    }

    private record Notification(long connectionId, String path, int type, long zxid) {
    }

    /** A client connection as the test's client sees it. */
    private static final class Client {
        final long connectionId;
        long sessionId;
        boolean open = true;
        boolean established;
        boolean authenticated;
        int nextXid = 1;
        int lastRepliedXid;
        long lastZxidSeen;
        final Map<Integer, ClientRequest> awaiting = new LinkedHashMap<>();
        final Map<Integer, Action.Persist> txnOfXid = new HashMap<>();

        Client(long connectionId) {
            this.connectionId = connectionId;
        }

        List<Id> authInfo() {
            return authenticated ? List.of(LOCALHOST, ALICE_ID) : List.of(LOCALHOST);
        }
    }

    private static final class Harness {
        final Peer peer = new Peer(new CoreConfig(0, TICK, 2 * TICK, 20 * TICK, null, true, TICK, 0xfffff), 1_000_000);
        long now = 1_000_000;
        long nextConnectionId = 1;
        final Client[] slots = new Client[SLOTS];
        final Map<Long, Client> byConnection = new HashMap<>();
        /** Sessions whose last connection was dropped, by slot, for Resume. */
        final long[] dropped = new long[SLOTS];
        final Set<String> known = new java.util.LinkedHashSet<>(PATHS);

        // durability
        long lastPersistZxid;
        long persisted;
        final ArrayDeque<Action.Persist> unpersisted = new ArrayDeque<>();
        final Map<Long, Long> createSessionZxid = new HashMap<>();
        /** For each client txn, by zxid: the request it came from and the ids its sender held then. */
        final Map<Long, ClientRequest> requestOfZxid = new HashMap<>();
        final Map<Long, List<Id>> authOfZxid = new HashMap<>();

        // the mirror: the same txns, applied as Persisted allows
        final DataTree mirror = new DataTree();
        final ArrayDeque<Action.Persist> mirrorQueue = new ArrayDeque<>();
        final Set<Watch> armed = new HashSet<>();
        final List<Notification> expected = new ArrayList<>();
        long lastProcessed;
        final List<Event> followUps = new ArrayList<>();

        // ---- driving ----

        void run(Op op) {
            switch (op) {
                case Connect c -> {
                    if (slots[c.slot()] == null || !slots[c.slot()].open) {
                        connect(c.slot());
                    }
                }
                case Drop d -> {
                    Client c = live(d.slot());
                    if (c != null) {
                        c.open = false;
                        armed.removeIf(w -> w.connectionId() == c.connectionId);
                        dropped[d.slot()] = c.sessionId;
                        step(new Event.ConnectionClosed(c.connectionId));
                    }
                }
                case Resume r -> resume(r.slot());
                case Create c -> send(c.slot(), create(c));
                case Delete d -> send(d.slot(), new ClientRequest.Delete(path(d.path()), version(d.path(), d.version())));
                case SetData s -> send(s.slot(), new ClientRequest.SetData(path(s.path()),
                        ("v" + now).getBytes(StandardCharsets.UTF_8), version(s.path(), s.version())));
                case Check c -> send(c.slot(), new ClientRequest.Check(path(c.path()), version(c.path(), c.version())));
                case SetAcl s -> send(s.slot(), new ClientRequest.SetAcl(path(s.path()), acl(s.acl()),
                        aversion(s.path(), s.version())));
                case Multi m -> {
                    List<ClientRequest.MultiOp> ops = new ArrayList<>();
                    for (Op inner : m.ops()) {
                        ops.add(switch (inner) {
                            case Create c -> create(c);
                            case Delete d -> new ClientRequest.Delete(path(d.path()), version(d.path(), d.version()));
                            case SetData s -> new ClientRequest.SetData(path(s.path()), new byte[] {1},
                                    version(s.path(), s.version()));
                            case Check c -> new ClientRequest.Check(path(c.path()), version(c.path(), c.version()));
                            default -> throw new IllegalStateException("not generated inside a multi: " + inner);
                        });
                    }
                    send(m.slot(), new ClientRequest.Multi(OpCode.MULTI, ops));
                }
                case Read r -> send(r.slot(), switch (r.kind()) {
                    case 0 -> new ClientRequest.Exists(path(r.path()), r.watch());
                    case 1 -> new ClientRequest.GetData(path(r.path()), r.watch());
                    case 2 -> new ClientRequest.GetChildren(OpCode.GET_CHILDREN2, path(r.path()), r.watch());
                    default -> new ClientRequest.GetChildren(OpCode.GET_CHILDREN, path(r.path()), r.watch());
                });
                case Auth a -> {
                    Client c = live(a.slot());
                    if (c != null && c.established) {
                        c.authenticated = true; // the server adds the id before answering, and requests after see it
                        step(new Event.RequestReceived(c.connectionId, new RequestHeader(ReplyHeader.AUTH_XID, OpCode.AUTH),
                                new ClientRequest.Auth(0, "digest", ALICE.getBytes(StandardCharsets.UTF_8)), now));
                    }
                }
                case Ping p -> {
                    Client c = live(p.slot());
                    if (c != null && c.established) {
                        step(new Event.RequestReceived(c.connectionId, new RequestHeader(ReplyHeader.PING_XID, OpCode.PING),
                                new ClientRequest.Ping(), now));
                    }
                }
                case CloseSession c -> send(c.slot(), new ClientRequest.CloseSession());
                case Ticks t -> {
                    for (int i = 0; i < t.count(); i++) {
                        if (t.keepAlive()) {
                            persistFirst(unpersisted.size());
                            for (int slot = 0; slot < SLOTS; slot++) {
                                run(new Ping(slot));
                            }
                        }
                        now += TICK;
                        step(new Event.Tick(now));
                    }
                }
                case Persist p -> {
                    int count = (unpersisted.size() * p.percent() + 99) / 100;
                    persistFirst(count);
                }
            }
        }

        void connect(int slot) {
            Client c = new Client(nextConnectionId++);
            slots[slot] = c;
            byConnection.put(c.connectionId, c);
            step(new Event.ConnectionOpened(c.connectionId, "127.0.0.1"));
            step(new Event.ConnectReceived(c.connectionId,
                    new ConnectRequest(0, 0, 4 * TICK, 0, new byte[16], false, true), now));
        }

        void resume(int slot) {
            long sessionId = dropped[slot];
            if (sessionId == 0 || (slots[slot] != null && slots[slot].open)) {
                return;
            }
            dropped[slot] = 0;
            Client c = new Client(nextConnectionId++);
            c.sessionId = sessionId;
            slots[slot] = c;
            byConnection.put(c.connectionId, c);
            step(new Event.ConnectionOpened(c.connectionId, "127.0.0.1"));
            step(new Event.ConnectReceived(c.connectionId, new ConnectRequest(0, lastProcessed,
                    4 * TICK, sessionId, SessionPasswords.of(sessionId), false, true), now));
        }

        /** The slot's open client; a client whose connection is gone reconnects first (resuming if it can). */
        Client live(int slot) {
            if (slots[slot] == null || !slots[slot].open) {
                if (dropped[slot] != 0) {
                    resume(slot);
                } else {
                    connect(slot);
                }
            }
            Client c = slots[slot];
            return c != null && c.open ? c : null;
        }

        void send(int slot, ClientRequest request) {
            Client c = live(slot);
            if (c == null) {
                return;
            }
            int xid = c.nextXid++;
            c.awaiting.put(xid, request);
            step(new Event.RequestReceived(c.connectionId, new RequestHeader(xid, request.opCode()), request, now));
        }

        void persistFirst(int count) {
            if (count <= 0) {
                return;
            }
            long through = 0;
            for (int i = 0; i < count; i++) {
                through = unpersisted.pollFirst().header().zxid();
            }
            step(new Event.Persisted(through));
        }

        /** Persists everything, repeatedly (applying can release deferred requests that write), then checks liveness. */
        void quiesce() {
            while (!unpersisted.isEmpty()) {
                persistFirst(unpersisted.size());
            }
            assertThat(peer.outstandingRequests()).as("requests still queued after everything is durable").isZero();
            for (Client c : slots) {
                if (c != null && c.open) {
                    assertThat(c.awaiting).as("unanswered requests on open connection %d", c.connectionId).isEmpty();
                }
            }
        }

        // ---- request building ----

        String path(int index) {
            List<String> all = new ArrayList<>(known);
            return all.get(index % all.size());
        }

        ClientRequest.MultiOp create(Create c) {
            CreateMode mode = switch (c.mode()) {
                case 0 -> CreateMode.PERSISTENT;
                case 1 -> CreateMode.EPHEMERAL;
                case 2 -> CreateMode.PERSISTENT_SEQUENTIAL;
                case 3 -> CreateMode.EPHEMERAL_SEQUENTIAL;
                case 4 -> CreateMode.CONTAINER;
                default -> CreateMode.PERSISTENT_WITH_TTL;
            };
            String path = path(c.path());
            if (mode.isSequential()) {
                path = path + "-";
            }
            byte[] data = path.getBytes(StandardCharsets.UTF_8);
            if (mode.isTtl()) {
                return new ClientRequest.CreateTtl(path, data, acl(c.acl()), mode.flag(), 3L * TICK);
            }
            int opCode = mode.isContainer() ? OpCode.CREATE_CONTAINER : c.create2() ? OpCode.CREATE2 : OpCode.CREATE;
            return new ClientRequest.Create(opCode, path, data, acl(c.acl()), mode.flag());
        }

        static List<Acl> acl(int choice) {
            return switch (choice) {
                case 0 -> Acl.OPEN_ACL_UNSAFE;
                case 1 -> List.of(new Acl(Perms.ALL, Id.AUTH_IDS), new Acl(Perms.READ, Id.ANYONE));
                default -> Acl.READ_ACL_UNSAFE;
            };
        }

        int version(int pathIndex, int choice) {
            DataNode node = mirror.get(path(pathIndex));
            int current = node == null ? 0 : node.version();
            return switch (choice) {
                case 0 -> -1;
                case 1 -> current;
                default -> current + 3;
            };
        }

        int aversion(int pathIndex, int choice) {
            DataNode node = mirror.get(path(pathIndex));
            int current = node == null ? 0 : node.aversion();
            return switch (choice) {
                case 0 -> -1;
                case 1 -> current;
                default -> current + 3;
            };
        }

        // ---- one step and its checks ----

        void step(Event event) {
            if (event instanceof Event.Persisted p) {
                assertThat(p.zxid()).isGreaterThan(persisted);
                persisted = p.zxid();
            }
            List<Action> actions = peer.step(event);
            for (Action a : actions) {
                check(a);
            }
            // Everything durable is applied by the end of the step, and its notifications sent.
            advanceMirror(persisted);
            assertThat(expected).as("notifications owed after %s", event).isEmpty();
            checkState(event);
            List<Event> next = new ArrayList<>(followUps);
            followUps.clear();
            next.forEach(this::step);
        }

        private Client clientOf(long connectionId, Action a) {
            Client c = byConnection.get(connectionId);
            assertThat(c).as("action for a connection never opened: %s", a).isNotNull();
            assertThat(c.open).as("action after the connection closed: %s", a).isTrue();
            return c;
        }

        private void check(Action a) {
            switch (a) {
                case Action.Persist p -> {
                    assertThat(p.header().zxid()).as("txns are handed out in zxid order").isEqualTo(lastPersistZxid + 1);
                    lastPersistZxid = p.header().zxid();
                    unpersisted.addLast(p);
                    mirrorQueue.addLast(p);
                    if (p.txn() instanceof Txn.CreateSession) {
                        createSessionZxid.put(p.header().sessionId(), p.header().zxid());
                    } else if (p.header().cxid() > 0) {
                        Client sender = byConnection.values().stream()
                                .filter(c -> c.open && c.sessionId == p.header().sessionId()
                                        && c.awaiting.containsKey(p.header().cxid()))
                                .findFirst().orElseThrow(() -> new AssertionError("a txn for no request: " + p));
                        sender.txnOfXid.put(p.header().cxid(), p);
                        requestOfZxid.put(p.header().zxid(), sender.awaiting.get(p.header().cxid()));
                        authOfZxid.put(p.header().zxid(), sender.authInfo());
                    }
                }
                case Action.SendConnectResponse r -> {
                    Client c = clientOf(r.connectionId(), a);
                    ConnectResponse response = r.response();
                    if (response.sessionId() == 0) {
                        assertThat(c.sessionId).as("only a resume is refused").isNotZero();
                        assertThat(response.timeOut()).isZero();
                        return;
                    }
                    if (c.sessionId == 0) {
                        Long zxid = createSessionZxid.get(response.sessionId());
                        assertThat(zxid).as("a new session's txn").isNotNull();
                        assertThat(persisted).as("ConnectResponse before createSession was durable").isGreaterThanOrEqualTo(zxid);
                        c.sessionId = response.sessionId();
                    } else {
                        assertThat(response.sessionId()).isEqualTo(c.sessionId);
                        assertThat(peer.sessionTimeouts()).as("resumed a session the server does not track")
                                .containsKey(c.sessionId);
                    }
                    assertThat(response.passwd()).isEqualTo(SessionPasswords.of(response.sessionId()));
                    assertThat(response.timeOut()).isEqualTo(4 * TICK);
                    c.established = true;
                }
                case Action.SendReply r -> reply(clientOf(r.connectionId(), a), r);
                case Action.SendWatchEvent e -> {
                    Client c = clientOf(e.connectionId(), a);
                    assertThat(e.zxid()).isPositive();
                    serverZxid(e.zxid(), a);
                    Notification n = new Notification(c.connectionId, e.event().path(), e.event().type(), e.zxid());
                    assertThat(expected).as("a notification nobody was owed (or sent twice): %s", n).contains(n);
                    expected.remove(n);
                }
                case Action.CloseConnection c -> {
                    Client client = clientOf(c.connectionId(), a);
                    client.open = false;
                    armed.removeIf(w -> w.connectionId() == client.connectionId);
                    followUps.add(new Event.ConnectionClosed(client.connectionId));
                }
                case Action.Trace t -> {
                }
            }
        }

        /** A reply or notification carrying the server's zxid: applied by now, durable, and not going backwards. */
        private void serverZxid(long zxid, Action a) {
            assertThat(zxid).as("zxid beyond what is durable: %s", a).isLessThanOrEqualTo(persisted);
            assertThat(zxid).as("zxid went backwards: %s", a).isGreaterThanOrEqualTo(mirror.lastProcessedZxid());
            advanceMirror(zxid);
            assertThat(mirror.lastProcessedZxid()).isEqualTo(zxid);
        }

        private void reply(Client c, Action.SendReply r) {
            ReplyHeader header = r.header();
            if (header.xid() == ReplyHeader.AUTH_XID) {
                assertThat(header.err()).isZero();
                return;
            }
            if (header.err() == ErrorCode.UNIMPLEMENTED) {
                assertThat(c.awaiting.get(header.xid())).isInstanceOf(ClientRequest.Check.class);
            } else {
                serverZxid(header.zxid(), r);
                c.lastZxidSeen = header.zxid();
            }
            if (header.xid() == ReplyHeader.PING_XID) {
                return;
            }
            assertThat(header.xid()).as("replies in request order on connection %d", c.connectionId)
                    .isGreaterThan(c.lastRepliedXid);
            c.lastRepliedXid = header.xid();
            ClientRequest request = c.awaiting.remove(header.xid());
            assertThat(request).as("a reply to a request never sent: %s", r).isNotNull();
            if (request instanceof ClientRequest.Check) {
                // ZooKeeper serves check only inside a multi: Unimplemented, then the connection closes.
                assertThat(header.err()).isEqualTo(ErrorCode.UNIMPLEMENTED);
                return;
            }
            Action.Persist txn = c.txnOfXid.get(header.xid());
            boolean write = !(request instanceof ClientRequest.Exists || request instanceof ClientRequest.GetData
                    || request instanceof ClientRequest.GetChildren);
            if (write) {
                assertThat(txn).as("a write reply without a txn: %s", r).isNotNull();
                assertThat(header.zxid()).as("a write's reply carries its txn's zxid").isEqualTo(txn.header().zxid());
                if (request instanceof ClientRequest.Create || request instanceof ClientRequest.CreateTtl) {
                    if (header.err() == 0) {
                        known.add(createdPath(r.body()));
                    }
                }
                checkWriteReply(request, r);
                return;
            }
            checkRead(c, request, r);
        }

        private static String createdPath(ClientResponse body) {
            return switch (body) {
                case ClientResponse.Create cr -> cr.path();
                case ClientResponse.Create2 cr -> cr.path();
                default -> throw new AssertionError("not a create reply: " + body);
            };
        }

        private void checkWriteReply(ClientRequest request, Action.SendReply r) {
            if (r.header().err() != 0) {
                return;
            }
            switch (r.body()) {
                case ClientResponse.Create2 cr -> assertThat(cr.stat()).isEqualTo(mirror.statOf(cr.path()));
                case ClientResponse.StatOnly so -> {
                    String path = switch (request) {
                        case ClientRequest.SetData s -> s.path();
                        case ClientRequest.SetAcl s -> s.path();
                        default -> throw new AssertionError("a Stat reply to " + request);
                    };
                    assertThat(so.stat()).isEqualTo(mirror.statOf(path));
                }
                case ClientResponse.Multi m -> {
                    List<ClientRequest.MultiOp> ops = ((ClientRequest.Multi) request).ops();
                    assertThat(m.results()).hasSameSizeAs(ops);
                    boolean failed = m.results().stream().anyMatch(x -> x instanceof ClientResponse.OpResult.Error);
                    if (failed) {
                        assertThat(m.results()).allMatch(x -> x instanceof ClientResponse.OpResult.Error);
                        List<Integer> codes = m.results().stream().map(x -> ((ClientResponse.OpResult.Error) x).err()).toList();
                        int failedAt = 0;
                        while (codes.get(failedAt) == ErrorCode.OK) {
                            failedAt++;
                        }
                        for (int i = failedAt + 1; i < codes.size(); i++) {
                            assertThat(codes.get(i)).isEqualTo(ErrorCode.RUNTIME_INCONSISTENCY);
                        }
                    }
                }
                default -> {
                }
            }
        }

        private void checkRead(Client c, ClientRequest request, Action.SendReply r) {
            int err = r.header().err();
            String path = ((ClientRequest.PathRequest) request).path();
            DataNode node = mirror.get(path);
            boolean watch;
            boolean child = false;
            switch (request) {
                case ClientRequest.Exists e -> {
                    watch = e.watch();
                    if (err == 0) {
                        assertThat(((ClientResponse.StatOnly) r.body()).stat()).isEqualTo(node.stat());
                    } else if (err == ErrorCode.NO_NODE) {
                        assertThat(node).as("exists said NoNode for %s", path).isNull();
                    }
                }
                case ClientRequest.GetData g -> {
                    watch = g.watch();
                    if (err == 0) {
                        ClientResponse.GetData body = (ClientResponse.GetData) r.body();
                        assertThat(body.stat()).isEqualTo(node.stat());
                        assertThat(body.data()).isEqualTo(node.data());
                    }
                }
                case ClientRequest.GetChildren g -> {
                    watch = g.watch();
                    child = true;
                    if (err == 0) {
                        List<String> children;
                        if (r.body() instanceof ClientResponse.GetChildren2 gc) {
                            children = gc.children();
                            assertThat(gc.stat()).isEqualTo(node.stat());
                            assertThat(gc.stat().numChildren()).as("numChildren is the children count")
                                    .isEqualTo(children.size());
                        } else {
                            children = ((ClientResponse.GetChildren) r.body()).children();
                        }
                        assertThat(children).containsExactlyElementsOf(new ArrayList<>(node.children()));
                    }
                }
                default -> throw new AssertionError("not a read: " + request);
            }
            if (err == 0 || err == ErrorCode.NO_NODE || err == ErrorCode.NO_AUTH) {
                boolean readable = node == null || AccessControl.permits(node.acl(), Perms.READ, c.authInfo());
                assertThat(err == ErrorCode.NO_AUTH).as("NoAuth exactly when the ACL denies READ: %s", r).isEqualTo(!readable);
                assertThat(err == ErrorCode.NO_NODE).as("NoNode exactly when the node is missing: %s", r)
                        .isEqualTo(node == null);
            } else {
                assertThat(err).as("a read's error").isEqualTo(ErrorCode.SESSION_EXPIRED);
            }
            boolean registers = err == 0 || (err == ErrorCode.NO_NODE && request instanceof ClientRequest.Exists);
            if (watch && registers) {
                armed.add(new Watch(c.connectionId, path, child));
            }
        }

        // ---- the mirror ----

        /** Applies durable txns up to {@code zxid} to the mirror, checking each decision and owing its notifications. */
        private void advanceMirror(long zxid) {
            while (!mirrorQueue.isEmpty() && mirrorQueue.peekFirst().header().zxid() <= Math.min(zxid, persisted)) {
                Action.Persist p = mirrorQueue.pollFirst();
                long before = p.header().zxid() - 1;
                assertThat(expected).as("notifications for zxid %d never sent", before)
                        .noneMatch(n -> n.zxid() <= before);
                ClientRequest request = requestOfZxid.remove(p.header().zxid());
                if (request != null) {
                    checkDecision(request, authOfZxid.remove(p.header().zxid()), p.txn());
                }
                List<WatchTrigger> triggers = new ArrayList<>();
                TxnResult result = mirror.apply(p.header(), p.txn(), triggers);
                checkApplied(p, result);
                for (WatchTrigger t : triggers) {
                    owe(t, p.header().zxid());
                }
            }
        }

        /** Successful txns must apply cleanly; the tree they leave keeps ZooKeeper's invariants. */
        private void checkApplied(Action.Persist p, TxnResult result) {
            switch (p.txn()) {
                case Txn.Error e -> assertThat(result.err()).isEqualTo(e.err());
                case Txn.CloseSession cs -> assertThat(mirror.ephemeralsOf(p.header().sessionId())).isEmpty();
                case Txn.Multi m -> {
                    boolean failed = m.txns().stream().anyMatch(t -> t instanceof Txn.Error);
                    if (!failed) {
                        assertThat(result.multi()).as("a prepared multi applies cleanly: %s", p)
                                .allMatch(r -> r.err() == 0);
                    } else {
                        assertThat(result.multi()).allMatch(r -> r.type() == OpCode.ERROR);
                    }
                }
                default -> assertThat(result.err()).as("a prepared txn applies cleanly: %s", p).isZero();
            }
        }

        /** What the preparer decided must be right for the tree as it stands when the txn applies. */
        private void checkDecision(ClientRequest request, List<Id> auth, Txn txn) {
            int err = txn instanceof Txn.Error e ? e.err() : 0;
            switch (request) {
                case ClientRequest.Create c -> checkCreate(c.path(), c.flags(), c.acl(), auth, txn, err);
                case ClientRequest.CreateTtl c -> checkCreate(c.path(), c.flags(), c.acl(), auth, txn, err);
                case ClientRequest.Delete d -> {
                    DataNode parent = mirror.get(PathValidator.parentOf(d.path()));
                    DataNode node = mirror.get(d.path());
                    switch (err) {
                        case 0 -> {
                            assertThat(node).as("deleted a missing node %s", d.path()).isNotNull();
                            assertThat(node.childCount()).isZero();
                            assertThat(d.version() == -1 || d.version() == node.version())
                                    .as("delete of %s at version %d succeeded on version %d", d.path(), d.version(), node.version())
                                    .isTrue();
                            assertThat(AccessControl.permits(parent.acl(), Perms.DELETE, auth)).isTrue();
                        }
                        case ErrorCode.NO_NODE -> assertThat(node).as("NoNode for existing %s", d.path()).isNull();
                        case ErrorCode.NOT_EMPTY -> assertThat(node.childCount()).isPositive();
                        case ErrorCode.BAD_VERSION -> assertThat(node.version()).isNotEqualTo(d.version());
                        case ErrorCode.NO_AUTH -> assertThat(AccessControl.permits(parent.acl(), Perms.DELETE, auth)).isFalse();
                        default -> assertThat(err).isIn(ErrorCode.SESSION_EXPIRED, ErrorCode.BAD_ARGUMENTS);
                    }
                }
                case ClientRequest.SetData s -> {
                    DataNode node = mirror.get(s.path());
                    switch (err) {
                        case 0 -> {
                            assertThat(node).as("setData on a missing node %s", s.path()).isNotNull();
                            assertThat(((Txn.SetData) txn).version()).isEqualTo(node.version() + 1);
                            assertThat(s.version() == -1 || s.version() == node.version())
                                    .as("setData of %s at version %d succeeded on version %d", s.path(), s.version(), node.version())
                                    .isTrue();
                            assertThat(AccessControl.permits(node.acl(), Perms.WRITE, auth)).isTrue();
                        }
                        case ErrorCode.NO_NODE -> assertThat(node).isNull();
                        case ErrorCode.BAD_VERSION -> assertThat(node.version()).isNotEqualTo(s.version());
                        case ErrorCode.NO_AUTH -> assertThat(AccessControl.permits(node.acl(), Perms.WRITE, auth)).isFalse();
                        default -> assertThat(err).isEqualTo(ErrorCode.SESSION_EXPIRED);
                    }
                }
                case ClientRequest.SetAcl s -> {
                    DataNode node = mirror.get(s.path());
                    switch (err) {
                        case 0 -> {
                            assertThat(node).isNotNull();
                            assertThat(((Txn.SetAcl) txn).version()).isEqualTo(node.aversion() + 1);
                            assertThat(s.version() == -1 || s.version() == node.aversion())
                                    .as("setACL of %s at aversion %d succeeded on %d", s.path(), s.version(), node.aversion())
                                    .isTrue();
                            assertThat(AccessControl.permits(node.acl(), Perms.ADMIN, auth)).isTrue();
                            assertThat(((Txn.SetAcl) txn).acl()).isEqualTo(AccessControl.fixup(s.acl(), auth));
                        }
                        case ErrorCode.NO_NODE -> assertThat(node).isNull();
                        case ErrorCode.BAD_VERSION -> assertThat(node.aversion()).isNotEqualTo(s.version());
                        case ErrorCode.NO_AUTH -> assertThat(AccessControl.permits(node.acl(), Perms.ADMIN, auth)).isFalse();
                        case ErrorCode.INVALID_ACL -> assertThat(AccessControl.fixup(s.acl(), auth)).isNull();
                        default -> assertThat(err).isEqualTo(ErrorCode.SESSION_EXPIRED);
                    }
                }
                default -> {
                }
            }
        }

        private void checkCreate(String requestedPath, int flags, List<Acl> requestedAcl, List<Id> auth, Txn txn, int err) {
            CreateMode mode = CreateMode.fromFlag(flags);
            String parentPath = PathValidator.parentOf(requestedPath);
            DataNode parent = mirror.get(parentPath);
            switch (err) {
                case 0 -> {
                    String path = switch (txn) {
                        case Txn.Create t -> t.path();
                        case Txn.CreateContainer t -> t.path();
                        case Txn.CreateTtl t -> t.path();
                        default -> throw new AssertionError("a create became " + txn);
                    };
                    assertThat(parent).as("created %s without its parent", path).isNotNull();
                    assertThat(mirror.get(path)).as("created %s twice", path).isNull();
                    assertThat(EphemeralOwner.isSession(parent.ephemeralOwner())).as("a child of an ephemeral").isFalse();
                    assertThat(AccessControl.permits(parent.acl(), Perms.CREATE, auth)).isTrue();
                    String expectedPath = mode.isSequential()
                            ? requestedPath + String.format(Locale.ROOT, "%010d", parent.cversion())
                            : requestedPath;
                    assertThat(path).isEqualTo(expectedPath);
                }
                case ErrorCode.NO_NODE -> assertThat(parent).as("NoNode though %s exists", parentPath).isNull();
                case ErrorCode.NODE_EXISTS -> {
                    String path = mode.isSequential()
                            ? requestedPath + String.format(Locale.ROOT, "%010d", parent.cversion())
                            : requestedPath;
                    assertThat(mirror.get(path)).as("NodeExists for a missing %s", path).isNotNull();
                }
                case ErrorCode.NO_CHILDREN_FOR_EPHEMERALS ->
                        assertThat(EphemeralOwner.isSession(parent.ephemeralOwner())).isTrue();
                case ErrorCode.NO_AUTH -> assertThat(AccessControl.permits(parent.acl(), Perms.CREATE, auth)).isFalse();
                case ErrorCode.INVALID_ACL -> assertThat(AccessControl.fixup(requestedAcl, auth)).isNull();
                default -> assertThat(err).isEqualTo(ErrorCode.SESSION_EXPIRED);
            }
        }

        /** ZooKeeper's one-shot semantics: a trigger consumes every matching registration, visible or not. */
        private void owe(WatchTrigger t, long zxid) {
            List<Watch> hit = new ArrayList<>();
            for (Watch w : armed) {
                if (!w.path().equals(t.path())) {
                    continue;
                }
                boolean matches = switch (t.eventType()) {
                    case WatchEventType.NODE_CHILDREN_CHANGED -> w.child();
                    case WatchEventType.NODE_DELETED -> true;
                    default -> !w.child();
                };
                if (matches) {
                    hit.add(w);
                }
            }
            armed.removeAll(hit);
            Set<Long> notified = new HashSet<>();
            for (Watch w : hit) {
                Client c = byConnection.get(w.connectionId());
                if (AccessControl.permits(t.acl(), Perms.READ, c.authInfo()) && notified.add(w.connectionId())) {
                    expected.add(new Notification(w.connectionId(), t.path(), t.eventType(), zxid));
                }
            }
        }

        /** After every step: the mirror equals the Peer, and the tree keeps its invariants. */
        private void checkState(Event event) {
            assertThat(peer.lastProcessedZxid()).as("lastProcessedZxid never decreases").isGreaterThanOrEqualTo(lastProcessed);
            lastProcessed = peer.lastProcessedZxid();
            assertThat(lastProcessed).as("applied only what is durable").isLessThanOrEqualTo(persisted);
            assertThat(mirror.lastProcessedZxid()).as("after %s", event).isEqualTo(lastProcessed);
            assertThat(peer.nodeCount()).isEqualTo(mirror.nodeCount());
            assertThat(peer.approximateDataSize()).isEqualTo(mirror.approximateDataSize());
            Map<Long, List<String>> mirrorEphemerals = new TreeMap<>();
            mirror.ephemerals().forEach((s, paths) -> mirrorEphemerals.put(s, List.copyOf(paths)));
            assertThat(peer.ephemeralsBySession()).isEqualTo(mirrorEphemerals);
            Set<Long> tracked = peer.sessionTimeouts().keySet();
            ArrayDeque<String> pending = new ArrayDeque<>(List.of("/"));
            while (!pending.isEmpty()) {
                String path = pending.pop();
                DataNode node = mirror.get(path);
                Stat stat = node.stat();
                assertThat(stat.numChildren()).isEqualTo(node.children().size());
                if (stat.czxid() > 0) {
                    assertThat(stat.cversion()).as("cversion of %s", path).isGreaterThanOrEqualTo(stat.numChildren());
                    assertThat(node.cversion()).as("stored cversion of %s", path).isGreaterThanOrEqualTo(stat.numChildren());
                }
                long owner = stat.ephemeralOwner();
                if (EphemeralOwner.isSession(owner)) {
                    assertThat(stat.numChildren()).as("children under ephemeral %s", path).isZero();
                    assertThat(tracked).as("%s is owned by session 0x%x which the server no longer tracks", path, owner)
                            .contains(owner);
                }
                for (String name : node.children()) {
                    String childPath = "/".equals(path) ? "/" + name : path + "/" + name;
                    DataNode child = mirror.get(childPath);
                    assertThat(child).as("listed child %s exists", childPath).isNotNull();
                    assertThat(stat.pzxid()).as("pzxid of %s vs czxid of %s", path, childPath)
                            .isGreaterThanOrEqualTo(child.stat().czxid());
                    pending.push(childPath);
                }
            }
        }
    }
}
