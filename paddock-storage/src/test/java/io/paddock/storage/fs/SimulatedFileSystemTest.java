package io.paddock.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedFileSystemTest {
    private static final Path DIR = Path.of("/data/version-2");
    private static final Path FILE = DIR.resolve("log.1");

    private SimulatedFileSystem fs;

    @BeforeEach
    void setUp() throws IOException {
        fs = new SimulatedFileSystem(42);
        fs.createDirectories(DIR);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void write(FileHandle h, long position, String text) throws IOException {
        h.write(ByteBuffer.wrap(bytes(text)), position);
    }

    static String contentOf(FileSystem fs, Path path) throws IOException {
        try (FileHandle h = fs.open(path)) {
            ByteBuffer buf = ByteBuffer.allocate((int) h.size());
            while (buf.hasRemaining() && h.read(buf, buf.position()) > 0) {
                // read until full
            }
            return new String(buf.array(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A file whose creation is durable, and empty. */
    private FileHandle durableEmptyFile() throws IOException {
        FileHandle h = fs.open(FILE);
        fs.forceDirectory(DIR);
        return h;
    }

    @Test
    void writesAreVisibleAtOnceButLostInACrashUntilForced() throws IOException {
        try (FileHandle h = durableEmptyFile()) {
            write(h, 0, "hello");
            assertThat(h.size()).isEqualTo(5);
        }
        assertThat(contentOf(fs, FILE)).isEqualTo("hello");
        fs.crash();
        assertThat(contentOf(fs, FILE)).isEmpty();
    }

    @Test
    void forcedBytesSurviveAndLaterUnforcedOnesDoNot() throws IOException {
        try (FileHandle h = durableEmptyFile()) {
            write(h, 0, "kept");
            h.force();
            write(h, 4, "-lost");
            write(h, 0, "KEPT");
        }
        assertThat(contentOf(fs, FILE)).isEqualTo("KEPT-lost");
        fs.crash();
        assertThat(contentOf(fs, FILE)).isEqualTo("kept");
    }

    @Test
    void aNewFileVanishesInACrashUntilItsDirectoryIsForcedEvenWhenItsBytesWere() throws IOException {
        try (FileHandle h = fs.open(FILE)) {
            write(h, 0, "data");
            h.force();
        }
        assertThat(fs.exists(FILE)).isTrue();
        fs.crash();
        assertThat(fs.exists(FILE)).isFalse();
        assertThat(fs.list(DIR)).isEmpty();
    }

    @Test
    void aForcedDirectoryKeepsTheNameButOnlyTheForcedBytes() throws IOException {
        try (FileHandle h = fs.open(FILE)) {
            write(h, 0, "data");
            fs.forceDirectory(DIR);
        }
        fs.crash();
        assertThat(fs.exists(FILE)).isTrue();
        assertThat(contentOf(fs, FILE)).isEmpty();
    }

    @Test
    void aRenameIsUndoneByACrashUntilTheDirectoryIsForced() throws IOException {
        Path tmp = DIR.resolve("snapshot.5.tmp");
        Path target = DIR.resolve("snapshot.5");
        try (FileHandle h = fs.open(tmp)) {
            write(h, 0, "snap");
            h.force();
        }
        fs.forceDirectory(DIR);
        fs.rename(tmp, target);
        assertThat(fs.list(DIR)).containsExactly("snapshot.5");
        fs.crash();
        assertThat(fs.list(DIR)).containsExactly("snapshot.5.tmp");
        assertThat(contentOf(fs, tmp)).isEqualTo("snap");

        fs.rename(tmp, target);
        fs.forceDirectory(DIR);
        fs.crash();
        assertThat(fs.list(DIR)).containsExactly("snapshot.5");
        assertThat(contentOf(fs, target)).as("the content moves with the name").isEqualTo("snap");
    }

    @Test
    void aRenameOverAnExistingFileReplacesItAndACrashBringsTheOldOneBack() throws IOException {
        Path a = DIR.resolve("a");
        Path b = DIR.resolve("b");
        for (Path p : List.of(a, b)) {
            try (FileHandle h = fs.open(p)) {
                write(h, 0, p.getFileName().toString());
                h.force();
            }
        }
        fs.forceDirectory(DIR);
        fs.rename(a, b);
        assertThat(fs.list(DIR)).containsExactly("b");
        assertThat(contentOf(fs, b)).isEqualTo("a");
        fs.crash();
        assertThat(fs.list(DIR)).containsExactly("a", "b");
        assertThat(contentOf(fs, b)).isEqualTo("b");
    }

    @Test
    void aDeleteIsUndoneByACrashUntilTheDirectoryIsForced() throws IOException {
        try (FileHandle h = durableEmptyFile()) {
            write(h, 0, "x");
            h.force();
        }
        fs.delete(FILE);
        assertThat(fs.exists(FILE)).isFalse();
        fs.crash();
        assertThat(contentOf(fs, FILE)).isEqualTo("x");
        fs.delete(FILE);
        fs.forceDirectory(DIR);
        fs.crash();
        assertThat(fs.exists(FILE)).isFalse();
        fs.delete(FILE); // absent: nothing happens
    }

    @Test
    void aHandleKeepsItsFileAfterTheNameIsDeleted() throws IOException {
        try (FileHandle h = fs.open(FILE)) {
            write(h, 0, "abc");
            fs.delete(FILE);
            assertThat(h.size()).isEqualTo(3);
            write(h, 3, "d");
            assertThat(h.size()).isEqualTo(4);
        }
        assertThat(fs.exists(FILE)).isFalse();
    }

    @Test
    void aTruncateIsDurableOnlyAfterAForce() throws IOException {
        try (FileHandle h = durableEmptyFile()) {
            write(h, 0, "0123456789");
            h.force();
            h.truncate(4);
            assertThat(h.size()).isEqualTo(4);
            h.truncate(100);
            assertThat(h.size()).as("truncate never grows a file").isEqualTo(4);
        }
        fs.crash();
        assertThat(contentOf(fs, FILE)).isEqualTo("0123456789");
        try (FileHandle h = fs.open(FILE)) {
            h.truncate(4);
            h.force();
        }
        fs.crash();
        assertThat(contentOf(fs, FILE)).isEqualTo("0123");
    }

    @Test
    void writingPastTheEndLeavesZerosEvenWhereOldBytesWereCutOff() throws IOException {
        try (FileHandle h = durableEmptyFile()) {
            write(h, 0, "abcdefgh");
            h.force();
            h.truncate(2);
            write(h, 5, "Z");
            h.force();
        }
        fs.crash();
        assertThat(contentOf(fs, FILE)).isEqualTo("ab\0\0\0Z");
    }

    @Test
    void readsReturnMinusOneAtTheEndAndStopThere() throws IOException {
        try (FileHandle h = fs.open(FILE)) {
            write(h, 0, "abc");
            ByteBuffer buf = ByteBuffer.allocate(10);
            assertThat(h.read(buf, 1)).isEqualTo(2);
            assertThat(new String(buf.array(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("bc");
            assertThat(h.read(ByteBuffer.allocate(4), 3)).isEqualTo(-1);
        }
    }

    @Test
    void handlesOpenedBeforeACrashRefuseToWorkButMayBeClosed() throws IOException {
        FileHandle h = durableEmptyFile();
        write(h, 0, "x");
        fs.crash();
        assertThatThrownBy(() -> write(h, 0, "y")).isInstanceOf(IOException.class).hasMessageContaining("stale");
        assertThatThrownBy(h::force).isInstanceOf(IOException.class);
        assertThatThrownBy(h::size).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> h.read(ByteBuffer.allocate(1), 0)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> h.truncate(0)).isInstanceOf(IOException.class);
        h.close();
        try (FileHandle fresh = fs.open(FILE)) {
            write(fresh, 0, "z");
            assertThat(fresh.size()).isEqualTo(1);
        }
    }

    @Test
    void aClosedHandleRefusesToWork() throws IOException {
        FileHandle h = fs.open(FILE);
        h.close();
        assertThatThrownBy(() -> write(h, 0, "y")).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void listingNamesOnlyFilesSortedAndNothingForAMissingDirectory() throws IOException {
        fs.createDirectories(DIR.resolve("sub"));
        for (String name : List.of("log.2", "log.10", "acceptedEpoch")) {
            fs.open(DIR.resolve(name)).close();
        }
        assertThat(fs.list(DIR)).containsExactly("acceptedEpoch", "log.10", "log.2");
        assertThat(fs.list(Path.of("/nowhere"))).isEmpty();
        assertThat(fs.exists(DIR.resolve("sub"))).isTrue();
        assertThat(fs.exists(DIR.resolve("log.3"))).isFalse();
    }

    @Test
    void directoriesAreDurableOnceCreated() throws IOException {
        fs.createDirectories(Path.of("/a/b/c"));
        fs.crash();
        assertThat(fs.exists(Path.of("/a/b/c"))).isTrue();
        assertThat(fs.exists(Path.of("/a"))).isTrue();
    }

    @Test
    void operationsOnMissingDirectoriesOrFilesFailAsOnADisk() throws IOException {
        assertThatThrownBy(() -> fs.open(Path.of("/nowhere/x"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.rename(DIR.resolve("absent"), DIR.resolve("b"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.forceDirectory(Path.of("/nowhere"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.open(DIR)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> fs.delete(DIR)).isInstanceOf(IOException.class);
    }

    @Test
    void relativeAndUnnormalizedPathsNameTheSameFile() throws IOException {
        try (FileHandle h = fs.open(Path.of("/data/version-2/../version-2/./log.1"))) {
            write(h, 0, "same");
        }
        assertThat(contentOf(fs, FILE)).isEqualTo("same");
    }

    // ---- tears ----

    /** Durable "base", then unforced "-first" and "-second" appended: what does a torn crash leave? */
    private static String tornCrash(long seed) throws IOException {
        SimulatedFileSystem fs = new SimulatedFileSystem(SimulatedFileSystem.Options.seeded(seed).withTears(1.0));
        fs.createDirectories(DIR);
        try (FileHandle h = fs.open(FILE)) {
            write(h, 0, "base");
            h.force();
            fs.forceDirectory(DIR);
            write(h, 4, "-first");
            write(h, 10, "-second");
        }
        fs.crash();
        return contentOf(fs, FILE);
    }

    @Test
    void aTornCrashKeepsARandomPrefixOfTheLastUnforcedWriteOnTopOfTheDurableBytes() throws IOException {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            String after = tornCrash(seed);
            outcomes.add(after);
            assertThat(after).as("seed %d", seed).startsWith("base");
            if (after.length() > 4) {
                // the earlier unforced write never landed: zeros where it was, then a prefix of the last one
                assertThat(after.substring(4, 10)).as("seed %d", seed).isEqualTo("\0".repeat(6));
                assertThat("-second").as("seed %d", seed).startsWith(after.substring(10));
            }
        }
        assertThat(outcomes).as("every prefix length of the 7-byte write, none included").hasSize(8);
        assertThat(tornCrash(7)).as("a seed replays the same tear").isEqualTo(tornCrash(7));
    }

    @Test
    void aTearAfterATornCrashIsDurableAndNothingIsTornOnceForced() throws IOException {
        SimulatedFileSystem torn = new SimulatedFileSystem(SimulatedFileSystem.Options.seeded(3).withTears(1.0));
        torn.createDirectories(DIR);
        try (FileHandle h = torn.open(FILE)) {
            write(h, 0, "abcdef");
            torn.forceDirectory(DIR);
            h.force();
        }
        torn.crash();
        assertThat(contentOf(torn, FILE)).isEqualTo("abcdef");
        try (FileHandle h = torn.open(FILE)) {
            write(h, 6, "ghijklmnop");
        }
        torn.crash();
        String once = contentOf(torn, FILE);
        torn.crash();
        assertThat(contentOf(torn, FILE)).as("what a crash left is what is on the disk").isEqualTo(once);
    }

    @Test
    void withoutTearsNoUnforcedByteSurvives() throws IOException {
        for (long seed = 0; seed < 50; seed++) {
            SimulatedFileSystem plain = new SimulatedFileSystem(seed);
            plain.createDirectories(DIR);
            try (FileHandle h = plain.open(FILE)) {
                plain.forceDirectory(DIR);
                write(h, 0, "unforced");
            }
            plain.crash();
            assertThat(contentOf(plain, FILE)).isEmpty();
        }
    }

    // ---- bit flips ----

    @Test
    void aBitFlipChangesExactlyOneBitOfWhatIsReturnedAndNothingStored() throws IOException {
        SimulatedFileSystem flipping = new SimulatedFileSystem(SimulatedFileSystem.Options.seeded(9).withBitFlips(1.0));
        flipping.createDirectories(DIR);
        byte[] stored = new byte[64];
        try (FileHandle h = flipping.open(FILE)) {
            h.write(ByteBuffer.wrap(stored), 0);
            for (int i = 0; i < 20; i++) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                assertThat(h.read(buf, 0)).isEqualTo(64);
                int bitsDifferent = 0;
                for (int j = 0; j < 64; j++) {
                    bitsDifferent += Integer.bitCount((buf.get(j) ^ stored[j]) & 0xff);
                }
                assertThat(bitsDifferent).isEqualTo(1);
            }
        }
    }

    @Test
    void bitFlipsFollowTheirProbability() throws IOException {
        SimulatedFileSystem flipping = new SimulatedFileSystem(SimulatedFileSystem.Options.seeded(5).withBitFlips(0.25));
        flipping.createDirectories(DIR);
        int flipped = 0;
        try (FileHandle h = flipping.open(FILE)) {
            h.write(ByteBuffer.wrap(new byte[16]), 0);
            for (int i = 0; i < 1000; i++) {
                ByteBuffer buf = ByteBuffer.allocate(16);
                h.read(buf, 0);
                flipped += ByteBuffer.wrap(new byte[16]).equals(buf.flip()) ? 0 : 1;
            }
        }
        assertThat(flipped).isBetween(180, 320);
    }

    // ---- force points ----

    @Test
    void everyFileAndDirectoryForceIsCountedAndObservedBeforeAndAfter() throws IOException {
        List<String> seen = new ArrayList<>();
        fs.setForceObserver(new ForceObserver() {
            @Override
            public void beforeForce(ForcePoint p) {
                seen.add("before " + p.number() + " " + p.path().getFileName() + " " + p.directory());
            }

            @Override
            public void afterForce(ForcePoint p) {
                seen.add("after " + p.number());
            }
        });
        try (FileHandle h = fs.open(FILE)) {
            h.force();
            fs.forceDirectory(DIR);
            h.force();
        }
        assertThat(seen).containsExactly("before 1 log.1 false", "after 1", "before 2 version-2 true", "after 2",
                "before 3 log.1 false", "after 3");
        assertThat(fs.forceCount()).isEqualTo(3);
        assertThat(fs.fileForceCount()).isEqualTo(2);
        assertThat(fs.directoryForceCount()).isEqualTo(1);
    }

    @Test
    void crashingJustBeforeAForceLosesWhatItWouldHaveMadeDurable() throws IOException {
        FileHandle h = durableEmptyFile(); // force 1
        write(h, 0, "abc");
        fs.crashAtForce(2, SimulatedFileSystem.Moment.BEFORE);
        assertThatThrownBy(h::force).isInstanceOf(SimulatedCrash.class).hasMessageContaining("before");
        assertThat(fs.halted()).isTrue();
        fs.restart();
        assertThat(contentOf(fs, FILE)).isEmpty();
        assertThat(fs.crashCount()).isEqualTo(1);
    }

    @Test
    void crashingJustAfterAForceKeepsWhatItMadeDurable() throws IOException {
        FileHandle h = durableEmptyFile();
        write(h, 0, "abc");
        fs.crashAtForce(2, SimulatedFileSystem.Moment.AFTER);
        assertThatThrownBy(h::force).isInstanceOf(SimulatedCrash.class).hasMessageContaining("after");
        fs.restart();
        assertThat(contentOf(fs, FILE)).isEqualTo("abc");
    }

    @Test
    void crashingAtADirectoryForceDecidesWhetherTheEntriesSurvive() throws IOException {
        for (SimulatedFileSystem.Moment moment : SimulatedFileSystem.Moment.values()) {
            SimulatedFileSystem f = new SimulatedFileSystem(1);
            f.createDirectories(DIR);
            f.open(FILE).close();
            f.crashAtForce(1, moment);
            assertThatThrownBy(() -> f.forceDirectory(DIR)).isInstanceOf(SimulatedCrash.class);
            f.restart();
            assertThat(f.exists(FILE)).as("%s", moment).isEqualTo(moment == SimulatedFileSystem.Moment.AFTER);
        }
    }

    @Test
    void aHaltedMachineRefusesEveryOperationUntilRestarted() throws IOException {
        FileHandle h = fs.open(FILE);
        fs.crashAtForce(1, SimulatedFileSystem.Moment.BEFORE);
        assertThatThrownBy(h::force).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.open(FILE)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.delete(FILE)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.rename(FILE, DIR.resolve("x"))).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.list(DIR)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.exists(FILE)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.forceDirectory(DIR)).isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> fs.createDirectories(DIR)).isInstanceOf(SimulatedCrash.class);
        fs.restart();
        assertThat(fs.exists(FILE)).as("its creation was never forced").isFalse();
        assertThatThrownBy(() -> fs.crashAtForce(1, SimulatedFileSystem.Moment.AFTER))
                .as("a force point in the past").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durableSizeTellsWhatACrashWouldLeave() throws IOException {
        try (FileHandle h = fs.open(FILE)) {
            write(h, 0, "abcd");
            h.force();
            assertThat(fs.durableSize(FILE)).as("no durable name yet").isEqualTo(-1);
            fs.forceDirectory(DIR);
            write(h, 4, "ef");
            assertThat(fs.durableSize(FILE)).isEqualTo(4);
        }
    }
}
