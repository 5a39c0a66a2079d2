package io.paddock.server;

import io.paddock.core.node.Action;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A store that calls every batch durable as soon as it is handed over and keeps nothing but the highest zxid.
 * Nothing survives a restart: for tests that want no disk ({@link PaddockServer#startInMemory}).
 */
public final class InMemoryTxnStore implements TxnStore {
    private volatile long durableZxid;
    private LongConsumer listener;

    @Override
    public void start(LongConsumer durableUpTo) {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = durableUpTo;
    }

    @Override
    public void append(List<Action.Persist> batch) {
        if (listener == null) {
            throw new IllegalStateException("append before start");
        }
        if (batch.isEmpty()) {
            return;
        }
        long last = TxnStore.lastZxidInOrder(batch, durableZxid);
        durableZxid = last;
        listener.accept(last);
    }

    @Override
    public long durableZxid() {
        return durableZxid;
    }

    @Override
    public void close() {
    }
}
