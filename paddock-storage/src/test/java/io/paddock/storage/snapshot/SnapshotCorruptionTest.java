package io.paddock.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paddock.storage.testing.MemoryFileSystem;
import io.paddock.storage.testing.PeerHarness;
import io.paddock.storage.testing.TreeState;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotCorruptionTest {
    private final MemoryFileSystem fs = new MemoryFileSystem();
    private final Path dir = Path.of("/data/version-2");
    private Path file;
    private byte[] good;

    @BeforeEach
    void writeOne() throws Exception {
        PeerHarness harness = SnapshotRoundTripTest.busyPeer(11, 60);
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, harness.tree().lastProcessedZxid(),
                harness.peer().sessionTimeouts())) {
            writer.write(TreeState.records(harness.tree()));
            file = writer.finish();
        }
        good = fs.bytes(file);
        assertThat(SnapshotFile.read(fs, file).nodes()).isNotEmpty();
    }

    private CorruptSnapshotException readExpectingCorruption(byte[] content) throws Exception {
        fs.plant(file, content);
        CorruptSnapshotException e = catchThrowableOfType(CorruptSnapshotException.class, () -> SnapshotFile.read(fs, file));
        assertThat(e).as("damage must be detected").isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file.toString());
        assertThat(e.offset()).isBetween(0L, (long) content.length);
        return e;
    }

    @Test
    void aFlippedByteAnywhereIsDetected() throws Exception {
        for (int offset = 0; offset < good.length; offset++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] bad = good.clone();
                bad[offset] ^= (byte) mask;
                readExpectingCorruption(bad);
            }
        }
    }

    @Test
    void aFlippedByteInTheBodyIsAChecksumOrStructureErrorNotSilence() throws Exception {
        byte[] bad = good.clone();
        bad[good.length - 12] ^= 0x10; // inside the last node's pzxid: still well-formed, only the CRC can tell
        CorruptSnapshotException e = readExpectingCorruption(bad);
        assertThat(e.getMessage()).contains("checksum mismatch");
        assertThat(e.offset()).isEqualTo(good.length - 8);
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        for (int length = 0; length < good.length; length++) {
            readExpectingCorruption(Arrays.copyOf(good, length));
        }
    }

    @Test
    void bytesAfterTheEndAreDetected() throws Exception {
        CorruptSnapshotException e = readExpectingCorruption(Arrays.copyOf(good, good.length + 4));
        assertThat(e.offset()).isEqualTo(good.length);
    }

    @Test
    void aBadMagicIsNamedAtOffsetZero() throws Exception {
        byte[] bad = good.clone();
        bad[0] = 'X';
        CorruptSnapshotException e = readExpectingCorruption(bad);
        assertThat(e.offset()).isZero();
        assertThat(e.getMessage()).contains("bad magic");
    }

    @Test
    void aSnapshotUnderAnotherZxidsNameIsRejected() throws Exception {
        Path renamed = dir.resolve("snapshot.00000000000000aa");
        fs.plant(renamed, good);
        assertThatThrownBy(() -> SnapshotFile.read(fs, renamed)).isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining("does not match the file name");
    }

    @Test
    void dumpPrintsNothingFromADamagedFile() throws Exception {
        byte[] bad = good.clone();
        bad[good.length - 12] ^= 0x10;
        fs.plant(file, bad);
        List<String> lines = new ArrayList<>();
        assertThatThrownBy(() -> SnapshotFile.dump(fs, file, lines::add)).isInstanceOf(CorruptSnapshotException.class);
        assertThat(lines).isEmpty();
    }

    @Test
    void aMissingFileIsNotCorruption() {
        assertThatThrownBy(() -> SnapshotFile.read(fs, dir.resolve("snapshot.0000000000000999")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
