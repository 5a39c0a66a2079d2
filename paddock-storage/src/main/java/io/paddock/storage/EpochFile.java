package io.paddock.storage;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * acceptedEpoch / currentEpoch, as ZooKeeper keeps them: the epoch as decimal text, nothing else. Written to a
 * temp file that is forced and then renamed over the real one, so a crash leaves the old value or the new one,
 * never a torn mix; readers only ever open the real name.
 */
public final class EpochFile {
    /** The longest content accepted: a long in decimal plus a line end ZooKeeper-written files may lack or have. */
    private static final int MAX_BYTES = 24;
    static final String TMP_SUFFIX = ".tmp";

    private EpochFile() {
    }

    /** The epoch stored in {@code file}; NoSuchFileException when the file is absent. */
    public static long read(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        byte[] bytes;
        try (FileHandle handle = fs.open(file)) {
            long size = handle.size();
            if (size > MAX_BYTES) {
                throw new IOException(file + " holds " + size + " bytes, too many for an epoch");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining()) {
                if (handle.read(buffer, buffer.position()) <= 0) {
                    throw new IOException(file + " shrank while being read");
                }
            }
            bytes = buffer.array();
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        try {
            long epoch = Long.parseLong(text);
            if (epoch < 0) {
                throw new NumberFormatException("negative");
            }
            return epoch;
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold an epoch: \"" + text + "\"", e);
        }
    }

    /** Replaces the epoch in {@code file} durably: temp file, force, rename, force the directory. */
    public static void write(FileSystem fs, Path file, long epoch) throws IOException {
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch);
        }
        Path dir = file.getParent() != null ? file.getParent() : file.toAbsolutePath().getParent();
        Path tmp = file.resolveSibling(file.getFileName() + TMP_SUFFIX);
        byte[] bytes = Long.toString(epoch).getBytes(StandardCharsets.US_ASCII);
        try (FileHandle handle = fs.open(tmp)) {
            handle.truncate(0);
            handle.write(ByteBuffer.wrap(bytes), 0);
            handle.force();
        }
        fs.rename(tmp, file);
        fs.forceDirectory(dir);
    }
}
