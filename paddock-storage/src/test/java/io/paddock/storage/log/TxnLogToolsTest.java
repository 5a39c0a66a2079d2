package io.paddock.storage.log;

import static io.paddock.storage.log.LogFixtures.logged;
import static io.paddock.storage.log.LogFixtures.recordOffsets;
import static io.paddock.storage.log.LogFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.tree.Txn;
import io.paddock.core.wire.OpCode;
import io.paddock.storage.fs.RealFileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnLogToolsTest {
    private static final LogOptions SMALL_SEGMENTS = new LogOptions(1024, 512);

    private final RealFileSystem fs = new RealFileSystem();
    private final List<String> lines = new ArrayList<>();

    @TempDir
    Path dir;

    private void write(List<LoggedTxn> txns) throws Exception {
        try (TxnLog log = TxnLog.open(fs, dir, SMALL_SEGMENTS, false, w -> { })) {
            for (LoggedTxn t : txns) {
                log.append(t);
            }
            log.force();
        }
    }

    @Test
    void verifySummarisesEverySegment() throws Exception {
        List<LoggedTxn> written = txns(1, 30, 1);
        write(written);
        List<Long> firsts = LogFixtures.expectedFirstZxids(written, SMALL_SEGMENTS.segmentBytesMax());
        assertThat(firsts).hasSizeGreaterThan(1);

        TxnLog.verify(fs, dir, lines::add);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < firsts.size(); i++) {
            long first = firsts.get(i);
            long last = i + 1 < firsts.size() ? firsts.get(i + 1) - 1 : 30;
            List<LoggedTxn> inSegment = written.subList((int) first - 1, (int) last);
            expected.add(dir.resolve(SegmentFormat.name(first)) + ": zxids " + SegmentFormat.hex(first) + ".."
                    + SegmentFormat.hex(last) + ", " + inSegment.size() + " txns, "
                    + recordOffsets(inSegment)[inSegment.size()] + " bytes of data");
        }
        expected.add(dir + ": " + firsts.size() + " segment(s), 30 txns, zxids 0x1..0x1e, every checksum good");
        assertThat(lines).isEqualTo(expected);
    }

    @Test
    void verifyReportsATornTailAndThrowsOnCorruption() throws Exception {
        write(txns(1, 20, 1));
        List<String> names = fs.list(dir);
        Path last = dir.resolve(names.getLast());
        long size = Files.size(last);
        Files.write(last, Files.readAllBytes(last), java.nio.file.StandardOpenOption.APPEND); // junk after the end
        TxnLog.verify(fs, dir, lines::add);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(last.toString()).contains("torn tail at offset"));
        assertThat(Files.size(last)).as("verify only reads").isGreaterThan(size);

        Path first = dir.resolve(names.get(0));
        byte[] bytes = Files.readAllBytes(first);
        bytes[40] ^= 1;
        Files.write(first, bytes);
        assertThatThrownBy(() -> TxnLog.verify(fs, dir, l -> { }))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                    assertThat(e.file()).isEqualTo(first);
                    assertThat(e.offset()).isEqualTo(16);
                });
        assertThatThrownBy(() -> TxnLog.verify(fs, dir.resolve("absent"), l -> { }))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(fs.exists(dir.resolve("absent"))).isFalse();
    }

    @Test
    void dumpPrintsOneReadableLinePerTxn() throws Exception {
        List<LoggedTxn> written = List.of(
                logged(0x100000001L, new Txn.CreateSession(30_000)),
                logged(0x100000002L, new Txn.Create(OpCode.CREATE2, "/app", LogFixtures.utf8("hello"),
                        io.paddock.core.wire.Acl.OPEN_ACL_UNSAFE, true, 1)),
                logged(0x100000003L, new Txn.SetData("/app", new byte[100], 1)),
                logged(0x100000004L, new Txn.Multi(List.of(new Txn.Delete(OpCode.DELETE, "/app"),
                        new Txn.CheckVersion("/", 3)))),
                logged(0x100000005L, new Txn.CloseSession(List.of("/e1", "/e2"))));
        write(written);
        Path segment = dir.resolve("log.0000000100000001");

        TxnLog.dump(fs, segment, lines::add);

        String session = "session 0x1000000abcd";
        assertThat(lines).hasSize(7);
        assertThat(lines.getFirst()).startsWith(segment + ": log segment, first zxid 0x100000001");
        assertThat(lines.subList(1, 6)).containsExactly(
                "0x100000001 " + session + " cxid 1 2024-01-03T15:16:07.297Z createSession timeout 30000ms",
                "0x100000002 " + session + " cxid 2 2024-01-03T15:16:07.298Z create2 /app data \"hello\" acl "
                        + "[world:anyone:cdrwa] ephemeral parentCVersion 1",
                "0x100000003 " + session + " cxid 3 2024-01-03T15:16:07.299Z setData /app data 100 bytes version 1",
                "0x100000004 " + session + " cxid 4 2024-01-03T15:16:07.300Z multi 2 ops [delete /app, check / version 3]",
                "0x100000005 " + session + " cxid 5 2024-01-03T15:16:07.301Z closeSession ephemerals [/e1, /e2]");
        assertThat(lines.getLast()).contains("zxids 0x100000001..0x100000005, 5 txns");
    }

    @Test
    void dumpPrintsWhatItCouldReadBeforeCorruption() throws Exception {
        List<LoggedTxn> written = txns(1, 5, 1);
        write(written);
        Path segment = dir.resolve(SegmentFormat.name(1));
        long[] offsets = recordOffsets(written);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) offsets[2] + 25] ^= 1;
        Files.write(segment, bytes);
        assertThatThrownBy(() -> TxnLog.dump(fs, segment, lines::add))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.offset()).isEqualTo(offsets[2]));
        assertThat(lines).hasSize(3).element(2).asString().startsWith("0x2 ");
    }
}
