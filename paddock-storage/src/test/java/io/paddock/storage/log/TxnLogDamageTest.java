package io.paddock.storage.log;

import static io.paddock.storage.log.LogFixtures.assertSameTxns;
import static io.paddock.storage.log.LogFixtures.record;
import static io.paddock.storage.log.LogFixtures.recordOffsets;
import static io.paddock.storage.log.LogFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.tree.Txn;
import io.paddock.core.wire.OpCode;
import io.paddock.storage.fs.RealFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening a damaged log does: cut a torn tail, refuse anything else, or with repair cut it loudly. */
class TxnLogDamageTest {
    private static final LogOptions ONE_SEGMENT = new LogOptions(1 << 20, 4 << 10);
    private static final LogOptions SMALL_SEGMENTS = new LogOptions(1024, 512);

    private final RealFileSystem fs = new RealFileSystem();
    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path root;

    private void write(Path dir, LogOptions options, List<LoggedTxn> txns) throws Exception {
        try (TxnLog log = TxnLog.open(fs, dir, options, false, warnings::add)) {
            for (LoggedTxn t : txns) {
                log.append(t);
            }
            log.force();
            assertThat(log.segments()).isNotEmpty();
        }
    }

    private TxnLog open(Path dir, LogOptions options, boolean repair) throws Exception {
        return TxnLog.open(fs, dir, options, repair, warnings::add);
    }

    private static long nonZeroEnd(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] != 0) {
                return i + 1;
            }
        }
        return from;
    }

    private static void flip(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x10;
        Files.write(file, bytes);
    }

    /** The fixture: six txns, the last a small setData (every byte of it gets torn), in one preallocated segment. */
    private static List<LoggedTxn> sixTxns() {
        List<LoggedTxn> txns = new ArrayList<>(txns(1, 5, 1));
        txns.add(LogFixtures.logged(6, new Txn.SetData("/app", LogFixtures.utf8("y".repeat(20)), 9)));
        return txns;
    }

    @Test
    void aTailTornAtAnyByteOfTheLastRecordIsCutWithAWarning() throws Exception {
        Path pristine = root.resolve("pristine");
        List<LoggedTxn> written = sixTxns();
        write(pristine, ONE_SEGMENT, written);
        Path segmentName = Path.of(SegmentFormat.name(1));
        byte[] original = Files.readAllBytes(pristine.resolve(segmentName));
        long[] offsets = recordOffsets(written);
        int start = (int) offsets[5];
        int end = (int) offsets[6];
        assertThat(original.length).as("preallocated").isGreaterThan(end);

        for (int cut = start; cut < end; cut++) {
            for (boolean zerosFollow : new boolean[] {false, true}) {
                // a file that ends mid-record, or a record whose end never reached the preallocated zeros
                byte[] damaged = zerosFollow ? original.clone() : Arrays.copyOf(original, cut);
                if (zerosFollow) {
                    Arrays.fill(damaged, cut, end, (byte) 0);
                }
                Path dir = root.resolve("cut-" + cut + "-" + zerosFollow);
                Files.createDirectories(dir);
                Path segment = dir.resolve(segmentName);
                Files.write(segment, damaged);
                warnings.clear();
                boolean anyByteOfTheRecord = nonZeroEnd(damaged, start, cut) > start;
                try (TxnLog log = open(dir, ONE_SEGMENT, false)) {
                    assertThat(log.lastZxid()).isEqualTo(5);
                    assertSameTxns(log.readAfter(0), written.subList(0, 5));
                    if (anyByteOfTheRecord) {
                        assertThat(warnings).singleElement().asString().contains(segment.toString())
                                .contains("torn tail at offset " + start)
                                .contains("dropping " + (nonZeroEnd(damaged, start, damaged.length) - start) + " bytes");
                        assertThat(Files.size(segment)).isEqualTo(start);
                    } else {
                        assertThat(warnings).as("only zeros were written: nothing to report").isEmpty();
                    }
                    log.append(written.get(5));
                    log.force();
                }
                warnings.clear();
                try (TxnLog log = open(dir, ONE_SEGMENT, false)) {
                    assertSameTxns(log.readAfter(0), written);
                }
                assertThat(warnings).isEmpty();
            }
        }
    }

    @Test
    void junkOverThePreallocatedZerosIsATornTail() throws Exception {
        List<LoggedTxn> written = sixTxns();
        long dataEnd = recordOffsets(written)[6];
        Random random = new Random(42);
        for (int length : new int[] {1, 3, 16, 17, 100, 2000}) {
            for (boolean startsWithEndMark : new boolean[] {false, true}) {
                Path dir = root.resolve("junk-" + length + "-" + startsWithEndMark);
                write(dir, ONE_SEGMENT, written);
                Path segment = dir.resolve(SegmentFormat.name(1));
                byte[] bytes = Files.readAllBytes(segment);
                int junkAt = (int) dataEnd + (startsWithEndMark ? 16 : 0); // an all-zero record header, then junk
                for (int i = 0; i < length; i++) {
                    bytes[junkAt + i] = (byte) (1 + random.nextInt(255));
                }
                Files.write(segment, bytes);
                warnings.clear();
                try (TxnLog log = open(dir, ONE_SEGMENT, false)) {
                    assertSameTxns(log.readAfter(0), written);
                    assertThat(warnings).singleElement().asString()
                            .contains(segment.toString())
                            .contains("torn tail at offset " + dataEnd)
                            .contains("dropping " + (junkAt + length - dataEnd) + " bytes");
                }
            }
        }
    }

    @Test
    void aFlippedByteBeforeTheTailOfTheLastSegmentIsRefusedNamingFileAndRecord() throws Exception {
        Path pristine = root.resolve("pristine");
        List<LoggedTxn> written = sixTxns();
        write(pristine, ONE_SEGMENT, written);
        byte[] original = Files.readAllBytes(pristine.resolve(SegmentFormat.name(1)));
        long[] offsets = recordOffsets(written);
        int damagedRecord = 2;
        for (long at = offsets[damagedRecord]; at < offsets[damagedRecord + 1]; at++) {
            Path dir = root.resolve("flip-" + at);
            Files.createDirectories(dir);
            Path segment = dir.resolve(SegmentFormat.name(1));
            Files.write(segment, original);
            flip(segment, at);
            assertThatThrownBy(() -> open(dir, ONE_SEGMENT, false))
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                        assertThat(e.file()).isEqualTo(segment);
                        assertThat(e.offset()).isBetween(offsets[damagedRecord], offsets[damagedRecord + 1] - 1);
                        assertThat(e.getMessage()).contains(segment.toString()).contains("offset " + e.offset());
                    });
            assertThat(Files.readAllBytes(segment)).as("a refused log is left as it was")
                    .hasSize(original.length);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFlippedByteInAnOlderSegmentIsRefusedEvenInItsLastRecord() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(1, 60, 1);
        write(dir, SMALL_SEGMENTS, written);
        List<String> names = fs.list(dir);
        assertThat(names).hasSizeGreaterThan(3);
        Path older = dir.resolve(names.get(1));
        long firstZxid = SegmentFormat.firstZxidOf(older);
        long nextFirst = SegmentFormat.firstZxidOf(dir.resolve(names.get(2)));
        List<LoggedTxn> inOlder = written.subList((int) firstZxid - 1, (int) nextFirst - 1);
        long[] offsets = recordOffsets(inOlder);
        int lastRecord = inOlder.size() - 1;
        flip(older, offsets[lastRecord] + 20);
        assertThatThrownBy(() -> open(dir, SMALL_SEGMENTS, false))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                    assertThat(e.file()).isEqualTo(older);
                    assertThat(e.offset()).isEqualTo(offsets[lastRecord]);
                });
        assertThat(fs.list(dir)).isEqualTo(names);
    }

    @Test
    void aDamagedSegmentHeaderIsRefused() throws Exception {
        Path dir = root.resolve("log");
        write(dir, SMALL_SEGMENTS, txns(1, 60, 1));
        Path older = dir.resolve(fs.list(dir).get(1));
        flip(older, 1);
        assertThatThrownBy(() -> open(dir, SMALL_SEGMENTS, false))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                    assertThat(e.file()).isEqualTo(older);
                    assertThat(e.offset()).isZero();
                    assertThat(e.getMessage()).contains("magic");
                });
    }

    @Test
    void repairCutsTheDamageAndEverythingAfterItLoudly() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(1, 60, 1);
        write(dir, SMALL_SEGMENTS, written);
        List<String> names = fs.list(dir);
        Path damaged = dir.resolve(names.get(1));
        long firstZxid = SegmentFormat.firstZxidOf(damaged);
        long[] offsets = recordOffsets(written.subList((int) firstZxid - 1, written.size()));
        flip(damaged, offsets[1] + 30); // the segment's second record
        try (TxnLog log = open(dir, SMALL_SEGMENTS, true)) {
            assertThat(log.lastZxid()).isEqualTo(firstZxid);
            assertSameTxns(log.readAfter(0), written.subList(0, (int) firstZxid));
            assertThat(fs.list(dir)).containsExactlyElementsOf(names.subList(0, 2));
            assertThat(Files.size(damaged)).isEqualTo(offsets[1]);
            String warning = warnings.getFirst();
            assertThat(warnings).hasSize(1);
            assertThat(warning).startsWith("REPAIR").contains(damaged.toString()).contains("offset " + offsets[1])
                    .contains("deleted " + (names.size() - 2) + " later segment(s)");
            for (String gone : names.subList(2, names.size())) {
                assertThat(warning).contains(gone);
            }
            log.append(written.get((int) firstZxid)); // the log goes on from the cut
            log.force();
        }
        warnings.clear();
        try (TxnLog log = open(dir, SMALL_SEGMENTS, false)) {
            assertSameTxns(log.readAfter(0), written.subList(0, (int) firstZxid + 1));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void repairOfADamagedFirstRecordDeletesTheSegment() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(1, 60, 1);
        write(dir, SMALL_SEGMENTS, written);
        List<String> names = fs.list(dir);
        Path damaged = dir.resolve(names.get(2));
        flip(damaged, 16 + 20);
        try (TxnLog log = open(dir, SMALL_SEGMENTS, true)) {
            long lastKept = SegmentFormat.firstZxidOf(damaged) - 1;
            assertThat(log.lastZxid()).isEqualTo(lastKept);
            assertThat(fs.list(dir)).containsExactlyElementsOf(names.subList(0, 2));
            assertThat(warnings).singleElement().asString().startsWith("REPAIR").contains("deleted " + names.get(2));
        }
    }

    @Test
    void aGoodChecksumOutOfOrderAtTheTailIsCorruptionNotATornWrite() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = sixTxns();
        write(dir, ONE_SEGMENT, written);
        Path segment = dir.resolve(SegmentFormat.name(1));
        byte[] bytes = Files.readAllBytes(segment);
        byte[] stale = record(written.get(1)); // zxid 2 again, checksum good
        long end = recordOffsets(written)[6];
        System.arraycopy(stale, 0, bytes, (int) end, stale.length);
        Files.write(segment, bytes);
        assertThatThrownBy(() -> open(dir, ONE_SEGMENT, false))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                    assertThat(e.offset()).isEqualTo(end);
                    assertThat(e.getMessage()).contains("does not follow");
                });
    }

    @Test
    void aNewSegmentTornWhileBeingCreatedIsDeleted() throws Exception {
        List<LoggedTxn> written = txns(1, 10, 1);
        byte[][] tornFiles = {new byte[0], new byte[7], {0x50, 0x44, 0x4B}, new byte[16 + 100]};
        for (int k = 0; k < tornFiles.length; k++) {
            Path dir = root.resolve("torn-" + k);
            write(dir, ONE_SEGMENT, written);
            Path torn = dir.resolve(SegmentFormat.name(11));
            byte[] content = tornFiles[k];
            if (content.length > 16) { // a good header, then zeros only
                byte[] header = Files.readAllBytes(dir.resolve(SegmentFormat.name(1)));
                System.arraycopy(header, 0, content, 0, 8);
                content[15] = 11;
            }
            Files.write(torn, content);
            warnings.clear();
            try (TxnLog log = open(dir, ONE_SEGMENT, false)) {
                assertThat(log.lastZxid()).isEqualTo(10);
                assertThat(log.segments()).hasSize(1);
                assertThat(warnings).singleElement().asString().contains(torn.toString()).contains("deleted");
                assertThat(fs.exists(torn)).isFalse();
                log.append(txns(11, 1, 1).getFirst());
                log.force();
                assertThat(log.readAfter(0)).hasSize(11);
            }
        }
    }

    @Test
    void anEmptySegmentBeforeTheLastIsCorruption() throws Exception {
        Path dir = root.resolve("log");
        write(dir, SMALL_SEGMENTS, txns(1, 60, 1));
        Path second = dir.resolve(fs.list(dir).get(1));
        byte[] header = Arrays.copyOf(Files.readAllBytes(second), 16);
        Files.write(second, header);
        assertThatThrownBy(() -> open(dir, SMALL_SEGMENTS, false))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.file()).isEqualTo(second));
    }

    @Test
    void readAfterChecksChecksumsOfWhatItReads() throws Exception {
        Path dir = root.resolve("log");
        List<LoggedTxn> written = txns(1, 60, 1);
        write(dir, SMALL_SEGMENTS, written);
        try (TxnLog log = open(dir, SMALL_SEGMENTS, false)) {
            Path older = log.segments().get(1).path();
            flip(older, 16 + 30); // damage after the log was checked
            assertThatThrownBy(() -> log.readAfter(0))
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                        assertThat(e.file()).isEqualTo(older);
                        assertThat(e.offset()).isEqualTo(16);
                    });
            long beyond = log.segments().get(2).firstZxid();
            assertThat(log.readAfter(beyond)).as("segments wholly before the zxid are not read")
                    .hasSize((int) (60 - beyond));
        }
    }

    @Test
    void anIoErrorMakesTheLogUnusableUntilReopened() throws Exception {
        Path dir = root.resolve("log");
        CountingFileSystem failing = new CountingFileSystem();
        TxnLog log = TxnLog.open(failing, dir, ONE_SEGMENT, false, warnings::add);
        log.append(txns(1, 1, 1).getFirst());
        log.force();
        log.append(txns(2, 1, 1).getFirst());
        failing.failNextForce = true;
        assertThatThrownBy(log::force).isInstanceOf(IOException.class).hasMessageContaining("injected");
        assertThatThrownBy(() -> log.append(txns(3, 1, 1).getFirst()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reopen");
        assertThatThrownBy(log::force).isInstanceOf(IllegalStateException.class);
        log.close();
        try (TxnLog reopened = open(dir, ONE_SEGMENT, false)) {
            assertThat(reopened.lastZxid()).isBetween(1L, 2L);
            reopened.append(LogFixtures.logged(3, new Txn.Delete(OpCode.DELETE, "/x")));
            reopened.force();
        }
    }
}
