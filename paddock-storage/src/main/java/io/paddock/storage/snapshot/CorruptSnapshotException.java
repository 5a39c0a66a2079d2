package io.paddock.storage.snapshot;

import java.nio.file.Path;

/** A snapshot file that cannot be trusted: bad magic, broken structure or a checksum mismatch. Names file and offset. */
public final class CorruptSnapshotException extends Exception {
    private final Path file;
    private final long offset;

    public CorruptSnapshotException(Path file, long offset, String reason) {
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
