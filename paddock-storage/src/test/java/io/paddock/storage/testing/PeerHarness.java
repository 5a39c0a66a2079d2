package io.paddock.storage.testing;

import io.paddock.core.node.Action;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.core.node.RecoveredState;
import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.EphemeralOwner;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import io.paddock.core.wire.RequestHeader;
import io.paddock.storage.log.LoggedTxn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Peer driven by small abstract operations (jqwik can generate and shrink them), with every Persist
 * made durable at once and kept in {@link #log}: the live tree and the exact txn history that produced it.
 * Operations pick their targets among the nodes that exist now, by index, so most of them succeed.
 */
public final class PeerHarness {
    public static final int TICK = 100;
    static final List<Acl> OTHER_ACL = List.of(new Acl(Perms.ALL, new Id("ip", "127.0.0.1")));

    public enum Kind {
        CREATE, CREATE_EPHEMERAL, CREATE_SEQUENTIAL, CREATE_CONTAINER, CREATE_TTL, DELETE, SET_DATA, SET_ACL,
        MULTI, FAILED_MULTI, NEW_SESSION, CLOSE_SESSION, TICK
    }

    /** One client action; {@code target} picks a node, {@code name} a child name, {@code flavor} a session and data. */
    public record Op(Kind kind, int target, int name, int flavor) {
        @Override
        public String toString() {
            return kind + "(" + target + "," + name + "," + flavor + ")";
        }
    }

    private final RecoveredState state;
    private final Peer peer;
    private final List<LoggedTxn> log = new ArrayList<>();
    private final List<Long> connections = new ArrayList<>();
    private final List<Action.Persist> unpersisted = new ArrayList<>();
    private long now = 1_000_000;
    private long nextConnection = 1;
    private int nextXid = 1;

    public PeerHarness() {
        this(RecoveredState.empty());
    }

    public PeerHarness(RecoveredState recovered) {
        this.state = recovered;
        this.peer = new Peer(new CoreConfig(0, TICK, 2 * TICK, 20 * TICK, null, true, TICK, 0xfffff), now, recovered);
    }

    public Peer peer() {
        return peer;
    }

    /** The Peer's live tree (the one it applies to). */
    public DataTree tree() {
        return state.tree();
    }

    /** Every txn the Peer persisted, in order. */
    public List<LoggedTxn> log() {
        return log;
    }

    public List<LoggedTxn> logAfter(long zxid) {
        return log.stream().filter(t -> t.zxid() > zxid).toList();
    }

    public void apply(Op op) {
        switch (op.kind()) {
            case NEW_SESSION -> connect();
            case CLOSE_SESSION -> {
                if (!connections.isEmpty()) {
                    long conn = connections.remove(Math.floorMod(op.flavor(), connections.size()));
                    request(conn, new ClientRequest.CloseSession());
                }
            }
            case TICK -> tick();
            default -> request(connection(op.flavor()), toRequest(op));
        }
    }

    private ClientRequest toRequest(Op op) {
        byte[] data = ("d" + op.flavor()).getBytes(StandardCharsets.UTF_8);
        return switch (op.kind()) {
            case CREATE -> create(op, CreateMode.PERSISTENT, data);
            case CREATE_EPHEMERAL -> create(op, CreateMode.EPHEMERAL, data);
            case CREATE_SEQUENTIAL -> create(op, op.flavor() % 2 == 0 ? CreateMode.PERSISTENT_SEQUENTIAL
                    : CreateMode.EPHEMERAL_SEQUENTIAL, data);
            case CREATE_CONTAINER -> new ClientRequest.Create(OpCode.CREATE_CONTAINER, childPath(op), data,
                    Acl.OPEN_ACL_UNSAFE, CreateMode.CONTAINER.flag());
            case CREATE_TTL -> new ClientRequest.CreateTtl(childPath(op), data, Acl.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_WITH_TTL.flag(), 1 + Math.floorMod(op.flavor(), 3) * TICK);
            case DELETE -> new ClientRequest.Delete(leafPath(op.target()), -1);
            case SET_DATA -> new ClientRequest.SetData(nodePath(op.target()), data, -1);
            case SET_ACL -> new ClientRequest.SetAcl(nodePath(op.target()),
                    op.flavor() % 2 == 0 ? Acl.OPEN_ACL_UNSAFE : OTHER_ACL, -1);
            case MULTI -> new ClientRequest.Multi(OpCode.MULTI, List.of(
                    (ClientRequest.MultiOp) create(op, CreateMode.PERSISTENT, data),
                    new ClientRequest.SetData(nodePath(op.target() + 1), data, -1),
                    new ClientRequest.Delete(leafPath(op.target() + op.name()), -1)));
            case FAILED_MULTI -> new ClientRequest.Multi(OpCode.MULTI, List.of(
                    (ClientRequest.MultiOp) create(op, CreateMode.PERSISTENT, data),
                    new ClientRequest.Check(nodePath(op.target()), 1_000_000)));
            default -> throw new IllegalArgumentException("not a request: " + op);
        };
    }

    private ClientRequest.Create create(Op op, CreateMode mode, byte[] data) {
        return new ClientRequest.Create(op.flavor() % 3 == 0 ? OpCode.CREATE2 : OpCode.CREATE, childPath(op), data,
                Acl.OPEN_ACL_UNSAFE, mode.flag());
    }

    private String childPath(Op op) {
        List<String> parents = paths().stream().filter(p -> depth(p) < 3 && canHaveChildren(p)).toList();
        String parent = parents.get(Math.floorMod(op.target(), parents.size()));
        return (DataTree.ROOT.equals(parent) ? "" : parent) + "/n" + Math.floorMod(op.name(), 3);
    }

    private String nodePath(int target) {
        List<String> paths = paths();
        return paths.get(Math.floorMod(target, paths.size()));
    }

    private String leafPath(int target) {
        List<String> leaves = paths().stream().filter(p -> !DataTree.ROOT.equals(p)
                && tree().get(p).childCount() == 0).toList();
        return leaves.isEmpty() ? "/n0" : leaves.get(Math.floorMod(target, leaves.size()));
    }

    private boolean canHaveChildren(String path) {
        return !EphemeralOwner.isSession(tree().get(path).ephemeralOwner());
    }

    private static int depth(String path) {
        return DataTree.ROOT.equals(path) ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }

    /** Existing nodes outside /zookeeper, sorted. */
    private List<String> paths() {
        List<String> out = new ArrayList<>();
        ArrayDeque<String> pending = new ArrayDeque<>();
        pending.push(DataTree.ROOT);
        while (!pending.isEmpty()) {
            String path = pending.pop();
            out.add(path);
            DataNode node = tree().get(path);
            for (String child : node.children()) {
                String childPath = DataTree.ROOT.equals(path) ? "/" + child : path + "/" + child;
                if (!childPath.equals(DataTree.ZOOKEEPER)) {
                    pending.push(childPath);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private long connection(int flavor) {
        if (connections.isEmpty()) {
            connect();
        }
        return connections.get(Math.floorMod(flavor, connections.size()));
    }

    public long connect() {
        long id = nextConnection++;
        step(new Event.ConnectionOpened(id, "127.0.0.1"));
        step(new Event.ConnectReceived(id, new ConnectRequest(0, 0, 10 * TICK, 0, new byte[16], false, true), now));
        connections.add(id);
        return id;
    }

    public void request(long connection, ClientRequest request) {
        now++;
        step(new Event.RequestReceived(connection, new RequestHeader(nextXid++, request.opCode()), request, now));
    }

    public void tick() {
        now += TICK;
        step(new Event.Tick(now));
    }

    private void step(Event event) {
        for (Action action : peer.step(event)) {
            switch (action) {
                case Action.Persist p -> unpersisted.add(p);
                case Action.CloseConnection c -> connections.remove(c.connectionId());
                default -> {
                }
            }
        }
        if (!unpersisted.isEmpty()) {
            List<Action.Persist> batch = List.copyOf(unpersisted);
            unpersisted.clear();
            batch.forEach(p -> log.add(new LoggedTxn(p.header(), p.txn())));
            step(new Event.Persisted(batch.get(batch.size() - 1).header().zxid()));
        }
    }
}
