package io.paddock.server;

import io.paddock.core.wire.OpCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runtime keeps about one client connection: its output handle, the batch being assembled for it, and
 * ZooKeeper's per-connection statistics (reset by crst). Owned by the peer loop thread.
 */
final class ConnectionState {
    /** Requests read and not yet answered, with when they arrived; a client pipelines at most this many. */
    static final int PENDING_REQUESTS_TRACKED_MAX = 100_000;

    private record Pending(int xid, int opCode, long receivedMillis) {
    }

    final long id;
    final ClientConnection connection;
    final String remoteHost;
    final long establishedMillis;

    private List<Object> outbox = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean fourLetterWord;
    private long connectReceivedMillis = -1;
    private boolean connectCreatesSession;

    long packetsReceived;
    long packetsSent;
    // The initial values mirror a fresh ZooKeeper connection (whose stats are only "reset" by crst).
    private long minLatency;
    private long maxLatency;
    private String lastOp;
    private long lastCxid;
    private long lastZxid;
    private long lastResponseTime;
    private long lastLatency;
    private long count;
    private long totalLatency;

    ConnectionState(long id, ClientConnection connection, String remoteHost, long establishedMillis) {
        this.id = id;
        this.connection = connection;
        this.remoteHost = remoteHost;
        this.establishedMillis = establishedMillis;
    }

    /** Queues an output message for the end of the batch; returns true when this is the batch's first. */
    boolean queue(Object message) {
        outbox.add(message);
        return outbox.size() == 1;
    }

    /** Hands the batch's output to the connection, written in order with one flush. */
    void flush() {
        if (outbox.isEmpty()) {
            return;
        }
        List<Object> batch = outbox;
        outbox = new ArrayList<>();
        connection.deliver(batch);
    }

    void markFourLetterWord() {
        fourLetterWord = true;
    }

    boolean isFourLetterWord() {
        return fourLetterWord;
    }

    void connectReceived(boolean createsSession, long receivedMillis) {
        connectReceivedMillis = receivedMillis;
        connectCreatesSession = createsSession;
    }

    /**
     * Records the handshake's answer. ZooKeeper counts a new session's creation as a "SESS" operation; a
     * resumed or refused session leaves no stats. Returns the latency in ms, or -1 when nothing was recorded.
     */
    long connectAnswered(boolean sessionGranted, long zxid, long nowMillis) {
        long start = connectReceivedMillis;
        connectReceivedMillis = -1;
        if (start < 0 || !connectCreatesSession || !sessionGranted) {
            return -1;
        }
        recordResponse(0, zxid, OpNames.of(OpCode.CREATE_SESSION), start, nowMillis);
        return Math.max(0, nowMillis - start);
    }

    void requestReceived(int xid, int opCode, long receivedMillis) {
        if (pending.size() < PENDING_REQUESTS_TRACKED_MAX) {
            pending.addLast(new Pending(xid, opCode, receivedMillis));
        }
    }

    /**
     * Matches a reply to the oldest request with its xid and records its latency. Returns the latency in ms,
     * or -1 when the reply answers no tracked request (a notification, or a reply the core made up).
     */
    long replied(int xid, long zxid, long nowMillis) {
        Pending request = pending.peekFirst();
        if (request == null || request.xid() != xid) {
            return -1;
        }
        pending.removeFirst();
        if (request.opCode() == OpCode.AUTH) {
            return -1; // ZooKeeper answers auth outside its request pipeline and keeps no stats for it
        }
        recordResponse(request.xid(), zxid, OpNames.of(request.opCode()), request.receivedMillis(), nowMillis);
        return Math.max(0, nowMillis - request.receivedMillis());
    }

    void recordResponse(long cxid, long zxid, String op, long startMillis, long endMillis) {
        if (cxid >= 0) {
            lastCxid = cxid;
        }
        lastZxid = zxid;
        lastOp = op;
        lastResponseTime = endMillis;
        long elapsed = endMillis - startMillis;
        lastLatency = elapsed;
        minLatency = Math.min(minLatency, elapsed);
        maxLatency = Math.max(maxLatency, elapsed);
        count++;
        totalLatency += elapsed;
    }

    int outstanding() {
        return pending.size();
    }

    void resetStats() {
        packetsReceived = 0;
        packetsSent = 0;
        minLatency = Long.MAX_VALUE;
        maxLatency = 0;
        lastOp = "NA";
        lastCxid = -1;
        lastZxid = -1;
        lastResponseTime = 0;
        lastLatency = 0;
        count = 0;
        totalLatency = 0;
    }

    long minLatency() {
        return minLatency == Long.MAX_VALUE ? 0 : minLatency;
    }

    long avgLatency() {
        return count == 0 ? 0 : totalLatency / count;
    }

    long maxLatency() {
        return maxLatency;
    }

    String lastOp() {
        return lastOp;
    }

    long lastCxid() {
        return lastCxid;
    }

    long lastZxid() {
        return lastZxid;
    }

    long lastResponseTime() {
        return lastResponseTime;
    }

    long lastLatency() {
        return lastLatency;
    }
}
