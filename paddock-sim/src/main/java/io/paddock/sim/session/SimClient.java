package io.paddock.sim.session;

import io.paddock.core.node.Action;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import io.paddock.core.wire.WatchEventType;
import io.paddock.sim.client.ClientEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One application with a ZooKeeper session, behaving on the wire as the official Java client (3.9 ClientCnxn)
 * does, as a deterministic state machine without I/O or clock of its own: the simulator calls {@link #tick} often
 * (every few virtual ms), and the network calls {@link #onTransportOpen}, {@link #onServerAction} and
 * {@link #onConnectionLost}; the client talks back through its {@link ClientLink}. Everything it sees is appended
 * to {@link #events()}.
 *
 * <p>Modelled after ClientCnxn: servers tried in a shuffled round robin, a random pause of up to 1 s before each
 * reconnect plus a spin delay after a full round without success; ConnectRequest(0, lastZxidSeen, timeout,
 * sessionId, passwd); read timeout 2/3 and connect timeout 1/#servers of the negotiated timeout; a ping when
 * nothing was sent for read timeout/2 (or 10 s); the session given up locally when nothing was heard for 4/3 of
 * it; setWatches (xid -8) first on a resumed connection; requests pipelined with xids 1, 2, ... in send order;
 * replies matched in order, an out-of-order xid dropping the connection; watches one-shot; lastZxidSeen from reply
 * headers only (the client ignores a notification's zxid).
 */
public final class SimClient {

    /** Where the client is in its connection cycle. */
    public enum State {
        /** Waiting before the next connection attempt. */
        DISCONNECTED,
        /** A connection is opening, or the ConnectRequest is out and unanswered. */
        CONNECTING,
        CONNECTED,
        /** The session expired; a new one starts after the renew delay when the config asks for it. */
        EXPIRED
    }

    /** A request sent and not yet answered; {@code op} is null for setWatches. */
    private record Pending(int xid, ClientOp op) {
    }

    private static final int MAX_PING_INTERVAL_MILLIS = 10_000;
    private static final int PING_SLACK_MILLIS = 1_000;

    private final ClientConfig config;
    private final List<Long> servers;
    private final SplittableRandom random;
    private final ClientLink link;
    private final ClientWorkload workload;
    private final List<ClientEvent> events = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<ClientOp> unsent = new ArrayDeque<>();
    private final ClientWatches watches = new ClientWatches();

    private State state = State.DISCONNECTED;
    private List<Long> hostOrder;
    private int hostIndex = -1;
    /** The host index of the last successful connect; a round back to it without success spins. */
    private int lastConnectedIndex = -1;
    private long sessionId;
    private byte[] passwd = new byte[16];
    private long lastZxidSeen;
    private int nextXid = 1;
    private int negotiatedTimeout;
    private long connection = -1;
    private long server = -1;
    private boolean transportOpen;
    private long lastSentAt;
    private long lastHeardAt;
    private long nextAttemptAt;
    private long sentConnectZxid;
    private int sessionsStarted;

    public SimClient(ClientConfig config, List<Long> servers, SplittableRandom random, ClientLink link,
                     ClientWorkload workload) {
        if (servers.isEmpty()) throw new IllegalArgumentException("no servers");
        this.config = config;
        this.servers = List.copyOf(servers);
        this.random = random;
        this.link = link;
        this.workload = workload;
        this.state = State.EXPIRED; // until start(): no session yet
    }

    /** Starts the first session: connects at once (the Java client does not wait before its first connect). */
    public void start(long now) {
        if (sessionsStarted > 0) throw new IllegalStateException("already started");
        newSession(now);
    }

    // ---- what the simulator and the network tell the client ----

    /** Time passed: timeouts, pings, reconnects, and the workload's next calls. */
    public void tick(long now) {
        if (state == State.EXPIRED) {
            if (sessionsStarted > 0 && config.renewExpiredSession() && now >= nextAttemptAt) newSession(now);
            return;
        }
        long idleHeard = now - lastHeardAt;
        int expiration = sessionId == 0 ? config.sessionTimeoutMillis() * 4 / 3 : negotiatedTimeout * 4 / 3;
        if (idleHeard >= expiration) {
            expireLocally(now, idleHeard);
            return;
        }
        switch (state) {
            case DISCONNECTED -> {
                if (now >= nextAttemptAt) connect(now);
            }
            case CONNECTING -> {
                if (now - lastSentAt >= connectTimeout()) drop(now, "connect timeout");
            }
            case CONNECTED -> {
                if (idleHeard >= readTimeout()) {
                    drop(now, "read timeout: nothing heard for " + idleHeard + " ms");
                    return;
                }
                long idleSent = now - lastSentAt;
                long untilPing = readTimeout() / 2 - idleSent - (idleSent > PING_SLACK_MILLIS ? PING_SLACK_MILLIS : 0);
                if (untilPing <= 0 || idleSent > MAX_PING_INTERVAL_MILLIS) {
                    write(now, new RequestHeader(ReplyHeader.PING_XID, OpCode.PING), new ClientRequest.Ping());
                }
                int room = config.maxOutstanding() - outstanding();
                if (room > 0) {
                    List<ClientOp> ops = workload.poll(now, room);
                    if (ops.size() > room) throw new IllegalStateException("workload made " + ops.size() + " calls, room " + room);
                    for (ClientOp op : ops) submit(op, now);
                }
            }
            case EXPIRED -> throw new AssertionError("handled above");
        }
    }

    /** The connection to the server is up (a TCP connect completed): the ConnectRequest goes out. */
    public void onTransportOpen(long connectionId, long now) {
        if (connectionId != connection || state != State.CONNECTING || transportOpen) return;
        transportOpen = true;
        lastHeardAt = now; // the Java client counts a completed TCP connect as hearing from the server
        sentConnectZxid = lastZxidSeen;
        send(now, new Outbound.Connect(new ConnectRequest(0, lastZxidSeen, config.sessionTimeoutMillis(), sessionId,
                passwd.clone(), false, true)));
    }

    /** One server action addressed to {@code connectionId}, in the order the server produced them. */
    public void onServerAction(long connectionId, Action action, long now) {
        if (connectionId != connection || state == State.EXPIRED || state == State.DISCONNECTED) return;
        lastHeardAt = now;
        switch (action) {
            case Action.SendConnectResponse r -> onConnectResponse(r.response(), now);
            case Action.SendReply r -> onReply(r, now);
            case Action.SendWatchEvent w -> onWatchEvent(w, now);
            case Action.CloseConnection c -> drop(now, "closed by the server: " + c.reason());
            case Action.Persist p -> throw new IllegalArgumentException("a Persist is not for a client: " + p);
            case Action.Trace t -> {
            }
        }
    }

    /** The connection broke (refused, reset, server gone) without the client deciding it. */
    public void onConnectionLost(long connectionId, String why, long now) {
        if (connectionId != connection) return;
        drop(now, why);
    }

    /**
     * The application calls {@code op}. Sent at once when connected; otherwise it waits for the next connection
     * and is silently dropped if that connection attempt fails first (it never reached a server, and has no xid).
     */
    public void submit(ClientOp op, long now) {
        if (state == State.EXPIRED) return;
        if (state != State.CONNECTED) {
            unsent.add(op);
            return;
        }
        int xid = nextXid++;
        assert xid > 0 : "xid wrapped";
        pending.add(new Pending(xid, op));
        events.add(new ClientEvent.Invoked(sessionId, now, server, xid, op.command(), op.watch()));
        write(now, new RequestHeader(xid, op.request().opCode()), op.request());
    }

    // ---- what the client exposes ----

    public List<ClientEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public State state() {
        return state;
    }

    public long sessionId() {
        return sessionId;
    }

    public long lastZxidSeen() {
        return lastZxidSeen;
    }

    /** The server of the current connection, or -1. */
    public long server() {
        return state == State.CONNECTING || state == State.CONNECTED ? server : -1;
    }

    /** The current connection's id, or -1. */
    public long connection() {
        return connection;
    }

    public int negotiatedTimeout() {
        return negotiatedTimeout;
    }

    /** Requests sent and not answered, plus calls waiting for a connection. */
    public int outstanding() {
        int count = unsent.size();
        for (Pending p : pending) {
            if (p.op() != null) count++;
        }
        return count;
    }

    public List<String> watchedDataPaths() {
        return watches.dataPaths();
    }

    public List<String> watchedExistPaths() {
        return watches.existPaths();
    }

    // ---- session and connection cycle ----

    private void newSession(long now) {
        sessionsStarted++;
        sessionId = 0;
        passwd = new byte[16];
        lastZxidSeen = 0; // a new handle knows nothing of what the old one saw
        nextXid = 1;
        negotiatedTimeout = config.sessionTimeoutMillis();
        watches.clear();
        unsent.clear();
        hostOrder = new ArrayList<>(servers);
        for (int i = hostOrder.size() - 1; i > 0; i--) Collections.swap(hostOrder, i, random.nextInt(i + 1));
        hostIndex = -1;
        lastConnectedIndex = -1;
        lastHeardAt = now;
        lastSentAt = now;
        state = State.DISCONNECTED;
        nextAttemptAt = now;
        connect(now);
    }

    private void connect(long now) {
        hostIndex = (hostIndex + 1) % hostOrder.size();
        server = hostOrder.get(hostIndex);
        state = State.CONNECTING;
        transportOpen = false;
        lastSentAt = now;
        connection = link.open(server);
    }

    private void onConnectResponse(ConnectResponse response, long now) {
        if (state != State.CONNECTING || !transportOpen) {
            drop(now, "unexpected ConnectResponse");
            return;
        }
        if (response.timeOut() <= 0) {
            expire(now, false);
            return;
        }
        negotiatedTimeout = response.timeOut();
        sessionId = response.sessionId();
        passwd = response.passwd().clone();
        state = State.CONNECTED;
        lastConnectedIndex = hostIndex;
        events.add(new ClientEvent.Connected(sessionId, now, server, sentConnectZxid));
        if (!watches.isEmpty()) {
            pending.add(new Pending(ReplyHeader.SET_WATCHES_XID, null));
            write(now, new RequestHeader(ReplyHeader.SET_WATCHES_XID, OpCode.SET_WATCHES),
                    new ClientRequest.SetWatches(OpCode.SET_WATCHES, sentConnectZxid, watches.dataPaths(),
                            watches.existPaths(), watches.childPaths(), List.of(), List.of()));
        }
        List<ClientOp> waiting = new ArrayList<>(unsent);
        unsent.clear();
        for (ClientOp op : waiting) submit(op, now);
    }

    private void onReply(Action.SendReply reply, long now) {
        ReplyHeader header = reply.header();
        if (header.xid() == ReplyHeader.PING_XID || header.xid() == ReplyHeader.AUTH_XID) return;
        if (header.xid() == ReplyHeader.NOTIFICATION_XID) {
            drop(now, "a reply with the notification xid");
            return;
        }
        Pending head = pending.poll();
        if (head == null) {
            drop(now, "nothing outstanding, but got xid " + header.xid());
            return;
        }
        if (head.xid() != header.xid()) {
            pending.addFirst(head); // the Java client fails it with ConnectionLoss along with the rest
            drop(now, "xid out of order: got " + header.xid() + ", expected " + head.xid());
            return;
        }
        if (header.zxid() > 0) lastZxidSeen = header.zxid();
        if (head.op() == null) return; // setWatches
        ReplyOutcomes.Mapped mapped = ReplyOutcomes.map(head.op(), header.err(), reply.body());
        watches.registerAfterReply(head.op(), header.err());
        events.add(new ClientEvent.Replied(sessionId, now, server, header.xid(), header.zxid(), mapped.outcome(),
                mapped.mzxid()));
    }

    private void onWatchEvent(Action.SendWatchEvent notification, long now) {
        int type = notification.event().type();
        if (type == WatchEventType.NONE) return; // state changes are the client's own business
        watches.fired(type, notification.event().path());
        events.add(new ClientEvent.WatchFired(sessionId, now, server, notification.zxid(), notification.event().path(),
                type));
    }

    /** The connection is gone: every request on it is lost; the next attempt waits a little. */
    private void drop(long now, String why) {
        events.add(new ClientEvent.Disconnected(sessionId, now, server, why));
        abandonConnection(now);
        state = State.DISCONNECTED;
        int next = (hostIndex + 1) % hostOrder.size();
        boolean roundDone = next == lastConnectedIndex || (lastConnectedIndex < 0 && next == 0);
        nextAttemptAt = now + random.nextInt(config.reconnectDelayMaxMillis()) + (roundDone ? config.spinDelayMillis() : 0);
        lastSentAt = now;
    }

    private void abandonConnection(long now) {
        for (Pending p : pending) {
            if (p.op() != null) events.add(new ClientEvent.Lost(sessionId, now, server, p.xid()));
        }
        pending.clear();
        unsent.clear();
        if (connection >= 0) link.close(connection);
        connection = -1;
        transportOpen = false;
    }

    /** Nothing heard for 4/3 of the session timeout: the Java client closes the session on its own. */
    private void expireLocally(long now, long idleHeard) {
        if (state == State.CONNECTING || state == State.CONNECTED) {
            events.add(new ClientEvent.Disconnected(sessionId, now, server, "session timed out: nothing heard for "
                    + idleHeard + " ms"));
        }
        expire(now, true);
    }

    private void expire(long now, boolean local) {
        abandonConnection(now);
        events.add(new ClientEvent.Expired(sessionId, now, local ? -1 : server));
        state = State.EXPIRED;
        watches.clear();
        nextAttemptAt = now + config.renewDelayMillis();
    }

    // ---- sending ----

    private void write(long now, RequestHeader header, ClientRequest request) {
        send(now, new Outbound.Request(header, request));
    }

    private void send(long now, Outbound frame) {
        assert connection >= 0 : "no connection to send on";
        lastSentAt = now;
        link.send(connection, frame);
    }

    private int readTimeout() {
        return negotiatedTimeout * 2 / 3;
    }

    private int connectTimeout() {
        return negotiatedTimeout / servers.size();
    }
}
