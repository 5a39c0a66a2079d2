package io.paddock.storage.log;

/**
 * How the log lays out its files.
 *
 * @param segmentBytesMax  once a segment's data reaches this size, the next record starts a new segment (so a
 *                         segment exceeds it by at most one record)
 * @param preallocateBytes the file is extended with zeros this many bytes at a time ahead of the write position,
 *                         so most forces do not change the file's size; 0 disables preallocation
 */
public record LogOptions(long segmentBytesMax, long preallocateBytes) {
    public LogOptions {
        if (segmentBytesMax <= SegmentFormat.SEGMENT_HEADER_BYTES) {
            throw new IllegalArgumentException("segmentBytesMax must exceed the segment header: " + segmentBytesMax);
        }
        if (preallocateBytes < 0) {
            throw new IllegalArgumentException("negative preallocateBytes " + preallocateBytes);
        }
    }

    public static LogOptions defaults() {
        return new LogOptions(64L << 20, 64L << 20);
    }
}
