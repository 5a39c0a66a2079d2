package io.paddock.core.wire;

/** Bytes that do not decode as the jute record they claim to be. The connection that sent them is closed. */
public final class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }
}
