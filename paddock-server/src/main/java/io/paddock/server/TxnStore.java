package io.paddock.server;

import io.paddock.core.node.Action;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Makes the core's txns durable. The peer loop hands over each drained batch's Persist actions in one call
 * (group commit); the store reports, from any thread, the highest zxid that is durable, and the loop turns that
 * into {@code Event.Persisted}.
 */
public interface TxnStore extends AutoCloseable {

    /** Called once, before any append, with where to report durability. */
    void start(LongConsumer durableUpTo);

    /** Txns in zxid order, continuing those of earlier calls. Must not block on I/O. */
    void append(List<Action.Persist> batch);

    /** The highest zxid known durable, 0 if none. */
    long durableZxid();

    @Override
    void close();

    /**
     * Checks that {@code batch} continues strictly increasing zxids after {@code previous} (the order the core
     * promises) and returns its last zxid; IllegalArgumentException names the first txn out of order.
     */
    static long lastZxidInOrder(List<Action.Persist> batch, long previous) {
        long last = previous;
        for (Action.Persist persist : batch) {
            long zxid = persist.header().zxid();
            if (zxid <= last) {
                throw new IllegalArgumentException("txn zxid 0x" + Long.toHexString(zxid)
                        + " does not follow 0x" + Long.toHexString(last));
            }
            last = zxid;
        }
        return last;
    }
}
