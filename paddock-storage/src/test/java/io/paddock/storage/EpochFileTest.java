package io.paddock.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.storage.testing.MemoryFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EpochFileTest {
    private final MemoryFileSystem fs = new MemoryFileSystem();
    private final Path dataDir = Path.of("/data");
    private final Path current = dataDir.resolve("currentEpoch");

    EpochFileTest() throws IOException {
        fs.createDirectories(dataDir);
    }

    @Test
    void roundTripsAsDecimalText() throws Exception {
        EpochFile.write(fs, current, 7);
        assertThat(EpochFile.read(fs, current)).isEqualTo(7);
        assertThat(new String(fs.bytes(current), StandardCharsets.US_ASCII)).isEqualTo("7");

        EpochFile.write(fs, current, 0x7fffffffL);
        assertThat(EpochFile.read(fs, current)).isEqualTo(0x7fffffffL);
        assertThat(fs.list(dataDir)).containsExactly("currentEpoch");
    }

    @Test
    void anAbsentFileIsNoSuchFile() {
        assertThatThrownBy(() -> EpochFile.read(fs, dataDir.resolve("acceptedEpoch"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readsAFileWithALineEndAsZooKeeperToolsMayLeave() throws Exception {
        fs.plant(current, "12\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(EpochFile.read(fs, current)).isEqualTo(12);
    }

    @Test
    void garbageIsAnErrorNamingTheFile() throws Exception {
        fs.plant(current, "1x".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> EpochFile.read(fs, current)).isInstanceOf(IOException.class)
                .hasMessageContaining(current.toString()).hasMessageContaining("1x");
        fs.plant(current, new byte[0]);
        assertThatThrownBy(() -> EpochFile.read(fs, current)).isInstanceOf(IOException.class);
    }

    @Test
    void aLeftoverTempFileIsNeverReadAndIsReplaced() throws Exception {
        EpochFile.write(fs, current, 3);
        fs.plant(dataDir.resolve("currentEpoch.tmp"), "99".getBytes(StandardCharsets.US_ASCII));
        assertThat(EpochFile.read(fs, current)).isEqualTo(3);

        EpochFile.write(fs, current, 4);
        assertThat(EpochFile.read(fs, current)).isEqualTo(4);
        assertThat(fs.list(dataDir)).containsExactly("currentEpoch");
    }

    @Test
    void aCrashAtAnyPointLeavesTheOldEpochOrTheNewOne() throws Exception {
        EpochFile.write(fs, current, 41);
        long before = fs.mutations();
        EpochFile.write(fs, current, 42);
        long steps = fs.mutations() - before;
        assertThat(steps).as("open, truncate, write, force, rename, force dir").isGreaterThanOrEqualTo(5);

        for (long survive = 0; survive <= steps; survive++) {
            EpochFile.write(fs, current, 41);
            fs.failAfter(survive);
            boolean returned;
            try {
                EpochFile.write(fs, current, 42);
                returned = true;
            } catch (IOException injected) {
                returned = false;
            }
            fs.crash();
            long epoch = EpochFile.read(fs, current);
            assertThat(epoch).as("after %d of %d steps", survive, steps).isIn(41L, 42L);
            if (returned) {
                assertThat(epoch).as("a write that returned is durable").isEqualTo(42);
            }
        }
    }

    @Test
    void aFirstWriteThatCrashesLeavesNoFileOrTheWholeOne() throws Exception {
        for (long survive = 0; survive < 8; survive++) {
            fs.failAfter(survive);
            try {
                EpochFile.write(fs, dataDir.resolve("acceptedEpoch" + survive), 5);
            } catch (IOException injected) {
                // the crash point
            }
            fs.crash();
            Path file = dataDir.resolve("acceptedEpoch" + survive);
            if (fs.exists(file)) {
                assertThat(EpochFile.read(fs, file)).isEqualTo(5);
            }
        }
    }
}
