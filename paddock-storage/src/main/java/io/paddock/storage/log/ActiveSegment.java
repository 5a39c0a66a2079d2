package io.paddock.storage.log;

import io.paddock.storage.fs.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The newest segment, open for appends. Its file is kept longer than its data: bytes past {@code writePosition} up
 * to {@code allocated} are zeros, so the next records land inside the file and a force rarely changes its size.
 */
final class ActiveSegment {
    private static final ByteBuffer ONE_ZERO = ByteBuffer.allocate(1).asReadOnlyBuffer();

    final Path path;
    final long firstZxid;
    final FileHandle file;
    private final long preallocateBytes;
    private long writePosition;
    private long allocated;

    ActiveSegment(Path path, long firstZxid, FileHandle file, long writePosition, long allocated, long preallocateBytes) {
        if (writePosition < 0 || allocated < writePosition) {
            throw new IllegalArgumentException("bad positions: write " + writePosition + ", allocated " + allocated);
        }
        this.path = path;
        this.firstZxid = firstZxid;
        this.file = file;
        this.writePosition = writePosition;
        this.allocated = allocated;
        this.preallocateBytes = preallocateBytes;
    }

    /** Creates the file (which must not hold data) and writes the segment header; nothing is forced. */
    static ActiveSegment create(FileHandle file, Path path, long firstZxid, long preallocateBytes) throws IOException {
        if (file.size() != 0) {
            file.truncate(0); // a leftover of a crash that never became part of the log
        }
        byte[] header = new byte[SegmentFormat.SEGMENT_HEADER_BYTES];
        SegmentFormat.putInt(header, 0, SegmentFormat.MAGIC);
        SegmentFormat.putInt(header, 4, SegmentFormat.VERSION);
        SegmentFormat.putLong(header, 8, firstZxid);
        ActiveSegment segment = new ActiveSegment(path, firstZxid, file, 0, 0, preallocateBytes);
        segment.write(header, 0, header.length);
        return segment;
    }

    long writePosition() {
        return writePosition;
    }

    /** Writes at the end of the data, first extending the file with zeros when the bytes would not fit. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        preallocate(writePosition + length);
        file.write(ByteBuffer.wrap(bytes, offset, length), writePosition);
        writePosition += length;
    }

    void force() throws IOException {
        file.force();
    }

    /** Cuts the file back to its data and makes it durable: it will never be written again. */
    void seal() throws IOException {
        file.truncate(writePosition);
        file.force();
        file.close();
    }

    /** Cuts the data (and the preallocated zeros) back to {@code position}; durable after the next force. */
    void truncate(long position) throws IOException {
        if (position < SegmentFormat.SEGMENT_HEADER_BYTES || position > writePosition) {
            throw new IllegalArgumentException("cannot truncate to " + position + " (data ends at " + writePosition + ")");
        }
        file.truncate(position);
        writePosition = position;
        allocated = position;
    }

    private void preallocate(long needed) throws IOException {
        if (needed <= allocated) {
            return;
        }
        if (preallocateBytes == 0) {
            allocated = needed;
            return;
        }
        long target = allocated;
        while (target < needed) {
            target += preallocateBytes;
        }
        // One zero byte at the new end extends the file; the gap reads as zeros (a hole on most filesystems).
        file.write(ONE_ZERO.duplicate(), target - 1);
        allocated = target;
    }
}
