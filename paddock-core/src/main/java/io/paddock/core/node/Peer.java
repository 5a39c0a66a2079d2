package io.paddock.core.node;

import io.paddock.core.node.Action.TraceLevel;
import io.paddock.core.session.Session;
import io.paddock.core.session.SessionPasswords;
import io.paddock.core.session.SessionTable;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.tree.TxnResult;
import io.paddock.core.tree.WatchTrigger;
import io.paddock.core.watch.WatchTable;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A standalone server's whole protocol state, driven one event at a time. Writes are prepared into txns
 * (validated against everything already prepared), handed out as {@link Action.Persist}, and applied, with
 * watches fired and replies sent, only when {@link Event.Persisted} says they are durable. Reads are answered
 * from the applied tree, after any earlier request of the same connection.
 */
public final class Peer implements ServerView {
    /** A txn handed out for persistence and not yet applied; {@code slot} is null for the server's own txns. */
    private record Prepared(TxnHeader header, Txn txn, long connectionId, Connection.WriteSlot slot) {
    }

    private final CoreConfig config;
    private final DataTree tree;
    private final SessionTable sessions;
    private final PendingChanges pending;
    private final TxnPreparer preparer;
    private final ReadEvaluator reads;
    private final ClientConnections clients = new ClientConnections();
    private final WatchTable watches = clients.watches();
    private final ArrayDeque<Prepared> unapplied = new ArrayDeque<>();
    private long lastPreparedZxid;
    private long tick;
    private long wallTimeMillis;
    private long lastContainerCheckMillis;
    private List<Action> out = new ArrayList<>();

    public Peer(CoreConfig config, long startWallTimeMillis) {
        this(config, startWallTimeMillis, RecoveredState.empty());
    }

    /**
     * A server resuming from storage. Recovered sessions get their full timeout from now, as ZooKeeper gives
     * them after a restart, so their clients can reconnect and keep their ephemerals.
     */
    public Peer(CoreConfig config, long startWallTimeMillis, RecoveredState recovered) {
        this.config = config;
        this.tree = recovered.tree();
        this.pending = new PendingChanges(tree);
        this.lastPreparedZxid = tree.lastProcessedZxid();
        this.sessions = new SessionTable(config.serverId(), config.tickTimeMillis(), startWallTimeMillis);
        recovered.sessionTimeouts().forEach((id, timeout) -> sessions.track(id, timeout, 0));
        this.preparer = new TxnPreparer(pending, sessions, config.extendedTypesEnabled());
        this.reads = new ReadEvaluator(tree, watches);
        this.wallTimeMillis = startWallTimeMillis;
        this.lastContainerCheckMillis = startWallTimeMillis;
    }

    /** The only entry point: applies one event and returns what the runtime must do, in order. */
    public List<Action> step(Event event) {
        out = new ArrayList<>();
        switch (event) {
            case Event.Tick t -> onTick(t.wallTimeMillis());
            case Event.ConnectionOpened o -> clients.opened(o.connectionId(), o.remoteHost());
            case Event.ConnectReceived c -> onConnect(c);
            case Event.RequestReceived r -> onRequest(r);
            case Event.RequestUndecodable u -> onUndecodable(u);
            case Event.ConnectionClosed c -> clients.closed(c.connectionId());
            case Event.Persisted p -> onPersisted(p.zxid());
        }
        return out;
    }

    // ---- connections and sessions ----

    private void onConnect(Event.ConnectReceived event) {
        wallTimeMillis = Math.max(wallTimeMillis, event.wallTimeMillis());
        Connection conn = clients.get(event.connectionId());
        if (conn == null) {
            return;
        }
        if (conn.state != Connection.State.AWAITING_CONNECT) {
            close(conn, "a second ConnectRequest on one connection");
            return;
        }
        ConnectRequest request = event.request();
        if (request.lastZxidSeen() > tree.lastProcessedZxid()) {
            trace(TraceLevel.INFO, "Refusing session 0x%x: the client has seen zxid 0x%x, ours is 0x%x; it must try another server",
                    request.sessionId(), request.lastZxidSeen(), tree.lastProcessedZxid());
            close(conn, "client has seen a newer zxid");
            return;
        }
        int timeout = Math.min(Math.max(request.timeOut(), config.minSessionTimeoutMillis()), config.maxSessionTimeoutMillis());
        conn.timeoutMillis = timeout;
        conn.readOnlyPresent = request.readOnlyPresent();
        if (request.sessionId() == 0) {
            long sessionId = sessions.allocateId();
            sessions.track(sessionId, timeout, tick);
            clients.attach(conn, sessionId);
            conn.state = Connection.State.CONNECTING;
            submit(new TxnHeader(sessionId, 0, ++lastPreparedZxid, wallTimeMillis, OpCode.CREATE_SESSION),
                    new Txn.CreateSession(timeout), conn.id, null);
            return;
        }
        long sessionId = request.sessionId();
        // ZooKeeper drops the session's current connection before it checks the password, so even a failed
        // resume disconnects it (its client then reconnects); the order is part of the observable behaviour.
        Connection previous = clients.ofSession(sessionId);
        if (previous != null && previous != conn) {
            close(previous, "the client reconnected on another connection");
        }
        if (!SessionPasswords.matches(sessionId, request.passwd()) || !sessions.touch(sessionId, timeout, tick)) {
            trace(TraceLevel.INFO, "Session 0x%x cannot be resumed (expired or wrong password)", sessionId);
            out.add(new Action.SendConnectResponse(conn.id, ConnectResponse.expired(conn.readOnlyPresent)));
            close(conn, "session expired");
            return;
        }
        clients.attach(conn, sessionId);
        establish(conn);
    }

    private void establish(Connection conn) {
        conn.state = Connection.State.CONNECTED;
        out.add(new Action.SendConnectResponse(conn.id, new ConnectResponse(0, conn.timeoutMillis, conn.sessionId,
                SessionPasswords.of(conn.sessionId), false, conn.readOnlyPresent)));
        while (!conn.deferred.isEmpty() && conn.state == Connection.State.CONNECTED) {
            onRequest(conn.deferred.poll());
        }
    }

    private void close(Connection conn, String reason) {
        clients.close(conn, reason, out);
    }

    // ---- requests ----

    private void onRequest(Event.RequestReceived event) {
        wallTimeMillis = Math.max(wallTimeMillis, event.wallTimeMillis());
        Connection conn = clients.get(event.connectionId());
        if (conn == null || conn.state == Connection.State.CLOSED) {
            return;
        }
        switch (conn.state) {
            case AWAITING_CONNECT -> {
                close(conn, "request before ConnectRequest");
                return;
            }
            case CONNECTING -> {
                conn.deferred.add(event);
                return;
            }
            default -> {
            }
        }
        sessions.touch(conn.sessionId, tick);
        RequestHeader header = event.header();
        ClientRequest request = event.request();
        switch (request) {
            case ClientRequest.Auth a -> {
                if (!ClientAuth.authenticate(conn, header, a, config.superDigest(), out)) {
                    close(conn, "authentication failed");
                }
            }
            case ClientRequest.Sasl s -> {
                trace(TraceLevel.INFO, "SASL from connection %d refused: SASL is not configured", conn.id);
                out.add(new Action.SendReply(conn.id, new ReplyHeader(header.xid(), 0, ErrorCode.AUTH_FAILED), null));
                close(conn, "SASL not configured");
            }
            case ClientRequest.Check c -> unimplemented(conn, header);
            case ClientRequest.Create c -> write(conn, header, request);
            case ClientRequest.CreateTtl c -> write(conn, header, request);
            case ClientRequest.Delete d -> write(conn, header, request);
            case ClientRequest.DeleteContainer d -> write(conn, header, request);
            case ClientRequest.SetData s -> write(conn, header, request);
            case ClientRequest.SetAcl s -> write(conn, header, request);
            case ClientRequest.Reconfig r -> write(conn, header, request);
            case ClientRequest.CloseSession c -> write(conn, header, request);
            case ClientRequest.Multi m when m.opCode() == OpCode.MULTI -> write(conn, header, request);
            default -> {
                conn.queue.add(new Connection.ReadSlot(header, request));
                drain(conn);
            }
        }
    }

    private void onUndecodable(Event.RequestUndecodable event) {
        Connection conn = clients.get(event.connectionId());
        if (conn == null || conn.state != Connection.State.CONNECTED) {
            if (conn != null) {
                close(conn, "undecodable request before the session was established");
            }
            return;
        }
        if (event.unknownOpcode()) {
            trace(TraceLevel.WARN, "Connection %d sent unknown opcode %d; closing", conn.id, event.header().type());
            unimplemented(conn, event.header());
        } else {
            trace(TraceLevel.WARN, "Connection %d sent an undecodable %s: %s", conn.id,
                    OpCode.name(event.header().type()), event.reason());
            conn.queue.add(new Connection.ReadySlot(new Action.SendReply(conn.id,
                    new ReplyHeader(event.header().xid(), tree.lastProcessedZxid(), ErrorCode.MARSHALLING_ERROR), null)));
            drain(conn);
        }
    }

    /** ZooKeeper answers an opcode it does not serve with Unimplemented and closes the connection. */
    private void unimplemented(Connection conn, RequestHeader header) {
        conn.queueUnimplemented(header);
        drain(conn);
    }

    private void write(Connection conn, RequestHeader header, ClientRequest request) {
        long zxid = ++lastPreparedZxid;
        TxnPreparer.Caller caller = new TxnPreparer.Caller(conn.sessionId, conn.authInfo);
        Txn txn = switch (request) {
            case ClientRequest.Multi m -> preparer.prepareMulti(m.ops(), caller, zxid);
            case ClientRequest.CloseSession c ->
                    preparer.closeSession(conn.sessionId, tree.ephemeralsOf(conn.sessionId), zxid);
            case ClientRequest.Reconfig r ->
                    new Txn.Error(config.reconfigEnabled() ? ErrorCode.UNIMPLEMENTED : ErrorCode.RECONFIG_DISABLED);
            default -> preparer.prepare(request, caller, zxid);
        };
        Connection.WriteSlot slot = new Connection.WriteSlot(header, request.opCode(), zxid);
        conn.queue.add(slot);
        submit(new TxnHeader(conn.sessionId, header.xid(), zxid, wallTimeMillis, txn.type()), txn, conn.id, slot);
    }

    private void submit(TxnHeader header, Txn txn, long connectionId, Connection.WriteSlot slot) {
        assert header.zxid() == lastPreparedZxid : "txns are submitted in zxid order";
        unapplied.add(new Prepared(header, txn, connectionId, slot));
        out.add(new Action.Persist(header, txn));
    }

    // ---- durability, application, replies ----

    private void onPersisted(long zxid) {
        while (!unapplied.isEmpty() && unapplied.peekFirst().header().zxid() <= zxid) {
            apply(unapplied.pollFirst());
        }
    }

    private void apply(Prepared p) {
        List<WatchTrigger> triggers = new ArrayList<>(2);
        TxnResult result = tree.apply(p.header(), p.txn(), triggers);
        pending.appliedThrough(p.header().zxid());
        clients.fire(triggers, p.header().zxid(), out);
        Connection conn = clients.get(p.connectionId());
        switch (p.txn()) {
            case Txn.CreateSession s -> {
                if (conn != null && conn.state == Connection.State.CONNECTING) {
                    establish(conn);
                }
            }
            case Txn.CloseSession c -> {
                long sessionId = p.header().sessionId();
                sessions.remove(sessionId);
                Connection attached = clients.ofSession(sessionId);
                if (attached != null && attached.id != p.connectionId()) {
                    close(attached, "session closed");
                }
            }
            default -> {
            }
        }
        if (p.slot() != null && conn != null && conn.state != Connection.State.CLOSED) {
            p.slot().result = result;
            drain(conn);
        }
    }

    /** Sends every reply at the head of the connection's queue that is ready, in order. */
    private void drain(Connection conn) {
        while (!conn.queue.isEmpty() && conn.state == Connection.State.CONNECTED) {
            Connection.Slot head = conn.queue.peekFirst();
            switch (head) {
                case Connection.ReadySlot r -> {
                    conn.queue.pollFirst();
                    if (r.action() instanceof Action.CloseConnection) {
                        close(conn, ((Action.CloseConnection) r.action()).reason());
                        return;
                    }
                    out.add(r.action());
                }
                case Connection.ReadSlot r -> {
                    conn.queue.pollFirst();
                    Session s = sessions.get(conn.sessionId);
                    if (s == null || s.isClosing()) {
                        out.add(new Action.SendReply(conn.id, new ReplyHeader(r.header().xid(),
                                tree.lastProcessedZxid(), ErrorCode.SESSION_EXPIRED), null));
                    } else {
                        reads.evaluate(conn, r.header(), r.request(), out);
                    }
                }
                case Connection.SyncSlot s -> throw new IllegalStateException("a standalone server answers sync at once");
                case Connection.WriteSlot w -> {
                    if (w.result == null) {
                        return;
                    }
                    conn.queue.pollFirst();
                    out.add(WriteReplies.reply(conn.id, w));
                    if (w.opCode == OpCode.CLOSE_SESSION) {
                        close(conn, "session closed by the client");
                        return;
                    }
                }
            }
        }
    }

    // ---- time ----

    private void onTick(long now) {
        tick++;
        wallTimeMillis = Math.max(wallTimeMillis, now);
        for (long sessionId : sessions.expire(tick)) {
            trace(TraceLevel.INFO, "Expiring session 0x%x, timeout of %d ms exceeded", sessionId,
                    sessions.get(sessionId).timeoutMillis());
            long zxid = ++lastPreparedZxid;
            Txn txn = preparer.closeSession(sessionId, tree.ephemeralsOf(sessionId), zxid);
            submit(new TxnHeader(sessionId, 0, zxid, wallTimeMillis, OpCode.CLOSE_SESSION), txn, -1, null);
        }
        if (wallTimeMillis - lastContainerCheckMillis >= config.containerCheckIntervalMillis()) {
            lastContainerCheckMillis = wallTimeMillis;
            collectContainersAndTtls();
        }
    }

    /** Deletes empty containers that once had children, and TTL nodes idle past their TTL, as ZooKeeper does. */
    private void collectContainersAndTtls() {
        for (String path : ContainerSweep.candidates(tree, pending, wallTimeMillis)) {
            long zxid = ++lastPreparedZxid;
            Txn txn = preparer.prepare(new ClientRequest.DeleteContainer(path), TxnPreparer.Caller.SERVER, zxid);
            submit(new TxnHeader(0, 0, zxid, wallTimeMillis, txn.type()), txn, -1, null);
        }
    }

    private void trace(TraceLevel level, String format, Object... args) {
        out.add(new Action.Trace(level, String.format(Locale.ROOT, format, args)));
    }

    /**
     * Starts a fuzzy snapshot of the applied (hence durable) state: the sessions now, and a cursor the caller
     * advances between batches on this thread. Restore it, then replay the log after its start zxid.
     */
    public SnapshotStart startSnapshot() {
        return new SnapshotStart(new TreeSnapshotCursor(tree), sessionTimeouts());
    }

    /** A snapshot's beginning: the tree walk and the session table it starts with. */
    public record SnapshotStart(TreeSnapshotCursor cursor, Map<Long, Integer> sessionTimeouts) {
    }

    // ---- ServerView ----

    public long lastProcessedZxid() {
        return tree.lastProcessedZxid();
    }

    public int nodeCount() {
        return tree.nodeCount();
    }

    public long approximateDataSize() {
        return tree.approximateDataSize();
    }

    public int sessionCount() {
        return sessions.size();
    }

    public Map<Long, Integer> sessionTimeouts() {
        Map<Long, Integer> result = new TreeMap<>();
        for (Session s : sessions.all()) {
            result.put(s.id(), s.timeoutMillis());
        }
        return result;
    }

    public Map<Long, List<String>> ephemeralsBySession() {
        Map<Long, List<String>> result = new TreeMap<>();
        tree.ephemerals().forEach((session, paths) -> result.put(session, List.copyOf(paths)));
        return result;
    }

    public int ephemeralCount() {
        int count = 0;
        for (var paths : tree.ephemerals().values()) {
            count += paths.size();
        }
        return count;
    }

    public int watchingConnectionCount() {
        return watches.summary().connections();
    }

    public int watchedPathCount() {
        return watches.summary().paths();
    }

    public int watchCount() {
        return watches.watchCount();
    }

    public Map<Long, List<String>> watchedPathsByConnection() {
        return watches.pathsByConnection();
    }

    public Map<String, List<Long>> watchingConnectionsByPath() {
        return watches.connectionsByPath();
    }

    public int outstandingRequests() {
        int count = 0;
        for (Connection c : clients.all()) {
            count += c.queue.size() + c.deferred.size();
        }
        return count;
    }

    public long sessionOf(long connectionId) {
        Connection conn = clients.get(connectionId);
        return conn == null ? 0 : conn.sessionId;
    }
}
