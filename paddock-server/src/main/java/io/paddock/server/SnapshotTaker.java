package io.paddock.server;

import io.paddock.core.node.Peer;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.TreeSnapshotCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzy snapshots without pausing the server. The peer loop counts the txns it hands to the store; when the
 * threshold is passed it starts a walk of the tree and, at every batch end (and while otherwise idle), takes one
 * bounded slice of nodes and hands it to the snapshot thread, which streams it to the file. When the walk is done
 * the snapshot thread finishes the file (force, rename). Only one snapshot is taken at a time; one that falls due
 * meanwhile starts when the current one is done.
 *
 * <p>The loop-thread methods ({@link #txnsHandedOff}, {@link #requestNow}, {@link #advance}) must be called
 * from the peer loop only, since the walk reads the live tree.
 */
final class SnapshotTaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);

    /** Nodes copied per slice: bounds the work added to one batch end. */
    static final int SLICE_NODES = 1000;
    /** Slices handed over and not yet written; past this the walk waits, bounding the memory a slow disk costs. */
    static final int SLICES_IN_FLIGHT_MAX = 8;

    /** Takes no snapshots (a server without a data directory). */
    static final SnapshotTaker NONE = new SnapshotTaker();

    private final SnapshotThreshold threshold;
    private Runnable onStart = () -> { };
    private final SnapshotOutput.Factory outputs;
    private final ExecutorService writer;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger slicesInFlight = new AtomicInteger();
    private volatile Runnable wakeLoop = () -> { };
    private volatile boolean closing;
    private volatile boolean aborted;
    private volatile int snapshotsTaken;
    private volatile long lastSnapshotZxid = -1;

    // loop thread
    private boolean requested;
    private TreeSnapshotCursor cursor;

    // snapshot thread
    private SnapshotOutput output;
    private long outputZxid;
    private long nodesWritten;
    private long startedNanos;

    private SnapshotTaker() {
        this.threshold = null;
        this.outputs = null;
        this.writer = null;
    }

    SnapshotTaker(SnapshotThreshold threshold, SnapshotOutput.Factory outputs) {
        this.threshold = threshold;
        this.outputs = outputs;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "paddock-snapshot");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Told on the loop thread each time a snapshot starts (the store rolls its log then). */
    void whenStarting(Runnable hook) {
        this.onStart = hook;
    }

    /** How the snapshot thread wakes an idle loop when it has room for more slices. */
    void wakeLoopWith(Runnable wake) {
        this.wakeLoop = wake;
    }

    /** Loop thread: counts txns handed to the store; requests a snapshot when the threshold is passed. */
    void txnsHandedOff(int txns) {
        if (threshold != null && threshold.count(txns)) {
            requestNow();
        }
    }

    /**
     * Loop thread: asks for a snapshot at the next {@link #advance}, or, while one is still being written, as
     * soon as it is done (ZooKeeper skips the snapshot instead, leaving a whole snapCount of log to replay).
     */
    void requestNow() {
        if (threshold == null) {
            return;
        }
        if (busy.get()) {
            LOG.debug("A snapshot is due while the previous one is still being written; it starts after that one");
        }
        requested = true;
    }

    /**
     * Loop thread: starts a requested snapshot or hands one more slice to the snapshot thread. Returns true when
     * it did work and more may be waiting, so an idle loop calls again instead of parking.
     */
    boolean advance(PeerCore core) {
        if (threshold == null) {
            return false;
        }
        if (requested && cursor == null && busy.compareAndSet(false, true)) {
            requested = false;
            aborted = false;
            Peer.SnapshotStart start = core.startSnapshot();
            onStart.run();
            cursor = start.cursor();
            long zxid = cursor.startZxid();
            Map<Long, Integer> sessions = Map.copyOf(start.sessionTimeouts());
            writer.execute(() -> begin(zxid, sessions));
            return true;
        }
        if (cursor == null || slicesInFlight.get() >= SLICES_IN_FLIGHT_MAX) {
            return false;
        }
        if (!aborted) {
            List<NodeRecord> slice = cursor.next(SLICE_NODES);
            slicesInFlight.incrementAndGet();
            writer.execute(() -> write(slice));
        }
        if (aborted || cursor.done()) {
            cursor = null;
            writer.execute(this::finish);
        }
        return true;
    }

    /** Whether a snapshot is being walked or written. */
    boolean busy() {
        return busy.get();
    }

    int snapshotsTaken() {
        return snapshotsTaken;
    }

    /** The zxid of the newest snapshot this server wrote, -1 if none. */
    long lastSnapshotZxid() {
        return lastSnapshotZxid;
    }

    // ---- snapshot thread ----

    private void begin(long zxid, Map<Long, Integer> sessions) {
        if (closing) {
            return;
        }
        outputZxid = zxid;
        nodesWritten = 0;
        startedNanos = System.nanoTime();
        try {
            output = outputs.begin(zxid, sessions);
        } catch (IOException | RuntimeException e) {
            abort(e);
        }
    }

    private void write(List<NodeRecord> slice) {
        try {
            if (output != null && !closing) {
                output.write(slice);
                nodesWritten += slice.size();
            }
        } catch (IOException | RuntimeException e) {
            abort(e);
        } finally {
            if (slicesInFlight.getAndDecrement() == SLICES_IN_FLIGHT_MAX) {
                wakeLoop.run();
            }
        }
    }

    private void finish() {
        try {
            if (output != null && !closing) {
                Path file = output.finish();
                output = null;
                snapshotsTaken++;
                lastSnapshotZxid = outputZxid;
                LOG.info("Snapshot at zxid 0x{} written to {}: {} nodes in {} ms", Long.toHexString(outputZxid),
                        file, nodesWritten, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
            }
        } catch (IOException | RuntimeException e) {
            abort(e);
        } finally {
            closeOutput();
            busy.set(false);
            wakeLoop.run(); // a snapshot requested meanwhile can start now
        }
    }

    private void abort(Exception e) {
        LOG.warn("Snapshot at zxid 0x{} failed and is abandoned (the txn log still holds everything; the next"
                + " threshold tries again)", Long.toHexString(outputZxid), e);
        aborted = true;
        closeOutput();
    }

    private void closeOutput() {
        if (output != null) {
            try {
                output.close();
            } catch (RuntimeException e) {
                LOG.warn("Abandoning a snapshot failed", e);
            }
            output = null;
        }
    }

    /** Abandons a snapshot in progress (its temporary file is removed) and stops the snapshot thread. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        closing = true;
        writer.execute(this::closeOutput);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Snapshot thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
