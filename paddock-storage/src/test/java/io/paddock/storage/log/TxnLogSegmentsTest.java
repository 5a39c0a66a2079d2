package io.paddock.storage.log;

import static io.paddock.storage.log.LogFixtures.SEGMENT_HEADER;
import static io.paddock.storage.log.LogFixtures.assertSameTxns;
import static io.paddock.storage.log.LogFixtures.expectedFirstZxids;
import static io.paddock.storage.log.LogFixtures.recordBytes;
import static io.paddock.storage.log.LogFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.storage.fs.RealFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnLogSegmentsTest {
    private static final long SEGMENT_MAX = 1024;
    private static final long PREALLOCATE = 512;
    private static final LogOptions SMALL = new LogOptions(SEGMENT_MAX, PREALLOCATE);

    private final RealFileSystem fs = new RealFileSystem();
    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path root;

    private TxnLog open(Path dir, LogOptions options) throws Exception {
        return TxnLog.open(fs, dir, options, false, warnings::add);
    }

    private static void appendAll(TxnLog log, List<LoggedTxn> txns) throws Exception {
        for (LoggedTxn t : txns) {
            log.append(t);
        }
    }

    private static List<Long> firstZxids(TxnLog log) {
        return log.segments().stream().map(TxnLog.Segment::firstZxid).toList();
    }

    private List<String> segmentFilesOnDisk(Path dir) throws Exception {
        return fs.list(dir).stream().filter(n -> n.startsWith("log.")).toList();
    }

    @Test
    void aRequestedRollStartsTheNextTxnInANewSegmentButNeverLeavesAnEmptyOne() throws Exception {
        Path dir = root.resolve("log-roll");
        List<LoggedTxn> written = txns(1, 6, 1);
        try (TxnLog log = open(dir, LogOptions.defaults())) {
            log.rollAtNextAppend(); // nothing written yet: the first segment simply starts
            appendAll(log, written.subList(0, 3));
            log.force();
            log.rollAtNextAppend();
            log.rollAtNextAppend(); // asking twice rolls once
            appendAll(log, written.subList(3, 6));
            log.force();
            assertThat(firstZxids(log)).containsExactly(1L, 4L);
        }
        try (TxnLog reopened = open(dir, LogOptions.defaults())) {
            assertThat(reopened.readAfter(0)).extracting(LoggedTxn::zxid).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            reopened.deleteSegmentsThrough(3);
            assertThat(firstZxids(reopened)).as("the rolled-away segment holds only history <= 3").containsExactly(4L);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void rollsToANewSegmentAtARecordBoundaryOnceTheSegmentIsFull() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(1, 200, 1);
        List<Long> expected = expectedFirstZxids(written, SEGMENT_MAX);
        assertThat(expected).hasSizeGreaterThan(5);
        try (TxnLog log = open(dir, SMALL)) {
            // some forces cover several segments, some none
            appendAll(log, written.subList(0, 7));
            log.force();
            appendAll(log, written.subList(7, 150));
            log.force();
            appendAll(log, written.subList(150, 200));
            log.force();
            assertThat(firstZxids(log)).isEqualTo(expected);
            assertSameTxns(log.readAfter(0), written);
        }
        assertThat(segmentFilesOnDisk(dir)).isEqualTo(expected.stream().map(SegmentFormat::name).toList());
        int largestRecord = written.stream().mapToInt(LogFixtures::recordBytes).max().orElseThrow();
        for (int i = 0; i < expected.size() - 1; i++) {
            long size = Files.size(dir.resolve(SegmentFormat.name(expected.get(i))));
            assertThat(size).as("a full segment is cut to its data, which passed the maximum by under one record")
                    .isGreaterThanOrEqualTo(SEGMENT_MAX).isLessThan(SEGMENT_MAX + largestRecord);
        }
    }

    @Test
    void aReopenedLogReadsAcrossSegmentsFromAnyZxid() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(0x700000001L, 150, 3);
        try (TxnLog log = open(dir, SMALL)) {
            appendAll(log, written);
            log.force();
        }
        try (TxnLog log = open(dir, SMALL)) {
            assertThat(firstZxids(log)).isEqualTo(expectedFirstZxids(written, SEGMENT_MAX));
            assertThat(log.lastZxid()).isEqualTo(written.getLast().zxid());
            for (long after = written.getFirst().zxid() - 2; after <= written.getLast().zxid() + 1; after++) {
                long bound = after;
                List<LoggedTxn> expected = written.stream().filter(t -> t.zxid() > bound).toList();
                assertSameTxns(log.readAfter(after), expected);
            }
            List<LoggedTxn> more = txns(written.getLast().zxid() + 1, 40, 1);
            appendAll(log, more);
            log.force();
            List<LoggedTxn> all = new ArrayList<>(written);
            all.addAll(more);
            assertThat(firstZxids(log)).as("the reopened last segment fills up before the next begins")
                    .isEqualTo(expectedFirstZxids(all, SEGMENT_MAX));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void theActiveSegmentIsPreallocatedInChunksAndOneForceCoversABatch() throws Exception {
        Path dir = root.resolve("log");
        CountingFileSystem counting = new CountingFileSystem();
        LogOptions options = new LogOptions(1 << 20, 8 << 10);
        int total;
        try (TxnLog log = TxnLog.open(counting, dir, options, false, warnings::add)) {
            log.append(txns(1, 1, 1).getFirst());
            log.force();
            Path segment = dir.resolve(SegmentFormat.name(1));
            assertThat(Files.size(segment)).isEqualTo(8 << 10);
            counting.reset();

            appendAll(log, txns(2, 30, 1));
            log.force();
            assertThat(counting.writes).as("one positional write per batch").isEqualTo(1);
            assertThat(counting.forces).as("one force per force()").isEqualTo(1);
            assertThat(counting.directoryForces).isZero();
            assertThat(Files.size(segment)).as("still inside the first chunk").isEqualTo(8 << 10);

            long data = SEGMENT_HEADER + txns(1, 31, 1).stream().mapToLong(LogFixtures::recordBytes).sum();
            int more = 0;
            while (data <= (8 << 10)) { // enough txns to cross into the second chunk
                data += recordBytes(txns(32 + more, 1, 1).getFirst());
                more++;
            }
            counting.reset();
            appendAll(log, txns(32, more, 1));
            log.force();
            assertThat(counting.forces).isEqualTo(1);
            assertThat(Files.size(segment)).as("grown by a whole chunk").isEqualTo(16 << 10);
            assertThat(counting.events).as("extended before the data is written")
                    .first().asString().startsWith("write " + segment.getFileName() + " " + ((16 << 10) - 1) + " 1");
            total = 31 + more;
        }
        try (TxnLog log = open(dir, options)) {
            assertThat(log.readAfter(0)).hasSize(total);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aRollSealsAndForcesTheOldSegmentBeforeTheNewOneExists() throws Exception {
        Path dir = root.resolve("log");
        CountingFileSystem counting = new CountingFileSystem();
        List<LoggedTxn> written = txns(1, 12, 1);
        List<Long> firsts = expectedFirstZxids(written, SEGMENT_MAX);
        assertThat(firsts).hasSize(2);
        try (TxnLog log = TxnLog.open(counting, dir, SMALL, false, warnings::add)) {
            int split = (int) (firsts.get(1) - 1); // txns before the second segment
            appendAll(log, written.subList(0, split));
            log.force();
            counting.reset();
            appendAll(log, written.subList(split, 12));
            log.force();
            String oldName = SegmentFormat.name(1);
            String newName = SegmentFormat.name(firsts.get(1));
            List<String> events = counting.events;
            int truncateOld = events.indexOf(events.stream().filter(e -> e.startsWith("truncate " + oldName)).findFirst().orElseThrow());
            int forceOld = events.indexOf("force " + oldName);
            int firstNewWrite = events.indexOf(events.stream().filter(e -> e.startsWith("write " + newName)).findFirst().orElseThrow());
            assertThat(truncateOld).isLessThan(forceOld);
            assertThat(forceOld).isLessThan(firstNewWrite);
            assertThat(events.getLast()).as("the new segment's name is made durable last").isEqualTo("forceDirectory");
            assertThat(counting.forces).isEqualTo(2);
        }
    }

    @Test
    void truncateAfterKeepsExactlyTheTxnsUpToTheZxid() throws Exception {
        List<LoggedTxn> written = txns(1, 120, 1);
        List<Long> firsts = expectedFirstZxids(written, SEGMENT_MAX);
        long last = written.getLast().zxid();
        List<Long> cuts = new ArrayList<>(List.of(0L, 1L, 2L, 57L, last - 1, last, last + 10));
        for (long first : firsts.subList(1, 4)) {
            cuts.add(first - 1); // the previous segment's last txn: the whole segment goes
            cuts.add(first);     // only the first txn of this segment stays
        }
        for (long cut : cuts) {
            Path dir = root.resolve("cut-" + cut);
            try (TxnLog log = open(dir, SMALL)) {
                appendAll(log, written);
                log.force();
                log.truncateAfter(cut);
                long kept = Math.min(cut, last);
                assertThat(log.lastZxid()).as("cut %d", cut).isEqualTo(kept);
                List<LoggedTxn> expected = written.stream().filter(t -> t.zxid() <= cut).toList();
                assertSameTxns(log.readAfter(0), expected);
                assertThat(firstZxids(log)).isEqualTo(firsts.stream().filter(f -> f <= cut).toList());
                appendAll(log, txns(kept + 1, 3, 1)); // appends continue right after the cut
                log.force();
            }
            try (TxnLog log = open(dir, SMALL)) {
                long kept = Math.min(cut, last);
                List<LoggedTxn> expected = new ArrayList<>(written.stream().filter(t -> t.zxid() <= cut).toList());
                expected.addAll(txns(kept + 1, 3, 1));
                assertSameTxns(log.readAfter(0), expected);
            }
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void truncateAfterAZxidTheLogNeverHadCutsBeforeTheNextOne() throws Exception {
        Path dir = root.resolve("gaps");
        List<LoggedTxn> written = txns(10, 60, 10); // 10, 20, 30, ...
        try (TxnLog log = open(dir, SMALL)) {
            appendAll(log, written);
            log.truncateAfter(255); // pending appends are cut too
            assertThat(log.lastZxid()).isEqualTo(250);
            assertThat(log.readAfter(0)).hasSize(25);
        }
        try (TxnLog log = open(dir, SMALL)) {
            assertThat(log.lastZxid()).isEqualTo(250);
        }
    }

    @Test
    void deleteSegmentsThroughNeverDeletesASegmentHoldingALaterTxn() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(1, 200, 1);
        List<Long> firsts = expectedFirstZxids(written, SEGMENT_MAX);
        long last = written.getLast().zxid();
        try (TxnLog log = open(dir, SMALL)) {
            appendAll(log, written);
            log.force();
            for (long z = 0; z <= last + 1; z++) {
                log.deleteSegmentsThrough(z);
                List<Long> expected = new ArrayList<>();
                for (int i = 0; i < firsts.size(); i++) {
                    boolean newest = i == firsts.size() - 1;
                    if (newest || firsts.get(i + 1) - 1 > z) {
                        expected.add(firsts.get(i));
                    }
                }
                assertThat(firstZxids(log)).as("through %d", z).isEqualTo(expected);
                long bound = z;
                assertSameTxns(log.readAfter(z), written.stream().filter(t -> t.zxid() > bound).toList());
            }
            assertThat(log.segments()).as("the newest segment always stays").hasSize(1);
            assertThat(segmentFilesOnDisk(dir)).containsExactly(SegmentFormat.name(firsts.getLast()));
            log.append(txns(last + 1, 1, 1).getFirst());
            log.force();
        }
        try (TxnLog log = open(dir, SMALL)) {
            assertThat(log.lastZxid()).isEqualTo(last + 1);
            assertThat(log.readAfter(0).getFirst().zxid()).isEqualTo(firsts.getLast());
        }
        assertThat(warnings).isEmpty();
    }
}
