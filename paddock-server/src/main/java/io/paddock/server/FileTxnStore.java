package io.paddock.server;

import io.paddock.core.node.Action;
import io.paddock.storage.log.LoggedTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes txns durable in a log with group commit. The peer loop queues each batch without blocking; a dedicated
 * storage thread takes every batch queued since its last round (up to {@link #GROUP_TXNS_MAX} txns), appends them
 * all, forces the log once, and only then reports the highest zxid of the group as durable. So the more writes
 * arrive while a force is under way, the more the next force covers.
 *
 * <p>A storage failure is final: the store logs it, reports nothing durable ever again (a write that may not be
 * on disk must never be acknowledged) and tells {@code onFailure}, which stops the server.
 *
 * <p>Storage tasks (retention) run on the same thread, between groups, because the log is single-threaded code.
 */
public final class FileTxnStore implements TxnStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileTxnStore.class);

    /**
     * Txns appended before a group is forced. Bounds how long the first write of a busy round waits for its
     * reply; far above what one force costs to amortise (the loop hands over at most 4096 items per batch).
     */
    static final int GROUP_TXNS_MAX = 20_000;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final DurableLog log;
    private final Consumer<Throwable> onFailure;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile boolean failed;
    private volatile long durableZxid;
    private volatile long forces;
    private LongConsumer listener;
    /** Loop thread only: the last zxid handed over, to check the order at the door. */
    private long lastQueuedZxid;

    /**
     * @param log       positioned for appends (recovery already ran); owned by the store from now on
     * @param onFailure told once, from the storage thread, when the log cannot be written or forced
     */
    FileTxnStore(DurableLog log, Consumer<Throwable> onFailure) {
        this.log = log;
        this.onFailure = onFailure;
        this.durableZxid = log.lastZxid();
        this.lastQueuedZxid = durableZxid;
        this.thread = new Thread(this::run, "paddock-storage");
        this.thread.setDaemon(true);
    }

    @Override
    public void start(LongConsumer durableUpTo) {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = durableUpTo;
        thread.start();
    }

    @Override
    public void append(List<Action.Persist> batch) {
        if (listener == null) {
            throw new IllegalStateException("append before start");
        }
        if (batch.isEmpty()) {
            return;
        }
        lastQueuedZxid = TxnStore.lastZxidInOrder(batch, lastQueuedZxid);
        offer(batch);
    }

    /** A snapshot started: the log starts a new segment soon, so retention can later drop the older ones. */
    void rollLogSoon() {
        runOnStorageThread(log::rollAtNextAppend);
    }

    /** Runs {@code task} on the storage thread after the group in progress (the log is not thread-safe). */
    void runOnStorageThread(Runnable task) {
        offer(task);
    }

    private void offer(Object item) {
        queue.offer(item);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public long durableZxid() {
        return durableZxid;
    }

    /** How many times the log was forced (each force covers one group). */
    long forces() {
        return forces;
    }

    /** Whether the store stopped on a storage error. */
    boolean failed() {
        return failed;
    }

    private void run() {
        try {
            while (running && !failed) {
                if (!commitGroup()) {
                    awaitWork();
                }
            }
            // Closing: what was handed over before close still gets written, so a clean stop loses nothing.
            while (!failed && commitGroup()) {
                // keep draining
            }
        } finally {
            closeLog();
        }
    }

    private void awaitWork() {
        parked = true;
        // The producer offers then reads `parked`; we write `parked` then re-check: no wake-up is lost.
        if (running && queue.isEmpty()) {
            LockSupport.park(this);
        }
        parked = false;
    }

    /** Appends every queued batch (up to the group limit), forces once, reports; false when nothing was queued. */
    private boolean commitGroup() {
        int txns = 0;
        long last = 0;
        List<Runnable> tasks = new ArrayList<>(0);
        Object item;
        try {
            while (txns < GROUP_TXNS_MAX && (item = queue.poll()) != null) {
                if (item instanceof Runnable task) {
                    tasks.add(task);
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<Action.Persist> batch = (List<Action.Persist>) item;
                for (Action.Persist persist : batch) {
                    log.append(new LoggedTxn(persist.header(), persist.txn()));
                    last = persist.header().zxid();
                    txns++;
                }
            }
            if (txns > 0) {
                log.force();
                forces++;
                assert last > durableZxid : "durable zxid must grow";
                durableZxid = last;
                listener.accept(last);
            }
        } catch (Exception | Error e) {
            fail(e);
            return false;
        }
        for (Runnable task : tasks) {
            runTask(task);
        }
        return txns > 0 || !tasks.isEmpty();
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Storage task failed", e);
        }
    }

    private void fail(Throwable e) {
        failed = true;
        LOG.error("STORAGE FAILURE: the txn log could not be written or forced; no write is acknowledged from now"
                + " on and the server stops. Durable up to zxid 0x{}.", Long.toHexString(durableZxid), e);
        try {
            onFailure.accept(e);
        } catch (RuntimeException handlerFailure) {
            LOG.error("Storage failure handler failed", handlerFailure);
        }
    }

    private void closeLog() {
        try {
            log.close();
        } catch (Exception e) {
            LOG.warn("Closing the txn log failed", e);
        }
    }

    /** Writes what was handed over (unless storage failed), then closes the log. */
    @Override
    public void close() {
        running = false;
        if (listener == null) {
            closeLog();
            return;
        }
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Storage thread did not stop within 10 s");
        }
    }
}
