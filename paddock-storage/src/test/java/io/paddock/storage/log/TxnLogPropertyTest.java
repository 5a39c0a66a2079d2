package io.paddock.storage.log;

import static io.paddock.storage.log.LogFixtures.assertSameTxns;
import static io.paddock.storage.log.LogFixtures.recordOffsets;
import static io.paddock.storage.log.LogFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TxnLogPropertyTest {
    /** Real files, no fsync: these properties are about the format and its checks, and run hundreds of logs. */
    private final CountingFileSystem fs = new CountingFileSystem();

    TxnLogPropertyTest() {
        fs.skipSync = true;
    }

    private interface InDir {
        void run(Path dir) throws Exception;
    }

    private static void withTempDir(InDir body) throws Exception {
        Path dir = Files.createTempDirectory("txnlog-prop");
        try {
            body.run(dir.resolve("log"));
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void write(Path dir, LogOptions options, List<LoggedTxn> txns, int forceEvery) throws Exception {
        try (TxnLog log = TxnLog.open(fs, dir, options, false, w -> { })) {
            for (int i = 0; i < txns.size(); i++) {
                log.append(txns.get(i));
                if (i % forceEvery == 0) {
                    log.force();
                }
            }
            log.force();
        }
    }

    @Property(tries = 30)
    void readAfterReturnsExactlyTheLaterTxnsInOrder(@ForAll @IntRange(min = 1, max = 80) int count,
                                                    @ForAll @IntRange(min = 1, max = 5) int step,
                                                    @ForAll @IntRange(min = 200, max = 3000) int segmentMax,
                                                    @ForAll @IntRange(min = 1, max = 30) int forceEvery,
                                                    @ForAll @LongRange(min = 0, max = 500) long after) throws Exception {
        withTempDir(dir -> {
            List<LoggedTxn> written = txns(1, count, step);
            LogOptions options = new LogOptions(segmentMax, 256);
            write(dir, options, written, forceEvery);
            List<String> warnings = new ArrayList<>();
            try (TxnLog log = TxnLog.open(fs, dir, options, false, warnings::add)) {
                assertSameTxns(log.readAfter(after), written.stream().filter(t -> t.zxid() > after).toList());
                assertThat(log.segments().stream().map(TxnLog.Segment::firstZxid).toList())
                        .isEqualTo(LogFixtures.expectedFirstZxids(written, segmentMax));
            }
            assertThat(warnings).isEmpty();
        });
    }

    /**
     * Whatever single byte of a log is damaged, opening it never hands back wrong history: it refuses naming the
     * file and the damaged record, or (only for the newest segment's last record or the zeros after it) cuts a
     * torn tail and keeps every other txn.
     */
    @Property(tries = 100)
    void aDamagedByteIsNeverReadAsHistory(@ForAll @IntRange(min = 2, max = 40) int count,
                                          @ForAll @IntRange(min = 300, max = 2000) int segmentMax,
                                          @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
                                          @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
        withTempDir(dir -> {
            List<LoggedTxn> written = txns(1, count, 1);
            LogOptions options = new LogOptions(segmentMax, 512);
            write(dir, options, written, 15);
            List<Long> firsts = LogFixtures.expectedFirstZxids(written, segmentMax);
            int segmentIndex = where % firsts.size();
            boolean lastSegment = segmentIndex == firsts.size() - 1;
            long first = firsts.get(segmentIndex);
            long end = lastSegment ? count : firsts.get(segmentIndex + 1) - 1;
            List<LoggedTxn> inSegment = written.subList((int) first - 1, (int) end);
            long[] offsets = recordOffsets(inSegment);
            Path segment = dir.resolve(SegmentFormat.name(first));
            byte[] bytes = Files.readAllBytes(segment);
            int at = (where / firsts.size()) % bytes.length;
            bytes[at] ^= (byte) mask;
            Files.write(segment, bytes);

            int record = -1; // which record holds the byte; -1 for the header, inSegment.size() past the data
            for (int r = 0; r < inSegment.size() + 1 && offsets[r] <= at; r++) {
                record = r;
            }
            boolean tailOfTheLog = lastSegment && record >= inSegment.size() - 1;
            List<String> warnings = new ArrayList<>();
            CorruptLogException refused = catchThrowableOfType(CorruptLogException.class,
                    () -> TxnLog.open(fs, dir, options, false, warnings::add).close());
            if (tailOfTheLog && record >= 0) {
                assertThat(refused).as("torn tail at byte %d", at).isNull();
                assertThat(warnings).singleElement().asString().contains("torn tail").contains(segment.toString());
                long keptThrough = record == inSegment.size() ? count : count - 1;
                try (TxnLog log = TxnLog.open(fs, dir, options, false, w -> { })) {
                    assertSameTxns(log.readAfter(0), written.subList(0, (int) keptThrough));
                }
            } else {
                assertThat(refused).as("byte %d of %s (record %d)", at, segment, record).isNotNull();
                assertThat(refused.file()).isEqualTo(segment);
                if (record < 0) {
                    assertThat(refused.offset()).isBetween(0L, 15L);
                } else {
                    assertThat(refused.offset()).isEqualTo(offsets[record]);
                }
            }
        });
    }
}
