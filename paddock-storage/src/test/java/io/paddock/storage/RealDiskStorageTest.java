package io.paddock.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.node.Peer;
import io.paddock.storage.Recovery.Recovered;
import io.paddock.storage.fs.RealFileSystem;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.CorruptSnapshotException;
import io.paddock.storage.snapshot.SnapshotFile;
import io.paddock.storage.snapshot.SnapshotWriter;
import io.paddock.storage.testing.PeerHarness;
import io.paddock.storage.testing.PeerHarness.Kind;
import io.paddock.storage.testing.PeerHarness.Op;
import io.paddock.storage.testing.TreeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same files on a real disk through RealFileSystem: snapshot, epoch, recovery, a damaged snapshot. */
class RealDiskStorageTest {
    @TempDir
    Path base;

    @Test
    void snapshotLogEpochAndRecoveryOnDisk() throws Exception {
        RealFileSystem fs = new RealFileSystem();
        Path snapDir = Recovery.versionDir(base.resolve("data"));
        Path logDir = Recovery.versionDir(base.resolve("datalog"));
        LogOptions options = new LogOptions(4096, 4096);
        PeerHarness harness = new PeerHarness();
        Random random = new Random(31);
        try (TxnLog log = TxnLog.open(fs, logDir, options, false, w -> { })) {
            for (int i = 0; i < 200; i++) {
                harness.apply(new Op(Kind.values()[random.nextInt(Kind.values().length)], random.nextInt(40),
                        random.nextInt(3), random.nextInt(7)));
                if (i == 120) {
                    sync(harness, log);
                    Peer.SnapshotStart start = harness.peer().startSnapshot();
                    try (SnapshotWriter writer = SnapshotWriter.begin(fs, snapDir, start.cursor().startZxid(),
                            start.sessionTimeouts())) {
                        writer.write(start.cursor().next(Integer.MAX_VALUE));
                        writer.finish();
                    }
                }
            }
            sync(harness, log);
        }
        EpochFile.write(fs, base.resolve("data").resolve("currentEpoch"), 3);

        List<String> warnings = new ArrayList<>();
        Recovered r = Recovery.recover(fs, snapDir, logDir, options, RecoveryOptions.strict(), warnings::add);
        try {
            assertThat(r.snapshotZxid()).isPositive();
            assertThat(TreeState.of(r.state().tree())).isEqualTo(TreeState.of(harness.tree()));
            assertThat(r.state().sessionTimeouts()).isEqualTo(harness.peer().sessionTimeouts());
            assertThat(warnings).isEmpty();
        } finally {
            r.log().close();
        }
        assertThat(EpochFile.read(fs, base.resolve("data").resolve("currentEpoch"))).isEqualTo(3);
        assertThat(Files.readString(base.resolve("data").resolve("currentEpoch"))).isEqualTo("3");

        Path file = SnapshotFile.listNewestFirst(fs, snapDir).getFirst();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Recovery.recover(fs, snapDir, logDir, options, RecoveryOptions.strict(), warnings::add))
                .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining(file.toString());
    }

    private static void sync(PeerHarness harness, TxnLog log) throws Exception {
        for (LoggedTxn txn : harness.logAfter(log.lastZxid())) {
            log.append(txn);
        }
        log.force();
    }
}
