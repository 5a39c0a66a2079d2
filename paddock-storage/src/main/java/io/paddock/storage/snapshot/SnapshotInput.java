package io.paddock.storage.snapshot;

import io.paddock.storage.fs.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads jute values from a snapshot file through a buffer, checksumming every byte consumed and knowing its
 * offset, so any damage is reported as a {@link CorruptSnapshotException} naming the file and where. Lengths
 * are checked against what the file still holds before anything is allocated.
 */
final class SnapshotInput {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileHandle handle;
    private final Path file;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).limit(0);
    private final CRC32C crc = new CRC32C();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private long bufferStart;
    private final byte[] scratch = new byte[8];

    SnapshotInput(FileHandle handle, Path file) throws IOException {
        this.handle = handle;
        this.file = file;
        this.size = handle.size();
    }

    long position() {
        return bufferStart + buffer.position();
    }

    long remaining() {
        return size - position();
    }

    /** CRC32C of every byte consumed so far. */
    int checksum() {
        return (int) crc.getValue();
    }

    CorruptSnapshotException corrupt(long offset, String reason) {
        return new CorruptSnapshotException(file, offset, reason);
    }

    int readInt(String what) throws IOException, CorruptSnapshotException {
        readFully(scratch, 4, what);
        return ((scratch[0] & 0xff) << 24) | ((scratch[1] & 0xff) << 16) | ((scratch[2] & 0xff) << 8) | (scratch[3] & 0xff);
    }

    long readLong(String what) throws IOException, CorruptSnapshotException {
        long high = readInt(what) & 0xffffffffL;
        long low = readInt(what) & 0xffffffffL;
        return (high << 32) | low;
    }

    /** Strict: a byte other than 0 or 1 is damage, not "true". */
    boolean readBool(String what) throws IOException, CorruptSnapshotException {
        long at = position();
        readFully(scratch, 1, what);
        return switch (scratch[0]) {
            case 0 -> false;
            case 1 -> true;
            default -> throw corrupt(at, what + " is neither 0 nor 1 but " + scratch[0]);
        };
    }

    /** A buffer; null when its length is -1. */
    byte[] readBuffer(String what) throws IOException, CorruptSnapshotException {
        long at = position();
        int length = readInt(what + " length");
        if (length == -1) {
            return null;
        }
        if (length < -1 || length > remaining()) {
            throw corrupt(at, what + " length " + length + " with " + remaining() + " bytes left in the file");
        }
        byte[] out = new byte[length];
        readFully(out, length, what);
        return out;
    }

    /** A non-null UTF-8 string. */
    String readString(String what) throws IOException, CorruptSnapshotException {
        long at = position();
        byte[] bytes = readBuffer(what);
        if (bytes == null) {
            throw corrupt(at, what + " is null");
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw corrupt(at, what + " is not valid UTF-8");
        }
    }

    /** A count of elements that each take at least {@code minElementBytes}, checked against what is left. */
    int readCount(String what, int minElementBytes) throws IOException, CorruptSnapshotException {
        long at = position();
        int count = readInt(what);
        if (count < 0 || (long) count * minElementBytes > remaining()) {
            throw corrupt(at, "impossible " + what + " " + count + " with " + remaining() + " bytes left in the file");
        }
        return count;
    }

    private void readFully(byte[] dst, int length, String what) throws IOException, CorruptSnapshotException {
        if (length > remaining()) {
            throw corrupt(position(), "file ends inside " + what + ": need " + length + " bytes, "
                    + remaining() + " left (file size " + size + ")");
        }
        int done = 0;
        while (done < length) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int n = Math.min(length - done, buffer.remaining());
            buffer.get(dst, done, n);
            done += n;
        }
        crc.update(dst, 0, length);
    }

    private void fill() throws IOException, CorruptSnapshotException {
        bufferStart += buffer.limit();
        buffer.clear();
        while (buffer.hasRemaining() && bufferStart + buffer.position() < size) {
            int n = handle.read(buffer, bufferStart + buffer.position());
            if (n <= 0) {
                break;
            }
        }
        buffer.flip();
        if (!buffer.hasRemaining()) {
            throw corrupt(bufferStart, "file shrank while being read");
        }
    }
}
