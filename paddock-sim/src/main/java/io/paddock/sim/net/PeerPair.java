package io.paddock.sim.net;

import io.paddock.core.zab.PeerMessage;
import java.util.ArrayDeque;

/**
 * The link between two servers: at most one connection at a time (TCP), a FIFO stream each way over it, and the
 * per-destination queue each side keeps while there is no connection. {@code generation} names the current
 * connection: a message carries the generation it was sent on and is lost if that connection broke meanwhile.
 */
final class PeerPair {
    enum State { NONE, DIALING, CONNECTED }

    final long low;
    final long high;
    State state = State.NONE;
    int generation;
    /** A partition separates the two: what is sent is silently lost, dials fail. */
    boolean cut;
    private final ArrayDeque<PeerMessage> queuedFromLow = new ArrayDeque<>();
    private final ArrayDeque<PeerMessage> queuedFromHigh = new ArrayDeque<>();
    private long lastArrivalFromLow;
    private long lastArrivalFromHigh;

    PeerPair(long a, long b) {
        if (a == b) {
            throw new IllegalArgumentException("no link from S" + a + " to itself");
        }
        this.low = Math.min(a, b);
        this.high = Math.max(a, b);
    }

    long other(long end) {
        assert end == low || end == high : "S" + end + " is not an end of " + this;
        return end == low ? high : low;
    }

    ArrayDeque<PeerMessage> queueFrom(long sender) {
        return sender == low ? queuedFromLow : queuedFromHigh;
    }

    boolean hasQueued() {
        return !queuedFromLow.isEmpty() || !queuedFromHigh.isEmpty();
    }

    /** The arrival time of the last message sent from {@code sender}: a later one never arrives before it (FIFO). */
    long lastArrivalFrom(long sender) {
        return sender == low ? lastArrivalFromLow : lastArrivalFromHigh;
    }

    void setLastArrivalFrom(long sender, long time) {
        if (sender == low) {
            lastArrivalFromLow = time;
        } else {
            lastArrivalFromHigh = time;
        }
    }

    /** The connection is gone: what was queued or in flight is lost. */
    void reset() {
        generation++;
        state = State.NONE;
        queuedFromLow.clear();
        queuedFromHigh.clear();
    }

    @Override
    public String toString() {
        return "S" + low + "-S" + high;
    }
}
