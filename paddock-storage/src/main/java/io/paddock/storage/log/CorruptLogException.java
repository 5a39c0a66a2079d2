package io.paddock.storage.log;

import java.nio.file.Path;

/** History that cannot be trusted: a checksum or structure error before the log's tail. Names file and offset. */
public final class CorruptLogException extends Exception {
    private final Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String reason) {
        super(file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
