package io.paddock.sim.disk;

/** A server's storage could not be read back after a crash: the run fails, whatever the replica did. */
public final class UnrecoverableStorage extends RuntimeException {
    public UnrecoverableStorage(String message, Throwable cause) {
        super(message, cause);
    }
}
