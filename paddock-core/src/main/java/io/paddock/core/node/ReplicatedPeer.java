package io.paddock.core.node;

import io.paddock.core.node.Action.TraceLevel;
import io.paddock.core.session.SessionPasswords;
import io.paddock.core.session.SessionTable;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.Replica;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * One server of an ensemble as clients see it: ZooKeeper's client protocol over a {@link Replica}. A server
 * serves clients only while it is an established leader or a synced learner; when its role ends every client
 * connection is closed (its clients reconnect elsewhere), as ZooKeeper does. Reads are answered from the
 * committed tree after the connection's earlier requests; writes, syncs and session creation go through the
 * replica and are answered when their txn is delivered here. Sessions are global: created and closed by txns,
 * renewed by the leader from the touches this server reports, expired by the leader; a client resuming its
 * session here is revalidated by the leader, which makes this server the session's owner (a request still
 * arriving through the old server then fails with SessionMoved).
 */
public final class ReplicatedPeer {

    /** What one step asks of the runtime: the replica's actions and the client-facing actions, each in order. */
    public record Output(List<ZabAction> zab, List<Action> client) {
    }

    private final CoreConfig config;
    private final Replica replica;
    private final SessionTable ids;
    private final ClientConnections clients = new ClientConnections();
    /** Sessions this server's clients used since the last tick: reported to the replica (the leader renews them). */
    private final TreeMap<Long, Integer> touched = new TreeMap<>();
    private final Breakage breakage;
    private final long startWallTimeMillis;
    private ReadEvaluator reads;
    private DataTree readTree;
    private boolean serving;
    /** True while the replica is inside a step (its observer is running): submissions wait in {@link #toSubmit}. */
    private boolean inReplica;
    private final ArrayDeque<PeerMessage.Request> toSubmit = new ArrayDeque<>();
    private List<ZabAction> zabOut = new ArrayList<>();
    private List<Action> out = new ArrayList<>();

    /**
     * Protections a test may remove to show a scenario failing without them (seed 001). Package-private: no
     * production code can construct a broken server.
     */
    enum Breakage {
        NONE,
        /** Accept a client whose last seen zxid is ahead of this server. */
        SKIP_LAST_ZXID_SEEN_CHECK,
        /**
         * As above, and resume a session at once instead of waiting for the leader's revalidation, whose answer
         * arrives behind every commit the leader sent before it (the barrier that makes the check alone redundant).
         */
        SKIP_LAST_ZXID_SEEN_CHECK_AND_REVALIDATION
    }

    public ReplicatedPeer(ZabConfig zab, CoreConfig clients, RecoveredHistory recovered, long startWallTimeMillis) {
        this(zab, clients, recovered, startWallTimeMillis, Breakage.NONE);
    }

    ReplicatedPeer(ZabConfig zab, CoreConfig clients, RecoveredHistory recovered, long startWallTimeMillis,
                   Breakage breakage) {
        if (zab.serverId() != clients.serverId()) {
            throw new IllegalArgumentException("replica S" + zab.serverId() + " but client config S" + clients.serverId());
        }
        this.config = clients;
        this.replica = new Replica(zab, recovered, ReplicatedTxns.maker(clients), this::onReplicaAction);
        this.ids = new SessionTable(clients.serverId(), clients.tickTimeMillis(), startWallTimeMillis);
        this.breakage = breakage;
        this.startWallTimeMillis = startWallTimeMillis;
    }

    public Output start() {
        begin();
        inReplica = true;
        try {
            zabOut.addAll(replica.start(startWallTimeMillis));
        } finally {
            inReplica = false;
        }
        submitQueued();
        return end();
    }

    /** Replication events; a {@link ZabEvent.Tick} also reports the sessions clients used since the last one. */
    public Output step(ZabEvent event) {
        begin();
        if (event instanceof ZabEvent.Tick && !touched.isEmpty()) {
            stepReplica(new ZabEvent.SessionsTouched(touched));
            touched.clear();
        }
        stepReplica(event);
        return end();
    }

    /** Client events: connections, connects, requests. {@link Event.Tick} and {@link Event.Persisted} are refused. */
    public Output step(Event event) {
        begin();
        switch (event) {
            case Event.ConnectionOpened o -> clients.opened(o.connectionId(), o.remoteHost());
            case Event.ConnectReceived c -> onConnect(c);
            case Event.RequestReceived r -> onRequest(r);
            case Event.RequestUndecodable u -> onUndecodable(u);
            case Event.ConnectionClosed c -> clients.closed(c.connectionId());
            case Event.Tick t -> throw new IllegalArgumentException("an ensemble server ticks with ZabEvent.Tick");
            case Event.Persisted p -> throw new IllegalArgumentException("an ensemble server's storage reports to its replica");
        }
        return end();
    }

    private void begin() {
        zabOut = new ArrayList<>();
        out = new ArrayList<>();
    }

    private Output end() {
        return new Output(zabOut, out);
    }

    /** One replica step; requests the step's own effects submit (replayed ones) go in after it, in order. */
    private void stepReplica(ZabEvent event) {
        inReplica = true;
        try {
            zabOut.addAll(replica.step(event));
        } finally {
            inReplica = false;
        }
        submitQueued();
    }

    private void submitQueued() {
        while (!toSubmit.isEmpty()) {
            stepReplica(new ZabEvent.WriteSubmitted(toSubmit.poll()));
        }
    }

    /**
     * Hears of the replica's actions as they happen, so that each reply and watch event is computed against the
     * tree exactly as the txn before it left it (a step may apply several commits).
     */
    private void onReplicaAction(ZabAction action) {
        switch (action) {
            case ZabAction.Delivered d -> onDelivered(d);
            case ZabAction.SessionRevalidated r -> onRevalidated(r.sessionId(), r.valid());
            case ZabAction.SyncCompleted s -> onSyncCompleted(s.sessionId(), s.cxid());
            case ZabAction.RoleChanged r -> stopServing("the server left its role (" + r.state() + ")");
            case ZabAction.LeaderEstablished l -> serving = true;
            case ZabAction.LearnerSynced s -> serving = true;
            default -> {
            }
        }
    }

    // ---- connections and sessions ----

    private void onConnect(Event.ConnectReceived event) {
        Connection conn = clients.get(event.connectionId());
        if (conn == null) {
            return;
        }
        if (conn.state != Connection.State.AWAITING_CONNECT) {
            close(conn, "a second ConnectRequest on one connection");
            return;
        }
        if (!serving) {
            close(conn, "this server is not serving clients (no leader, or not synced with it)");
            return;
        }
        ConnectRequest request = event.request();
        long ours = replica.tree().lastProcessedZxid();
        if (breakage == Breakage.NONE && request.lastZxidSeen() > ours) {
            trace(TraceLevel.INFO, "Refusing session 0x%x: the client has seen zxid 0x%x, ours is 0x%x; it must try another server",
                    request.sessionId(), request.lastZxidSeen(), ours);
            close(conn, "client has seen a newer zxid");
            return;
        }
        int timeout = Math.min(Math.max(request.timeOut(), config.minSessionTimeoutMillis()), config.maxSessionTimeoutMillis());
        conn.timeoutMillis = timeout;
        conn.readOnlyPresent = request.readOnlyPresent();
        conn.state = Connection.State.CONNECTING;
        if (request.sessionId() == 0) {
            long sessionId = ids.allocateId();
            clients.attach(conn, sessionId);
            JuteWriter body = new JuteWriter(4);
            body.writeInt(timeout);
            submit(new PeerMessage.Request(sessionId, 0, OpCode.CREATE_SESSION, body.toByteArray()));
            return;
        }
        long sessionId = request.sessionId();
        Connection previous = clients.ofSession(sessionId);
        if (previous != null && previous != conn) {
            close(previous, "the client reconnected on another connection");
        }
        if (!SessionPasswords.matches(sessionId, request.passwd())) {
            refuseSession(conn, "wrong password");
            return;
        }
        clients.attach(conn, sessionId);
        if (breakage == Breakage.SKIP_LAST_ZXID_SEEN_CHECK_AND_REVALIDATION) {
            establish(conn);
            return;
        }
        stepReplica(new ZabEvent.RevalidateSession(sessionId, timeout));
    }

    private void refuseSession(Connection conn, String why) {
        trace(TraceLevel.INFO, "Session 0x%x cannot be resumed (%s)", conn.sessionId, why);
        out.add(new Action.SendConnectResponse(conn.id, ConnectResponse.expired(conn.readOnlyPresent)));
        close(conn, "session expired");
    }

    private void onRevalidated(long sessionId, boolean valid) {
        Connection conn = clients.ofSession(sessionId);
        if (conn == null || conn.state != Connection.State.CONNECTING) {
            return;
        }
        if (valid) {
            establish(conn);
        } else {
            refuseSession(conn, "expired");
        }
    }

    private void establish(Connection conn) {
        conn.state = Connection.State.CONNECTED;
        touched.put(conn.sessionId, conn.timeoutMillis);
        out.add(new Action.SendConnectResponse(conn.id, new ConnectResponse(0, conn.timeoutMillis, conn.sessionId,
                SessionPasswords.of(conn.sessionId), false, conn.readOnlyPresent)));
        while (!conn.deferred.isEmpty() && conn.state == Connection.State.CONNECTED) {
            onRequest(conn.deferred.poll());
        }
    }

    private void close(Connection conn, String reason) {
        clients.close(conn, reason, out);
    }

    /** The server stops serving: every client connection closes, its clients reconnect to a serving server. */
    private void stopServing(String why) {
        if (!serving) {
            return;
        }
        serving = false;
        for (Connection conn : clients.copy()) {
            close(conn, why);
        }
        touched.clear();
    }

    // ---- requests ----

    private void onRequest(Event.RequestReceived event) {
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
        touched.put(conn.sessionId, conn.timeoutMillis);
        RequestHeader header = event.header();
        ClientRequest request = event.request();
        switch (request) {
            case ClientRequest.Auth a -> {
                if (!ClientAuth.authenticate(conn, header, a, config.superDigest(), out)) {
                    close(conn, "authentication failed");
                }
            }
            case ClientRequest.Sasl s -> {
                out.add(new Action.SendReply(conn.id, new ReplyHeader(header.xid(), 0, ErrorCode.AUTH_FAILED), null));
                close(conn, "SASL not configured");
            }
            case ClientRequest.Check c -> unimplemented(conn, header);
            case ClientRequest.Reconfig r -> {
                // dynamic reconfiguration comes with its own issue; refuse it the way a server without it does
                conn.queue.add(new Connection.ReadySlot(new Action.SendReply(conn.id, new ReplyHeader(header.xid(),
                        replica.tree().lastProcessedZxid(), config.reconfigEnabled() ? ErrorCode.UNIMPLEMENTED
                        : ErrorCode.RECONFIG_DISABLED), null)));
                drain(conn);
            }
            case ClientRequest.Sync s -> {
                conn.queue.add(new Connection.SyncSlot(header, s.path()));
                submit(new PeerMessage.Request(conn.sessionId, header.xid(), OpCode.SYNC, encode(request), conn.authInfo));
            }
            case ClientRequest.Create c -> write(conn, header, request);
            case ClientRequest.CreateTtl c -> write(conn, header, request);
            case ClientRequest.Delete d -> write(conn, header, request);
            case ClientRequest.DeleteContainer d -> write(conn, header, request);
            case ClientRequest.SetData s -> write(conn, header, request);
            case ClientRequest.SetAcl s -> write(conn, header, request);
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
            unimplemented(conn, event.header());
        } else {
            conn.queue.add(new Connection.ReadySlot(new Action.SendReply(conn.id, new ReplyHeader(event.header().xid(),
                    replica.tree().lastProcessedZxid(), ErrorCode.MARSHALLING_ERROR), null)));
            drain(conn);
        }
    }

    private void unimplemented(Connection conn, RequestHeader header) {
        conn.queueUnimplemented(header);
        drain(conn);
    }

    private void write(Connection conn, RequestHeader header, ClientRequest request) {
        conn.queue.add(new Connection.WriteSlot(header, request.opCode(), -1));
        submit(new PeerMessage.Request(conn.sessionId, header.xid(), request.opCode(), encode(request), conn.authInfo));
    }

    private static byte[] encode(ClientRequest request) {
        JuteWriter w = new JuteWriter(64);
        request.write(w);
        return w.toByteArray();
    }

    private void submit(PeerMessage.Request request) {
        if (inReplica) {
            toSubmit.add(request); // never re-enter the replica from its own observer
        } else {
            stepReplica(new ZabEvent.WriteSubmitted(request));
        }
    }

    // ---- what the ensemble decided ----

    private void onDelivered(ZabAction.Delivered d) {
        long zxid = d.header().zxid();
        clients.fire(d.triggers(), zxid, out);
        long sessionId = d.header().sessionId();
        Connection conn = clients.ofSession(sessionId);
        switch (d.txn()) {
            case Txn.CreateSession s -> {
                if (conn != null && conn.state == Connection.State.CONNECTING) {
                    establish(conn);
                }
                return;
            }
            case Txn.CloseSession c -> {
                if (conn != null && !awaitsOwnClose(conn, d.header().cxid())) {
                    close(conn, "session closed");
                    return;
                }
            }
            default -> {
            }
        }
        if (conn == null || conn.state != Connection.State.CONNECTED) {
            return;
        }
        // the txn answers this connection's oldest unanswered write if it is that write (same session and xid)
        for (Connection.Slot slot : conn.queue) {
            if (slot instanceof Connection.WriteSlot w && w.result == null) {
                if (w.header.xid() == d.header().cxid()) {
                    w.result = d.result();
                    w.zxid = zxid;
                    drain(conn);
                }
                return;
            }
        }
    }

    private static boolean awaitsOwnClose(Connection conn, int cxid) {
        for (Connection.Slot slot : conn.queue) {
            if (slot instanceof Connection.WriteSlot w && w.result == null) {
                return w.opCode == OpCode.CLOSE_SESSION && w.header.xid() == cxid;
            }
        }
        return false;
    }

    private void onSyncCompleted(long sessionId, int cxid) {
        Connection conn = clients.ofSession(sessionId);
        if (conn == null || conn.state != Connection.State.CONNECTED) {
            return;
        }
        for (Connection.Slot slot : conn.queue) {
            if (slot instanceof Connection.SyncSlot s && !s.done) {
                if (s.header.xid() == cxid) {
                    s.done = true;
                    drain(conn);
                }
                return;
            }
        }
    }

    /** Sends every reply at the head of the connection's queue that is ready, in order. */
    private void drain(Connection conn) {
        while (!conn.queue.isEmpty() && conn.state == Connection.State.CONNECTED) {
            Connection.Slot head = conn.queue.peekFirst();
            switch (head) {
                case Connection.ReadySlot r -> {
                    conn.queue.pollFirst();
                    if (r.action() instanceof Action.CloseConnection c) {
                        close(conn, c.reason());
                        return;
                    }
                    out.add(r.action());
                }
                case Connection.ReadSlot r -> {
                    conn.queue.pollFirst();
                    reads().evaluate(conn, r.header(), r.request(), out);
                }
                case Connection.SyncSlot s -> {
                    if (!s.done) {
                        return;
                    }
                    conn.queue.pollFirst();
                    out.add(new Action.SendReply(conn.id, new ReplyHeader(s.header.xid(),
                            replica.tree().lastProcessedZxid(), ErrorCode.OK), new ClientResponse.Sync(s.path)));
                }
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

    /** Reads go to the committed tree, which a SNAP sync replaces with another object. */
    private ReadEvaluator reads() {
        DataTree tree = replica.tree();
        if (tree != readTree) {
            readTree = tree;
            reads = new ReadEvaluator(tree, clients.watches());
        }
        return reads;
    }

    private void trace(TraceLevel level, String format, Object... args) {
        out.add(new Action.Trace(level, "S" + config.serverId() + " " + String.format(Locale.ROOT, format, args)));
    }

    // ---- views ----

    public Replica replica() {
        return replica;
    }

    /** Whether this server answers clients now (an established leader or a synced learner). */
    public boolean serving() {
        return serving;
    }

    public PeerState state() {
        return replica.state();
    }

    public int connectionCount() {
        return clients.size();
    }
}
