package io.paddock.core.node;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.RequestHeader;
import io.paddock.core.zab.MemberRole;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.QuorumConfig;
import io.paddock.core.zab.QuorumMember;
import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * A scripted ensemble of {@link ReplicatedPeer}s with clients: FIFO links between servers, disks that complete
 * every write at once, and client connections whose server actions are collected per connection. Delivery
 * order is fixed (lowest link first), so each test is one exact schedule.
 */
final class PeerEnsemble {
    static final int TICK_MS = 100;

    final Map<Long, ReplicatedPeer> servers = new TreeMap<>();
    final Map<Long, List<ZabAction>> zabActions = new TreeMap<>();
    /** Everything each client connection received, in order. */
    final Map<Long, List<Action>> received = new TreeMap<>();
    private final Map<Long, Long> serverOfConnection = new TreeMap<>();
    private final Map<String, ArrayDeque<PeerMessage>> links = new TreeMap<>();
    private final Set<Long> isolated = new HashSet<>();
    private long nextConnection = 1;
    private long wallTime = 1_700_000_000_000L;

    static PeerEnsemble of(int voters) {
        return of(voters, ReplicatedPeer.Breakage.NONE);
    }

    /** Every server built with {@code breakage} (a protection removed, for breakage tests only). */
    static PeerEnsemble of(int voters, ReplicatedPeer.Breakage breakage) {
        return of(voters, breakage, false, 60_000);
    }

    /** Servers allowing TTL nodes or not, collecting containers and TTL nodes every {@code containerCheckMillis}. */
    static PeerEnsemble of(int voters, boolean extendedTypesEnabled, long containerCheckMillis) {
        return of(voters, ReplicatedPeer.Breakage.NONE, extendedTypesEnabled, containerCheckMillis);
    }

    private static PeerEnsemble of(int voters, ReplicatedPeer.Breakage breakage, boolean extendedTypesEnabled,
                                   long containerCheckMillis) {
        QuorumMember[] members = new QuorumMember[voters];
        for (int i = 0; i < voters; i++) {
            members[i] = new QuorumMember(i + 1, MemberRole.PARTICIPANT, "q", "e", "c");
        }
        QuorumConfig quorum = QuorumConfig.of(1, members);
        PeerEnsemble ensemble = new PeerEnsemble();
        for (QuorumMember m : members) {
            ZabConfig zab = new ZabConfig(m.id(), quorum, 10, 5, 2, 8, 50);
            CoreConfig clients = new CoreConfig(m.id(), TICK_MS, 2 * TICK_MS, 20 * TICK_MS, null,
                    extendedTypesEnabled, containerCheckMillis, 1 << 20);
            ensemble.servers.put(m.id(), new ReplicatedPeer(zab, clients, RecoveredHistory.empty(), ensemble.wallTime,
                    breakage));
            ensemble.zabActions.put(m.id(), new ArrayList<>());
        }
        return ensemble;
    }

    void start() {
        servers.forEach((id, s) -> handle(id, s.start()));
    }

    private void handle(long id, ReplicatedPeer.Output output) {
        zabActions.get(id).addAll(output.zab());
        long lastTxn = -1;
        for (ZabAction a : output.zab()) {
            switch (a) {
                case ZabAction.Send s -> links.computeIfAbsent(id + "->" + s.to(), k -> new ArrayDeque<>()).add(s.message());
                case ZabAction.PersistTxn p -> lastTxn = p.header().zxid();
                case ZabAction.PersistSnapshot p -> lastTxn = p.zxid();
                default -> {
                }
            }
        }
        for (Action a : output.client()) {
            long conn = switch (a) {
                case Action.SendConnectResponse r -> r.connectionId();
                case Action.SendReply r -> r.connectionId();
                case Action.SendWatchEvent w -> w.connectionId();
                case Action.CloseConnection c -> c.connectionId();
                default -> -1;
            };
            if (conn > 0) {
                received.get(conn).add(a);
                if (a instanceof Action.CloseConnection) {
                    step(id, new Event.ConnectionClosed(conn));
                }
            }
        }
        if (lastTxn >= 0) {
            // this disk completes every write at once
            step(id, new ZabEvent.Persisted(lastTxn));
        }
    }

    void step(long id, ZabEvent event) {
        if (!isolated.contains(id)) {
            handle(id, servers.get(id).step(event));
        }
    }

    void step(long id, Event event) {
        handle(id, servers.get(id).step(event));
    }

    /** Delivers the first queued message whose link matches; false when none does. */
    boolean deliverOne(BiPredicate<Long, Long> linkFilter) {
        for (Map.Entry<String, ArrayDeque<PeerMessage>> e : links.entrySet()) {
            String[] ends = e.getKey().split("->");
            long from = Long.parseLong(ends[0]);
            long to = Long.parseLong(ends[1]);
            if (!e.getValue().isEmpty() && linkFilter.test(from, to)) {
                PeerMessage message = e.getValue().pollFirst();
                if (!isolated.contains(from)) {
                    step(to, new ZabEvent.MessageReceived(from, message));
                }
                return true;
            }
        }
        return false;
    }

    void deliverAll() {
        deliverAllBut(0);
    }

    /** Delivers every message except those to {@code heldBack} (0: none held back). */
    void deliverAllBut(long heldBack) {
        for (int n = 0; n < 100_000; n++) {
            if (!deliverOne((from, to) -> to != heldBack)) {
                return;
            }
        }
        throw new AssertionError("the ensemble never went quiet");
    }

    void tickAll() {
        wallTime += TICK_MS;
        for (long id : servers.keySet()) {
            step(id, new ZabEvent.Tick(wallTime));
        }
    }

    /** Ticks and delivers until every server is serving; fails after 200 ticks. */
    void awaitServing() {
        for (int t = 0; t < 200; t++) {
            deliverAll();
            if (servers.values().stream().filter(s -> !isolated.contains(id(s))).allMatch(ReplicatedPeer::serving)) {
                return;
            }
            tickAll();
        }
        throw new AssertionError("not every server serves: " + states());
    }

    /** Ticks and delivers until a server other than {@code old} leads and every reachable server serves. */
    void awaitNewLeader(long old) {
        for (int t = 0; t < 400; t++) {
            deliverAll();
            boolean replaced = servers.entrySet().stream().anyMatch(e -> e.getKey() != old
                    && !isolated.contains(e.getKey()) && e.getValue().state() == PeerState.LEADING);
            if (replaced && servers.entrySet().stream().filter(e -> !isolated.contains(e.getKey()))
                    .allMatch(e -> e.getValue().serving())) {
                return;
            }
            tickAll();
        }
        throw new AssertionError("no new leader after S" + old + ": " + states());
    }

    private long id(ReplicatedPeer s) {
        return servers.entrySet().stream().filter(e -> e.getValue() == s).findFirst().orElseThrow().getKey();
    }

    /** The leading server that is not cut off, or -1. */
    long leader() {
        return servers.entrySet().stream().filter(e -> !isolated.contains(e.getKey()))
                .filter(e -> e.getValue().state() == PeerState.LEADING)
                .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
    }

    long aFollower() {
        return servers.entrySet().stream().filter(e -> e.getValue().state() == PeerState.FOLLOWING)
                .mapToLong(Map.Entry::getKey).findFirst().orElseThrow();
    }

    Map<Long, String> states() {
        Map<Long, String> states = new TreeMap<>();
        servers.forEach((id, s) -> states.put(id, s.state() + (s.serving() ? "+serving" : "")));
        return states;
    }

    /** Cuts a server off: it receives and sends nothing; messages queued to or from it are dropped. */
    void isolate(long id) {
        isolated.add(id);
        links.entrySet().removeIf(e -> e.getKey().startsWith(id + "->") || e.getKey().endsWith("->" + id));
    }

    void rejoin(long id) {
        isolated.remove(id);
        for (long other : servers.keySet()) {
            if (other != id) {
                step(other, new ZabEvent.Disconnected(id));
                step(id, new ZabEvent.Disconnected(other));
            }
        }
    }

    // ---- clients ----

    /** Opens a connection to {@code server} and sends a ConnectRequest; returns the connection id. */
    long connect(long server, long sessionId, byte[] password, long lastZxidSeen) {
        long conn = nextConnection++;
        received.put(conn, new ArrayList<>());
        serverOfConnection.put(conn, server);
        step(server, new Event.ConnectionOpened(conn, "10.0.0." + conn));
        step(server, new Event.ConnectReceived(conn, new ConnectRequest(0, lastZxidSeen, 10 * TICK_MS, sessionId,
                password == null ? new byte[16] : password, false, true), wallTime));
        return conn;
    }

    long newSession(long server) {
        return connect(server, 0, null, 0);
    }

    void send(long conn, int xid, ClientRequest request) {
        step(serverOfConnection.get(conn), new Event.RequestReceived(conn, new RequestHeader(xid, request.opCode()),
                request, wallTime));
    }

    ConnectResponse connectResponse(long conn) {
        return received.get(conn).stream().filter(a -> a instanceof Action.SendConnectResponse)
                .map(a -> ((Action.SendConnectResponse) a).response()).findFirst().orElse(null);
    }

    boolean closed(long conn) {
        return received.get(conn).stream().anyMatch(a -> a instanceof Action.CloseConnection);
    }

    Action.SendReply reply(long conn, int xid) {
        return received.get(conn).stream().filter(a -> a instanceof Action.SendReply r && r.header().xid() == xid)
                .map(Action.SendReply.class::cast).findFirst().orElse(null);
    }

    List<Action.SendWatchEvent> watchEvents(long conn) {
        return received.get(conn).stream().filter(a -> a instanceof Action.SendWatchEvent)
                .map(Action.SendWatchEvent.class::cast).toList();
    }

    long serverOf(long conn) {
        return serverOfConnection.get(conn);
    }
}
