package io.paddock.sim.disk;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.ZabAction;
import io.paddock.sim.time.Scheduler;
import io.paddock.sim.trace.Describe;
import io.paddock.sim.trace.Trace;
import io.paddock.storage.EpochFile;
import io.paddock.storage.Recovery;
import io.paddock.storage.RecoveryOptions;
import io.paddock.storage.Retention;
import io.paddock.storage.fs.SimulatedFileSystem;
import io.paddock.storage.log.CorruptLogException;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.CorruptSnapshotException;
import io.paddock.storage.snapshot.SnapshotFile;
import io.paddock.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One server's disk and its storage thread, as the replica's storage contract describes them (see
 * {@link ZabAction}): the real txn log, snapshot and epoch-file code of paddock-storage over a
 * {@link SimulatedFileSystem} of its own.
 *
 * <p>{@code PersistTxn} and {@code PersistSnapshot} queue up in order; a group commit runs after a random disk
 * latency, does every queued operation, forces once, and reports the last zxid ({@link Reports#persisted}).
 * {@code TruncateLog} and {@code SaveEpochs} are barriers: the queue is completed first (its report follows as
 * usual), then the barrier is done durably before the call returns.
 */
public final class PeerDisk {
    /** Snapshots, log segments and epoch files all live here, as they may in ZooKeeper's dataDir. */
    private static final String ACCEPTED_EPOCH = "acceptedEpoch";
    private static final String CURRENT_EPOCH = "currentEpoch";
    private static final int SNAPSHOTS_KEPT = 3;

    /** Where the storage thread's results go. */
    public interface Reports {
        /** Every queued operation up to {@code zxid} is durable. */
        void persisted(long zxid);
    }

    /** Disk latency of one group commit, before any slow-disk factor. */
    public record Timing(int minLatencyMs, int maxLatencyMs) {
        public Timing {
            if (minLatencyMs < 0 || maxLatencyMs < minLatencyMs) {
                throw new IllegalArgumentException("bad disk timing " + this);
            }
        }

        public static Timing defaults() {
            return new Timing(1, 8);
        }
    }

    /** What recovery found: the replica's starting history and where it came from. */
    public record Recovered(RecoveredHistory history, long snapshotZxid, List<Long> tailZxids) {
    }

    private final long peer;
    private final SimulatedFileSystem fs;
    private final Path dir;
    private final LogOptions logOptions;
    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final Timing timing;
    private final Trace trace;
    private final Reports reports;
    private final ArrayDeque<ZabAction> queue = new ArrayDeque<>();
    private TxnLog log;
    /** Bumped whenever a scheduled group commit must not run (a barrier did its work, a crash). */
    private int commitToken;
    private boolean commitScheduled;
    private double slowFactor = 1;
    private long lastSnapshotZxid;
    private long forces;
    private long snapshots;

    public PeerDisk(long peer, SimulatedFileSystem fs, LogOptions logOptions, Scheduler scheduler,
                    SplittableRandom random, Timing timing, Trace trace, Reports reports) {
        this.peer = peer;
        this.fs = fs;
        this.dir = Path.of("/s" + peer, Recovery.VERSION_DIR);
        this.logOptions = logOptions;
        this.scheduler = scheduler;
        this.random = random;
        this.timing = timing;
        this.trace = trace;
        this.reports = reports;
    }

    public SimulatedFileSystem fileSystem() {
        return fs;
    }

    public Path dir() {
        return dir;
    }

    public long forces() {
        return forces;
    }

    public long snapshots() {
        return snapshots;
    }

    /** The slow-disk fault: every later group commit takes {@code factor} times as long (1: normal). */
    public void setSlowFactor(double factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("slow factor below 1: " + factor);
        }
        slowFactor = factor;
    }

    // ---- start-up ----

    /**
     * Reads the disk back: the newest snapshot's tree, the txns logged after it (unapplied), the epochs. Opens the
     * log for appends. Storage that cannot be read is an {@link UnrecoverableStorage}.
     */
    public Recovered recover() {
        if (log != null) {
            throw new IllegalStateException("S" + peer + " recovers while its log is open");
        }
        try {
            Recovery.History h = Recovery.recoverHistory(fs, dir, dir, logOptions, RecoveryOptions.strict(),
                    warning -> trace.add(scheduler.now(), peer, "disk", "recovery: " + warning));
            log = h.log();
            List<PeerMessage.Proposal> tail = new ArrayList<>(h.tail().size());
            List<Long> tailZxids = new ArrayList<>(h.tail().size());
            for (LoggedTxn txn : h.tail()) {
                tail.add(new PeerMessage.Proposal(txn.header(), txn.txn()));
                tailZxids.add(txn.zxid());
            }
            long lastZxid = tailZxids.isEmpty() ? h.snapshotZxid() : tailZxids.getLast();
            // As ZooKeeper: with no epoch file yet, the epoch of the last logged txn.
            long accepted = readEpoch(ACCEPTED_EPOCH, lastZxid >>> 32);
            long current = readEpoch(CURRENT_EPOCH, lastZxid >>> 32);
            lastSnapshotZxid = h.snapshotZxid();
            RecoveredHistory history = new RecoveredHistory(h.snapshotState().tree(), h.snapshotState().sessionTimeouts(),
                    tail, accepted, current);
            return new Recovered(history, h.snapshotZxid(), tailZxids);
        } catch (IOException | CorruptLogException | CorruptSnapshotException | IllegalArgumentException e) {
            throw new UnrecoverableStorage("S" + peer + " cannot recover its storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    private long readEpoch(String name, long otherwise) throws IOException {
        Path file = dir.resolve(name);
        return fs.exists(file) ? EpochFile.read(fs, file) : otherwise;
    }

    // ---- the storage contract ----

    /** PersistTxn or PersistSnapshot: queued, done at the next group commit. */
    public void enqueue(ZabAction operation) {
        if (!(operation instanceof ZabAction.PersistTxn) && !(operation instanceof ZabAction.PersistSnapshot)) {
            throw new IllegalArgumentException("not an asynchronous storage action: " + operation);
        }
        requireOpen();
        queue.add(operation);
        if (!commitScheduled) {
            commitScheduled = true;
            int token = commitToken;
            long latency = Math.round((timing.minLatencyMs()
                    + random.nextInt(timing.maxLatencyMs() - timing.minLatencyMs() + 1)) * slowFactor);
            scheduler.after(latency, () -> {
                if (token == commitToken) {
                    commitScheduled = false;
                    groupCommit();
                }
            });
        }
    }

    /** Barrier: the queue first, then every logged txn after {@code zxid} dropped, durably. */
    public void truncateLog(long zxid) {
        completeQueue();
        io(() -> log.truncateAfter(zxid));
        if (lastSnapshotZxid > zxid) {
            // A snapshot holds only committed txns, and a committed txn is never truncated (ZooKeeper keeps the
            // snapshot too, so recovery would bring the txn back): show it, the checkers judge it.
            trace.add(scheduler.now(), peer, "disk", "WARNING: truncating after " + Describe.zxid(zxid)
                    + " below the snapshot at " + Describe.zxid(lastSnapshotZxid));
        }
    }

    /** Barrier: the queue first, then both epochs written durably. */
    public void saveEpochs(long acceptedEpoch, long currentEpoch) {
        completeQueue();
        io(() -> {
            EpochFile.write(fs, dir.resolve(ACCEPTED_EPOCH), acceptedEpoch);
            EpochFile.write(fs, dir.resolve(CURRENT_EPOCH), currentEpoch);
        });
    }

    /**
     * A periodic snapshot of the applied tree, written whole and durably now; the log rolls to a new segment at
     * its next append and history older than the newest snapshots is purged, as the real server does.
     */
    public void snapshot(DataTree tree) {
        requireOpen();
        TreeSnapshotCursor cursor = new TreeSnapshotCursor(tree);
        long zxid = cursor.startZxid();
        if (zxid == 0 || zxid <= lastSnapshotZxid) {
            return;
        }
        io(() -> {
            try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, zxid, Map.of())) {
                while (!cursor.done()) {
                    writer.write(cursor.next(512));
                }
                writer.finish();
            }
            log.rollAtNextAppend();
            Retention.purge(fs, dir, log, SNAPSHOTS_KEPT, line -> { });
        });
        lastSnapshotZxid = zxid;
        snapshots++;
        trace.add(scheduler.now(), peer, "disk", "snapshot at " + Describe.zxid(zxid));
    }

    // ---- crash ----

    /** Power loss: the queue and the open log are gone, and so is every byte not forced. */
    public void crash() {
        queue.clear();
        commitToken++;
        commitScheduled = false;
        slowFactor = 1;
        log = null; // its handles are stale after the crash; recover() reopens
        fs.crash();
    }

    public boolean isOpen() {
        return log != null;
    }

    public int queued() {
        return queue.size();
    }

    // ---- internals ----

    /**
     * Does every queued operation now (the first half of a barrier); its report follows as usual. The simulator
     * calls this before it records the barrier action, so the history shows the earlier operations durable first.
     */
    public void completeQueue() {
        requireOpen();
        commitToken++;
        commitScheduled = false;
        groupCommit();
    }

    /** Does every queued operation in order, forces once, and reports the last zxid. */
    private void groupCommit() {
        if (queue.isEmpty()) {
            return;
        }
        long last = -1;
        boolean appended = false;
        while (!queue.isEmpty()) {
            ZabAction operation = queue.poll();
            switch (operation) {
                case ZabAction.PersistTxn p -> {
                    io(() -> log.append(new LoggedTxn(p.header(), p.txn())));
                    appended = true;
                    last = p.header().zxid();
                }
                case ZabAction.PersistSnapshot s -> {
                    if (appended) {
                        force();
                        appended = false;
                    }
                    replaceHistory(s);
                    last = s.zxid();
                }
                default -> throw new IllegalStateException("queued " + operation);
            }
        }
        if (appended) {
            force();
        }
        trace.add(scheduler.now(), peer, "disk", "durable through " + Describe.zxid(last));
        reports.persisted(last);
    }

    /** The leader's snapshot replaces this server's history: the log after it goes, the snapshot is written. */
    private void replaceHistory(ZabAction.PersistSnapshot s) {
        io(() -> {
            log.truncateAfter(s.zxid());
            try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, s.zxid(), s.sessionTimeouts())) {
                writer.write(s.nodes());
                writer.finish();
            }
            log.rollAtNextAppend();
        });
        lastSnapshotZxid = Math.max(lastSnapshotZxid, s.zxid());
        snapshots++;
    }

    private void force() {
        io(log::force);
        forces++;
    }

    private void requireOpen() {
        if (log == null) {
            throw new IllegalStateException("S" + peer + "'s storage is not open (down, or not recovered yet)");
        }
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private void io(IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("S" + peer + " storage failed", e);
        }
    }

    /** The finished snapshots on disk, newest first (for tests and the trace). */
    public List<Long> snapshotZxids() {
        try {
            return SnapshotFile.listNewestFirst(fs, dir).stream().map(SnapshotFile::zxidOf).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
