package io.paddock.storage.log;

import static io.paddock.storage.log.LogFixtures.assertSameTxns;
import static io.paddock.storage.log.LogFixtures.everyKind;
import static io.paddock.storage.log.LogFixtures.logged;
import static io.paddock.storage.log.LogFixtures.payload;
import static io.paddock.storage.log.LogFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.OpCode;
import io.paddock.storage.fs.RealFileSystem;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnLogRoundTripTest {
    private final RealFileSystem fs = new RealFileSystem();
    private final List<String> warnings = new ArrayList<>();
    private static final LogOptions SMALL = new LogOptions(64 << 10, 4 << 10);

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("version-2");
    }

    private TxnLog open() throws Exception {
        return TxnLog.open(fs, dir(), SMALL, false, warnings::add);
    }

    @Test
    void everyKindOfTxnSurvivesForceAndReopen() throws Exception {
        List<LoggedTxn> written = new ArrayList<>();
        long zxid = 0x100000001L;
        for (Txn txn : everyKind()) {
            written.add(logged(zxid++, txn));
        }
        try (TxnLog log = open()) {
            for (LoggedTxn t : written) {
                log.append(t);
            }
            log.force();
            assertThat(log.lastZxid()).isEqualTo(zxid - 1);
        }
        try (TxnLog log = open()) {
            assertThat(log.lastZxid()).isEqualTo(zxid - 1);
            List<LoggedTxn> read = log.readAfter(0);
            assertSameTxns(read, written);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i).header()).isEqualTo(written.get(i).header());
                assertThat(read.get(i).txn().getClass()).isEqualTo(written.get(i).txn().getClass());
            }
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void anEmptyLogHasNothing() throws Exception {
        try (TxnLog log = open()) {
            assertThat(log.lastZxid()).isZero();
            assertThat(log.segments()).isEmpty();
            assertThat(log.readAfter(0)).isEmpty();
            log.force();
            assertThat(log.segments()).isEmpty();
        }
        assertThat(Files.isDirectory(dir())).isTrue();
        try (TxnLog log = open()) {
            assertThat(log.lastZxid()).isZero();
        }
    }

    @Test
    void theFileLayoutIsTheContractsByteForByte() throws Exception {
        List<LoggedTxn> written = txns(0x500000001L, 3, 1);
        try (TxnLog log = TxnLog.open(fs, dir(), new LogOptions(1 << 20, 0), false, warnings::add)) {
            for (LoggedTxn t : written) {
                log.append(t);
            }
            log.force();
        }
        Path segment = dir().resolve("log.0000000500000001");
        assertThat(fs.list(dir())).containsExactly("log.0000000500000001");
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(segment));
        assertThat(file.getInt()).isEqualTo(0x50444B4C);
        assertThat(file.getInt()).isEqualTo(1);
        assertThat(file.getLong()).isEqualTo(0x500000001L);
        for (LoggedTxn t : written) {
            byte[] payload = payload(t);
            int length = file.getInt();
            assertThat(length).isEqualTo(8 + payload.length);
            int crc = file.getInt();
            byte[] covered = new byte[length];
            file.get(covered);
            CRC32C expected = new CRC32C();
            expected.update(covered);
            assertThat(crc).isEqualTo((int) expected.getValue());
            ByteBuffer record = ByteBuffer.wrap(covered);
            assertThat(record.getLong()).isEqualTo(t.zxid());
            assertThat(record.slice()).isEqualTo(ByteBuffer.wrap(payload));
        }
        assertThat(file.hasRemaining()).as("no preallocation asked for, so nothing after the data").isFalse();
    }

    @Test
    void zxidsMustStrictlyIncreaseEvenAcrossAReopen() throws Exception {
        try (TxnLog log = open()) {
            log.append(logged(10, new Txn.CreateSession(1000)));
            assertThatThrownBy(() -> log.append(logged(10, new Txn.CreateSession(1000))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0xa");
            assertThatThrownBy(() -> log.append(logged(9, new Txn.CreateSession(1000))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.lastZxid()).isEqualTo(10);
            log.append(logged(12, new Txn.CreateSession(1000)));
            log.force();
        }
        try (TxnLog log = open()) {
            assertThatThrownBy(() -> log.append(logged(12, new Txn.CreateSession(1000))))
                    .isInstanceOf(IllegalArgumentException.class);
            log.append(logged(13, new Txn.CreateSession(1000)));
            log.force();
            assertThat(log.readAfter(0).stream().map(LoggedTxn::zxid).toList()).containsExactly(10L, 12L, 13L);
        }
    }

    @Test
    void aHeaderTypeThatIsNotTheTxnsIsRefused() throws Exception {
        try (TxnLog log = open()) {
            LoggedTxn lying = new LoggedTxn(new TxnHeader(1, 1, 5, 0, OpCode.DELETE), new Txn.CreateSession(1));
            assertThatThrownBy(() -> log.append(lying)).isInstanceOf(IllegalArgumentException.class);
            assertThat(log.lastZxid()).isZero();
            log.append(logged(5, new Txn.CreateSession(1)));
            log.force();
            assertThat(log.readAfter(0)).hasSize(1);
        }
    }

    @Test
    void readAfterSeesAppendedTxnsBeforeTheyAreForced() throws Exception {
        List<LoggedTxn> written = txns(1, 20, 1);
        try (TxnLog log = open()) {
            for (LoggedTxn t : written) {
                log.append(t);
            }
            assertSameTxns(log.readAfter(0), written);
            assertSameTxns(log.readAfter(15), written.subList(15, 20));
        }
    }

    @Test
    void appendsAfterAReopenContinueTheLastSegment() throws Exception {
        List<LoggedTxn> first = txns(1, 10, 1);
        List<LoggedTxn> second = txns(11, 10, 1);
        try (TxnLog log = open()) {
            for (LoggedTxn t : first) {
                log.append(t);
            }
            log.force();
        }
        try (TxnLog log = open()) {
            for (LoggedTxn t : second) {
                log.append(t);
            }
            log.force();
            assertThat(log.segments()).hasSize(1);
        }
        try (TxnLog log = open()) {
            List<LoggedTxn> all = new ArrayList<>(first);
            all.addAll(second);
            assertSameTxns(log.readAfter(0), all);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void closeForcesWhatWasAppended() throws Exception {
        List<LoggedTxn> written = txns(1, 5, 1);
        try (TxnLog log = open()) {
            for (LoggedTxn t : written) {
                log.append(t);
            }
        }
        try (TxnLog log = open()) {
            assertSameTxns(log.readAfter(0), written);
        }
    }

    @Test
    void aClosedLogRefusesUse() throws Exception {
        TxnLog log = open();
        log.close();
        assertThatThrownBy(() -> log.append(logged(1, new Txn.CreateSession(1))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(log::force).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filesThatAreNotSegmentsAreLeftAlone() throws Exception {
        fs.createDirectories(dir());
        Files.writeString(dir().resolve("snapshot.0000000000000001"), "not a log");
        Files.writeString(dir().resolve("log.notHex"), "not a log either");
        try (TxnLog log = open()) {
            log.append(logged(1, new Txn.CreateSession(1)));
            log.force();
        }
        try (TxnLog log = open()) {
            assertThat(log.readAfter(0)).hasSize(1);
        }
        assertThat(fs.list(dir())).contains("snapshot.0000000000000001", "log.notHex");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTxnTooLargeForARecordIsRefusedAndTheBatchStaysIntact() throws Exception {
        try (TxnLog log = open()) {
            log.append(logged(1, new Txn.CreateSession(1)));
            byte[] huge = new byte[SegmentFormat.PAYLOAD_BYTES_MAX];
            assertThatThrownBy(() -> log.append(logged(2, new Txn.SetData("/big", huge, 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
            log.append(logged(3, new Txn.CreateSession(3)));
            log.force();
            assertThat(log.readAfter(0).stream().map(LoggedTxn::zxid).toList()).containsExactly(1L, 3L);
        }
    }

    @Test
    void segmentNamesAreSixteenLowercaseHexDigits() {
        assertThat(SegmentFormat.name(0x1234L)).isEqualTo("log.0000000000001234");
        assertThat(SegmentFormat.firstZxidOf(Path.of("log.00000001ffffffff"))).isEqualTo(0x1ffffffffL);
        assertThat(SegmentFormat.isSegmentName("log.00000001FFFFFFFF")).isFalse();
    }
}
