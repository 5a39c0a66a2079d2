package io.paddock.storage;

import io.paddock.core.node.RecoveredState;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.log.CorruptLogException;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.CorruptSnapshotException;
import io.paddock.storage.snapshot.SnapshotFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Rebuilds a server's state at startup: the newest valid snapshot, then every logged txn after it, replayed
 * through {@link RecoveredState#replay} (the live apply path) by {@link #recover}, or handed back unapplied by
 * {@link #recoverHistory} for a replica, which learns only from its next leader which of them are committed.
 *
 * <p>Directories: {@link #recover} takes the directories that hold the files, i.e. {@code <dataDir>/version-2}
 * and {@code <dataLogDir>/version-2} as ZooKeeper lays them out ({@link #versionDir} resolves them); it creates
 * them when absent. They may be the same directory: snapshot and log file names never collide.
 */
public final class Recovery {
    /** ZooKeeper's subdirectory for snapshots and logs, kept so operators find files where they expect them. */
    public static final String VERSION_DIR = "version-2";
    static final String CORRUPT_SUFFIX = ".corrupt";

    private Recovery() {
    }

    /** The state rebuilt, the log opened for appends after it, and the zxid of the snapshot used (0: none). */
    public record Recovered(RecoveredState state, TxnLog log, long snapshotZxid) {
    }

    /** {@code <base>/version-2}: where snapshots live under dataDir, and log segments under dataLogDir. */
    public static Path versionDir(Path baseDir) {
        return baseDir.resolve(VERSION_DIR);
    }

    /**
     * A server's history as it lies on disk, nothing applied: the newest valid snapshot's state (empty when there
     * is none), its zxid (0: none), every logged txn after it in zxid order, and the log opened for appends after
     * them. A replica starts from this (the txns after the snapshot are not known to be committed); {@link #recover}
     * replays them.
     */
    public record History(RecoveredState snapshotState, long snapshotZxid, List<LoggedTxn> tail, TxnLog log) {
        public History {
            tail = List.copyOf(tail);
        }
    }

    /**
     * Newest snapshot (corrupt newest → CorruptSnapshotException naming it, unless repair: then the next older
     * valid one, with a warning), restored into a RecoveredState, then every logged txn after the snapshot's
     * zxid replayed. A gap — the first logged txn after the snapshot does not directly follow it, or two
     * replayed txns do not follow each other (see {@link Zxids#follows}) — is a CorruptLogException in every
     * mode. An empty directory pair gives an empty state and an empty log.
     */
    public static Recovered recover(FileSystem fs, Path snapDir, Path logDir, LogOptions log, RecoveryOptions opts,
                                    Consumer<String> warnings)
            throws IOException, CorruptLogException, CorruptSnapshotException {
        History history = recoverHistory(fs, snapDir, logDir, log, opts, warnings);
        try {
            RecoveredState state = history.snapshotState();
            for (LoggedTxn txn : history.tail()) {
                state.replay(txn.header(), txn.txn());
            }
            return new Recovered(state, history.log(), history.snapshotZxid());
        } catch (RuntimeException e) {
            closeQuietly(history.log(), e);
            throw e;
        }
    }

    /**
     * The snapshot and the log after it, as {@link #recover} finds and checks them (same repair rules, same gap
     * check), without replaying the log.
     */
    public static History recoverHistory(FileSystem fs, Path snapDir, Path logDir, LogOptions log,
                                         RecoveryOptions opts, Consumer<String> warnings)
            throws IOException, CorruptLogException, CorruptSnapshotException {
        fs.createDirectories(snapDir);
        fs.createDirectories(logDir);
        removeUnfinishedSnapshots(fs, snapDir, warnings);
        SnapshotFile.Snapshot snapshot = newestValidSnapshot(fs, snapDir, opts, warnings);
        RecoveredState state = snapshot == null ? RecoveredState.empty() : snapshot.restore();
        long snapshotZxid = snapshot == null ? 0 : snapshot.zxid();

        TxnLog txnLog = TxnLog.open(fs, logDir, log, opts.repair(), warnings);
        try {
            List<LoggedTxn> txns = txnLog.readAfter(snapshotZxid);
            checkContinuity(txnLog, snapshotZxid, txns);
            if (txnLog.lastZxid() < snapshotZxid && txnLog.lastZxid() != 0) {
                warnings.accept(String.format(Locale.ROOT,
                        "The log in %s ends at zxid 0x%x, before the snapshot's 0x%x: older snapshots cannot be replayed past it",
                        logDir, txnLog.lastZxid(), snapshotZxid));
            }
            return new History(state, snapshotZxid, txns, txnLog);
        } catch (IOException | CorruptLogException | RuntimeException e) {
            closeQuietly(txnLog, e);
            throw e;
        }
    }

    /** A crash while a snapshot was written leaves its temp file; it was never part of the history. */
    private static void removeUnfinishedSnapshots(FileSystem fs, Path snapDir, Consumer<String> warnings) throws IOException {
        boolean removed = false;
        for (String name : fs.list(snapDir)) {
            if (SnapshotFile.isTempName(name)) {
                warnings.accept("Deleting unfinished snapshot " + snapDir.resolve(name) + " (left by a crash while it was written)");
                fs.delete(snapDir.resolve(name));
                removed = true;
            }
        }
        if (removed) {
            fs.forceDirectory(snapDir);
        }
    }

    private static SnapshotFile.Snapshot newestValidSnapshot(FileSystem fs, Path snapDir, RecoveryOptions opts,
                                                            Consumer<String> warnings)
            throws IOException, CorruptSnapshotException {
        for (Path file : SnapshotFile.listNewestFirst(fs, snapDir)) {
            try {
                return SnapshotFile.read(fs, file);
            } catch (CorruptSnapshotException e) {
                if (!opts.repair()) {
                    throw e;
                }
                Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
                warnings.accept("Snapshot is corrupt, setting it aside as " + aside.getFileName()
                        + " and trying an older one: " + e.getMessage());
                fs.rename(file, aside);
                fs.forceDirectory(snapDir);
            }
        }
        return null;
    }

    private static void checkContinuity(TxnLog log, long snapshotZxid, List<LoggedTxn> txns) throws CorruptLogException {
        long previous = snapshotZxid;
        for (LoggedTxn txn : txns) {
            if (!Zxids.follows(previous, txn.zxid())) {
                throw new CorruptLogException(segmentHolding(log, txn.zxid()), 0, String.format(Locale.ROOT,
                        "history has a gap: zxid 0x%x follows 0x%x%s; the txns between are missing (a lost or deleted "
                                + "log segment?). Restore the missing files; repair cannot invent them",
                        txn.zxid(), previous, previous == snapshotZxid ? " (the snapshot's zxid)" : ""));
            }
            previous = txn.zxid();
        }
    }

    private static Path segmentHolding(TxnLog log, long zxid) {
        Path holder = null;
        for (TxnLog.Segment segment : log.segments()) {
            if (segment.firstZxid() <= zxid) {
                holder = segment.path();
            }
        }
        assert holder != null : "a logged txn lies in some segment";
        return holder;
    }

    private static void closeQuietly(TxnLog log, Exception primary) {
        try {
            log.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
