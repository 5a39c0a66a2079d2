package io.paddock.storage;

import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.SnapshotFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * autopurge: keeps the newest {@code retainCount} snapshots and the log every one of them needs, deletes the
 * rest. Temp files of a snapshot being written, and snapshots recovery set aside as corrupt, are left alone.
 * The config layer enforces ZooKeeper's minimum of 3 (autopurge.snapRetainCount); here any count >= 1 works.
 */
public final class Retention {
    private Retention() {
    }

    /**
     * Deletes snapshots older than the newest {@code retainCount}, then every log segment whose txns are all at
     * or below the oldest kept snapshot's zxid (replaying from that snapshot needs only what comes after it).
     * With no snapshot at all nothing is deleted: the log is then the only history. Each deletion is reported.
     */
    public static void purge(FileSystem fs, Path snapDir, TxnLog log, int retainCount, Consumer<String> report)
            throws IOException {
        if (retainCount < 1) {
            throw new IllegalArgumentException("retainCount must be at least 1: " + retainCount);
        }
        List<Path> snapshots = SnapshotFile.listNewestFirst(fs, snapDir);
        if (snapshots.isEmpty()) {
            return;
        }
        List<Path> kept = snapshots.subList(0, Math.min(retainCount, snapshots.size()));
        List<Path> doomed = snapshots.subList(kept.size(), snapshots.size());
        // Oldest first, so a crash part way still leaves the newest snapshots and every log they need.
        for (Path old : doomed.reversed()) {
            report.accept("Deleting snapshot " + old);
            fs.delete(old);
        }
        if (!doomed.isEmpty()) {
            fs.forceDirectory(snapDir);
        }
        long oldestKeptZxid = SnapshotFile.zxidOf(kept.getLast());
        List<TxnLog.Segment> before = new ArrayList<>(log.segments());
        log.deleteSegmentsThrough(oldestKeptZxid);
        List<TxnLog.Segment> after = log.segments();
        for (TxnLog.Segment segment : before) {
            if (!after.contains(segment)) {
                report.accept("Deleted log segment " + segment.path());
            }
        }
    }
}
