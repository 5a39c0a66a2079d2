package io.paddock.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.node.RecoveredState;
import io.paddock.core.tree.DataTree;
import io.paddock.core.wire.OpCode;
import io.paddock.storage.Recovery.Recovered;
import io.paddock.storage.log.CorruptLogException;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.CorruptSnapshotException;
import io.paddock.storage.snapshot.SnapshotFile;
import io.paddock.storage.testing.DiskHistory;
import io.paddock.storage.testing.MemoryFileSystem;
import io.paddock.storage.testing.PeerHarness;
import io.paddock.storage.testing.TreeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private final List<String> warnings = new ArrayList<>();
    private final List<TxnLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() throws IOException {
        for (TxnLog log : opened) {
            log.close();
        }
    }

    private Recovered recover(DiskHistory h, boolean repair) throws Exception {
        return recover(h.fs, h.snapDir, h.logDir, repair);
    }

    private Recovered recover(MemoryFileSystem fs, Path snapDir, Path logDir, boolean repair) throws Exception {
        Recovered r = Recovery.recover(fs, snapDir, logDir, DiskHistory.SMALL_SEGMENTS, new RecoveryOptions(repair), warnings::add);
        opened.add(r.log());
        return r;
    }

    private static void assertSameAsLive(Recovered r, PeerHarness live) {
        assertThat(TreeState.of(r.state().tree())).isEqualTo(TreeState.of(live.tree()));
        assertThat(TreeState.reachable(r.state().tree())).isEqualTo(r.state().tree().nodeCount());
        assertThat(r.state().sessionTimeouts()).isEqualTo(live.peer().sessionTimeouts());
        assertThat(r.log().lastZxid()).isEqualTo(live.tree().lastProcessedZxid());
    }

    @Test
    void emptyDirectoriesGiveAnEmptyStateAndAnEmptyLog() throws Exception {
        MemoryFileSystem fs = new MemoryFileSystem();
        Path snapDir = Recovery.versionDir(Path.of("/data"));
        Path logDir = Recovery.versionDir(Path.of("/datalog"));

        Recovered r = recover(fs, snapDir, logDir, false);

        assertThat(snapDir).isEqualTo(Path.of("/data/version-2"));
        assertThat(TreeState.of(r.state().tree())).isEqualTo(TreeState.of(new DataTree()));
        assertThat(r.state().sessionTimeouts()).isEmpty();
        assertThat(r.snapshotZxid()).isZero();
        assertThat(r.log().lastZxid()).isZero();
        assertThat(fs.list(snapDir)).isEmpty();
        assertThat(warnings).isEmpty();
        assertThat(fs.isDirectory(snapDir)).isTrue();
        assertThat(fs.isDirectory(logDir)).isTrue();
    }

    @Test
    void logOnly() throws Exception {
        try (DiskHistory h = new DiskHistory(1)) {
            h.run(300);
            assertThat(h.log().segments()).as("several segments").hasSizeGreaterThan(3);

            Recovered r = recover(h, false);

            assertThat(r.snapshotZxid()).isZero();
            assertSameAsLive(r, h.harness);
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void snapshotPlusLog() throws Exception {
        try (DiskHistory h = new DiskHistory(2)) {
            h.run(150);
            Path snapshot = h.snapshot();
            h.run(150);

            Recovered r = recover(h, false);

            assertThat(r.snapshotZxid()).isEqualTo(SnapshotFile.zxidOf(snapshot)).isPositive();
            assertThat(r.snapshotZxid()).isLessThan(r.log().lastZxid());
            assertSameAsLive(r, h.harness);
        }
    }

    @Test
    void fuzzySnapshotsPlusLogEvenWithTheOldLogPurged() throws Exception {
        try (DiskHistory h = new DiskHistory(3)) {
            h.run(100);
            h.fuzzySnapshot();
            h.run(100);
            Path newest = h.fuzzySnapshot();
            h.run(50);
            h.log().deleteSegmentsThrough(SnapshotFile.zxidOf(newest));

            Recovered r = recover(h, false);

            assertThat(r.snapshotZxid()).isEqualTo(SnapshotFile.zxidOf(newest));
            assertSameAsLive(r, h.harness);
        }
    }

    @Test
    void historyIsTheNewestSnapshotAndTheTxnsLoggedAfterItUnapplied() throws Exception {
        try (DiskHistory h = new DiskHistory(11)) {
            h.run(120);
            Path snapshot = h.snapshot();
            h.run(80);
            long snapshotZxid = SnapshotFile.zxidOf(snapshot);

            Recovery.History history = Recovery.recoverHistory(h.fs, h.snapDir, h.logDir, DiskHistory.SMALL_SEGMENTS,
                    RecoveryOptions.strict(), warnings::add);
            opened.add(history.log());

            assertThat(history.snapshotZxid()).isEqualTo(snapshotZxid).isPositive();
            assertThat(TreeState.of(history.snapshotState().tree()))
                    .as("the snapshot's tree, nothing of the log applied")
                    .isEqualTo(TreeState.of(SnapshotFile.read(h.fs, snapshot).restore().tree()));
            assertThat(history.snapshotState().lastZxid()).isEqualTo(snapshotZxid);
            assertThat(history.tail()).extracting(LoggedTxn::zxid)
                    .isEqualTo(h.log().readAfter(snapshotZxid).stream().map(LoggedTxn::zxid).toList());
            assertThat(history.tail().getFirst().zxid()).isGreaterThan(snapshotZxid);
            assertThat(history.log().lastZxid()).isEqualTo(h.harness.tree().lastProcessedZxid());
            for (LoggedTxn txn : history.tail()) {
                history.snapshotState().replay(txn.header(), txn.txn());
            }
            assertThat(TreeState.of(history.snapshotState().tree())).as("snapshot + tail = the live tree")
                    .isEqualTo(TreeState.of(h.harness.tree()));
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void snapshotAndLogInTheSameDirectory() throws Exception {
        MemoryFileSystem fs = new MemoryFileSystem();
        Path dir = Path.of("/data/version-2");
        try (DiskHistory h = new DiskHistory(fs, dir, dir, new PeerHarness(), 4)) {
            h.run(100);
            h.snapshot();
            h.run(100);
            assertSameAsLive(recover(h, false), h.harness);
        }
    }

    @Test
    void aRecoveredServerContinuesAndRecoversAgain() throws Exception {
        MemoryFileSystem fs = new MemoryFileSystem();
        Path snapDir = Path.of("/data/version-2");
        Path logDir = Path.of("/datalog/version-2");
        try (DiskHistory first = new DiskHistory(fs, snapDir, logDir, new PeerHarness(), 5)) {
            first.run(120);
            first.snapshot();
            first.run(60);
        }
        Recovered r = recover(fs, snapDir, logDir, false);
        PeerHarness restarted = new PeerHarness(r.state());
        DiskHistory second = new DiskHistory(fs, snapDir, logDir, restarted, 6);
        second.log().close();
        second.useLog(r.log());
        long resumedAt = r.log().lastZxid();
        second.run(120);
        assertThat(restarted.log()).as("the restarted peer goes on with the next zxids").isNotEmpty();
        assertThat(restarted.log().getFirst().zxid()).isEqualTo(resumedAt + 1);

        Recovered again = recover(fs, snapDir, logDir, false);
        assertSameAsLive(again, restarted);
    }

    @Test
    void aTornLogTailIsCutAndReported() throws Exception {
        try (DiskHistory h = new DiskHistory(7)) {
            h.run(80);
            h.snapshot();
            h.run(40);
            List<LoggedTxn> logged = new ArrayList<>(h.harness.log());
            Path last = h.log().segments().getLast().path();
            byte[] bytes = h.fs.bytes(last);
            h.fs.plant(last, Arrays.copyOf(bytes, bytes.length - 3)); // the last record loses its end

            Recovered r = recover(h, false);

            PeerHarness expected = replayedFromScratch(logged.subList(0, logged.size() - 1));
            assertThat(TreeState.of(r.state().tree())).isEqualTo(TreeState.of(expected.tree()));
            assertThat(r.log().lastZxid()).isEqualTo(logged.get(logged.size() - 2).zxid());
            assertThat(warnings).anyMatch(w -> w.contains(last.getFileName().toString()));
        }
    }

    /** The state the given txns build from an empty tree. */
    private static PeerHarness replayedFromScratch(List<LoggedTxn> txns) {
        RecoveredState state = RecoveredState.empty();
        for (LoggedTxn t : txns) {
            state.replay(t.header(), t.txn());
        }
        return new PeerHarness(state);
    }

    @Test
    void damageBeforeTheLogTailRefusesToStartUnlessRepairing() throws Exception {
        try (DiskHistory h = new DiskHistory(8)) {
            h.run(200);
            Path middle = h.log().segments().get(1).path();
            byte[] bytes = h.fs.bytes(middle);
            bytes[40] ^= 0x20;
            h.fs.plant(middle, bytes);

            assertThatThrownBy(() -> recover(h, false)).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining(middle.toString());

            Recovered repaired = recover(h, true);
            assertThat(warnings).anyMatch(w -> w.contains(middle.getFileName().toString()));
            assertThat(repaired.log().lastZxid()).isLessThan(h.harness.tree().lastProcessedZxid());
            assertThat(repaired.state().lastZxid()).isEqualTo(repaired.log().lastZxid());
        }
    }

    @Test
    void aCorruptNewestSnapshotIsRefusedOrSetAsideForTheOlderOne() throws Exception {
        try (DiskHistory h = new DiskHistory(9)) {
            h.run(100);
            Path older = h.snapshot();
            h.run(100);
            Path newest = h.snapshot();
            h.run(20);
            byte[] bytes = h.fs.bytes(newest);
            bytes[bytes.length / 2] ^= 0x01;
            h.fs.plant(newest, bytes);

            assertThatThrownBy(() -> recover(h, false)).isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining(newest.toString())
                    .satisfies(e -> assertThat(((CorruptSnapshotException) e).file()).isEqualTo(newest));

            Recovered repaired = recover(h, true);
            assertThat(repaired.snapshotZxid()).isEqualTo(SnapshotFile.zxidOf(older));
            assertSameAsLive(repaired, h.harness);
            assertThat(warnings).anyMatch(w -> w.contains(newest.toString()));
            assertThat(h.fs.list(h.snapDir)).contains(newest.getFileName() + ".corrupt")
                    .doesNotContain(newest.getFileName().toString());

            warnings.clear();
            Recovered strictAgain = recover(h, false);
            assertThat(strictAgain.snapshotZxid()).isEqualTo(SnapshotFile.zxidOf(older));
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void aLogThatDoesNotReachBackToTheSnapshotIsAGap() throws Exception {
        try (DiskHistory h = new DiskHistory(10)) {
            h.run(150);
            Path snapshot = h.snapshot();
            long snapZxid = SnapshotFile.zxidOf(snapshot);
            h.run(150);
            List<TxnLog.Segment> segments = h.log().segments();
            // Lose every segment up to the one after the snapshot's: the txns right after it are gone.
            int firstKept = 0;
            while (segments.get(firstKept).firstZxid() <= snapZxid + 1) {
                firstKept++;
            }
            Path firstLeft = segments.get(firstKept).path();
            for (int i = 0; i < firstKept; i++) {
                h.fs.delete(segments.get(i).path());
            }

            for (boolean repair : new boolean[] {false, true}) {
                assertThatThrownBy(() -> recover(h, repair)).isInstanceOf(CorruptLogException.class)
                        .hasMessageContaining(firstLeft.toString()).hasMessageContaining("gap")
                        .hasMessageContaining(String.format("0x%x", snapZxid));
            }
        }
    }

    @Test
    void aLostMiddleSegmentIsAGap() throws Exception {
        try (DiskHistory h = new DiskHistory(11)) {
            h.run(250);
            List<TxnLog.Segment> segments = h.log().segments();
            h.fs.delete(segments.get(2).path());

            assertThatThrownBy(() -> recover(h, false)).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining(segments.get(3).path().toString()).hasMessageContaining("gap");
        }
    }

    @Test
    void aLogWithoutItsBeginningAndNoSnapshotIsAGap() throws Exception {
        try (DiskHistory h = new DiskHistory(12)) {
            h.run(200);
            h.fs.delete(h.log().segments().getFirst().path());
            assertThatThrownBy(() -> recover(h, false)).isInstanceOf(CorruptLogException.class).hasMessageContaining("gap");
        }
    }

    @Test
    void aLeftoverSnapshotTempFileIsDeletedWithAWarning() throws Exception {
        try (DiskHistory h = new DiskHistory(13)) {
            h.run(50);
            h.fs.createDirectories(h.snapDir);
            Path tmp = h.snapDir.resolve("snapshot.0000000000000063.tmp");
            h.fs.plant(tmp, new byte[] {1, 2, 3});

            Recovered r = recover(h, false);

            assertSameAsLive(r, h.harness);
            assertThat(h.fs.exists(tmp)).isFalse();
            assertThat(warnings).singleElement().asString().contains(tmp.toString());
        }
    }

    @Test
    void aCrashAnywhereInASnapshotWriteLosesNothing() throws Exception {
        long steps;
        try (DiskHistory probe = new DiskHistory(14)) {
            probe.run(60);
            long before = probe.fs.mutations();
            probe.snapshot();
            steps = probe.fs.mutations() - before;
        }
        assertThat(steps).isGreaterThan(4);
        for (long survive = 0; survive <= steps; survive++) {
            warnings.clear();
            try (DiskHistory h = new DiskHistory(14)) {
                h.run(60);
                h.fs.failAfter(survive);
                try {
                    h.snapshot();
                } catch (IOException | UncheckedIOException injected) {
                    // the crash
                }
                h.fs.crash();
                Recovered r = recover(h, false);
                assertSameAsLive(r, h.harness);
                assertThat(h.fs.list(h.snapDir)).noneMatch(name -> name.endsWith(".tmp"));
            }
        }
    }

    @Test
    void snapshotTxnsAreReplayedThroughTheLiveApply() throws Exception {
        // Sanity of the fixture: the harness logs every txn it applies, zxids without holes.
        try (DiskHistory h = new DiskHistory(15)) {
            h.run(100);
            List<LoggedTxn> log = h.harness.log();
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).zxid()).isEqualTo(i + 1);
            }
            assertThat(log).anyMatch(t -> t.header().type() == OpCode.MULTI);
        }
    }
}
