package io.paddock.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.storage.Recovery.Recovered;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.SnapshotFile;
import io.paddock.storage.testing.DiskHistory;
import io.paddock.storage.testing.TreeState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private final List<String> report = new ArrayList<>();

    /** Five snapshots with writes between and after them, many small log segments. */
    private static List<Path> fiveSnapshots(DiskHistory h) throws Exception {
        List<Path> snapshots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            h.run(60);
            snapshots.add(h.snapshot());
        }
        h.run(30);
        return snapshots;
    }

    @Test
    void keepsTheNewestSnapshotsAndEveryLogSegmentTheyNeed() throws Exception {
        try (DiskHistory h = new DiskHistory(21)) {
            List<Path> snapshots = fiveSnapshots(h);
            List<TxnLog.Segment> segmentsBefore = h.log().segments();

            Retention.purge(h.fs, h.snapDir, h.log(), 3, report::add);

            assertThat(SnapshotFile.listNewestFirst(h.fs, h.snapDir))
                    .containsExactly(snapshots.get(4), snapshots.get(3), snapshots.get(2));
            long oldestKept = SnapshotFile.zxidOf(snapshots.get(2));
            List<TxnLog.Segment> left = h.log().segments();
            assertThat(left).isNotEmpty().hasSizeLessThan(segmentsBefore.size());
            assertThat(left.getFirst().firstZxid()).as("the first kept segment reaches back to the oldest kept snapshot")
                    .isLessThanOrEqualTo(oldestKept + 1);
            assertThat(left.size() > 1 ? left.get(1).firstZxid() : Long.MAX_VALUE)
                    .as("and no older segment than that one was kept").isGreaterThan(oldestKept + 1);
            for (TxnLog.Segment gone : segmentsBefore.subList(0, segmentsBefore.size() - left.size())) {
                assertThat(h.fs.exists(gone.path())).isFalse();
                assertThat(report).contains("Deleted log segment " + gone.path());
            }
            assertThat(report).contains("Deleting snapshot " + snapshots.get(0), "Deleting snapshot " + snapshots.get(1));
        }
    }

    @Test
    void theOldestKeptSnapshotStillRecoversOnItsOwn() throws Exception {
        try (DiskHistory h = new DiskHistory(22)) {
            List<Path> snapshots = fiveSnapshots(h);
            Retention.purge(h.fs, h.snapDir, h.log(), 3, report::add);
            // Lose the two newest snapshots: recovery must still get from the third through the log.
            h.fs.delete(snapshots.get(4));
            h.fs.delete(snapshots.get(3));

            Recovered r = Recovery.recover(h.fs, h.snapDir, h.logDir, DiskHistory.SMALL_SEGMENTS,
                    new RecoveryOptions(false), w -> { });
            try {
                assertThat(r.snapshotZxid()).isEqualTo(SnapshotFile.zxidOf(snapshots.get(2)));
                assertThat(TreeState.of(r.state().tree())).isEqualTo(TreeState.of(h.harness.tree()));
            } finally {
                r.log().close();
            }
        }
    }

    @Test
    void fewerSnapshotsThanTheCountDeleteNoSnapshot() throws Exception {
        try (DiskHistory h = new DiskHistory(23)) {
            h.run(100);
            Path only = h.snapshot();
            h.run(100);
            Retention.purge(h.fs, h.snapDir, h.log(), 3, report::add);
            assertThat(SnapshotFile.listNewestFirst(h.fs, h.snapDir)).containsExactly(only);
            assertThat(h.log().segments().getFirst().firstZxid()).isLessThanOrEqualTo(SnapshotFile.zxidOf(only) + 1);
            assertThat(report).noneMatch(line -> line.startsWith("Deleting snapshot"));
        }
    }

    @Test
    void withoutSnapshotsTheLogIsTheOnlyHistoryAndStays() throws Exception {
        try (DiskHistory h = new DiskHistory(24)) {
            h.run(200);
            List<TxnLog.Segment> before = h.log().segments();
            Retention.purge(h.fs, h.snapDir, h.log(), 3, report::add);
            assertThat(h.log().segments()).isEqualTo(before);
            assertThat(report).isEmpty();
        }
    }

    @Test
    void tempAndSetAsideFilesAreLeftAlone() throws Exception {
        try (DiskHistory h = new DiskHistory(25)) {
            List<Path> snapshots = fiveSnapshots(h);
            Path tmp = h.snapDir.resolve("snapshot.0000000000000001.tmp");
            Path corrupt = h.snapDir.resolve("snapshot.0000000000000002.corrupt");
            h.fs.plant(tmp, new byte[] {1});
            h.fs.plant(corrupt, new byte[] {2});

            Retention.purge(h.fs, h.snapDir, h.log(), 1, report::add);

            assertThat(h.fs.list(h.snapDir)).containsExactlyInAnyOrder(snapshots.get(4).getFileName().toString(),
                    tmp.getFileName().toString(), corrupt.getFileName().toString());
        }
    }

    @Test
    void aCountBelowOneIsRefused() throws Exception {
        try (DiskHistory h = new DiskHistory(26)) {
            assertThatThrownBy(() -> Retention.purge(h.fs, h.snapDir, h.log(), 0, report::add))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
