package io.paddock.server;

import java.nio.file.Path;

/**
 * The data directory holds history that cannot be trusted (a bad checksum or structure before the log's tail, or
 * a corrupt newest snapshot). The server refuses to start rather than silently lose acknowledged writes.
 */
public final class CorruptHistoryException extends RuntimeException {
    private final Path file;
    private final long offset;

    public CorruptHistoryException(Path file, long offset, String detail, Throwable cause) {
        super("corrupt history: " + detail + ". Paddock does not start on damaged data, since that could lose"
                + " acknowledged writes. To start anyway, dropping everything from the damaged record on, run"
                + " 'paddock start --repair' or set " + "paddock.repairCorruption=true in zoo.cfg.", cause);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Where in it the damage starts. */
    public long offset() {
        return offset;
    }
}
