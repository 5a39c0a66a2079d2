package io.paddock.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealFileSystemTest {
    private final RealFileSystem fs = new RealFileSystem();

    @TempDir
    Path dir;

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(FileHandle file, long position, int length) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        int n = file.read(dst, position);
        return n < 0 ? null : new String(dst.array(), 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void openCreatesAndPositionalWritesReadBack() throws IOException {
        Path path = dir.resolve("f");
        assertThat(fs.exists(path)).isFalse();
        try (FileHandle file = fs.open(path)) {
            assertThat(fs.exists(path)).isTrue();
            assertThat(file.size()).isZero();
            file.write(bytes("hello world"), 0);
            file.write(bytes("WORLD"), 6);
            file.force();
            assertThat(file.size()).isEqualTo(11);
            assertThat(read(file, 0, 11)).isEqualTo("hello WORLD");
            assertThat(read(file, 6, 100)).as("a read past the end returns what there is").isEqualTo("WORLD");
            assertThat(read(file, 11, 4)).as("at end of file").isNull();
        }
        assertThat(Files.readString(path)).isEqualTo("hello WORLD");
    }

    @Test
    void writingPastTheEndFillsTheGapWithZeros() throws IOException {
        Path path = dir.resolve("sparse");
        try (FileHandle file = fs.open(path)) {
            file.write(bytes("ab"), 0);
            file.write(ByteBuffer.allocate(1), 9_999);
            assertThat(file.size()).isEqualTo(10_000);
        }
        byte[] content = Files.readAllBytes(path);
        assertThat(content[0]).isEqualTo((byte) 'a');
        for (int i = 2; i < content.length; i++) {
            assertThat(content[i]).isZero();
        }
    }

    @Test
    void truncateCutsTheFile() throws IOException {
        Path path = dir.resolve("t");
        try (FileHandle file = fs.open(path)) {
            file.write(bytes("0123456789"), 0);
            file.truncate(4);
            file.force();
            assertThat(file.size()).isEqualTo(4);
            assertThat(read(file, 0, 10)).isEqualTo("0123");
        }
        assertThat(Files.size(path)).isEqualTo(4);
    }

    @Test
    void reopeningKeepsTheContent() throws IOException {
        Path path = dir.resolve("r");
        try (FileHandle file = fs.open(path)) {
            file.write(bytes("kept"), 0);
            file.force();
        }
        try (FileHandle file = fs.open(path)) {
            assertThat(read(file, 0, 4)).isEqualTo("kept");
        }
    }

    @Test
    void listNamesOnlyRegularFilesSorted() throws IOException {
        Files.writeString(dir.resolve("log.2"), "x");
        Files.writeString(dir.resolve("log.10"), "x");
        Files.writeString(dir.resolve("a"), "x");
        Files.createDirectory(dir.resolve("subdir"));
        assertThat(fs.list(dir)).containsExactly("a", "log.10", "log.2");
        assertThat(fs.list(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void createDirectoriesMakesNestedDirectories() throws IOException {
        Path nested = dir.resolve("a/b/c");
        fs.createDirectories(nested);
        fs.createDirectories(nested);
        assertThat(Files.isDirectory(nested)).isTrue();
    }

    @Test
    void renameReplacesTheTarget() throws IOException {
        Files.writeString(dir.resolve("old"), "old");
        Files.writeString(dir.resolve("new.tmp"), "new");
        fs.rename(dir.resolve("new.tmp"), dir.resolve("old"));
        fs.forceDirectory(dir);
        assertThat(Files.readString(dir.resolve("old"))).isEqualTo("new");
        assertThat(fs.exists(dir.resolve("new.tmp"))).isFalse();
    }

    @Test
    void deleteIsQuietWhenAbsent() throws IOException {
        Files.writeString(dir.resolve("d"), "x");
        fs.delete(dir.resolve("d"));
        fs.delete(dir.resolve("d"));
        fs.forceDirectory(dir);
        assertThat(fs.exists(dir.resolve("d"))).isFalse();
    }
}
