package io.paddock.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;

/** An open file: positional reads and writes, size, force and truncate. Not thread-safe. */
public interface FileHandle extends AutoCloseable {
    long size() throws IOException;

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes all of {@code src} at {@code position}, growing the file if needed. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Makes every byte written so far durable. */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes (durable after the next force). */
    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;
}
