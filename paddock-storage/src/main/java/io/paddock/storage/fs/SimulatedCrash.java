package io.paddock.storage.fs;

/**
 * Thrown when a simulated machine dies: by the force hook that crashed it, and by every file operation until
 * {@link SimulatedFileSystem#restart()}. An Error, not an exception, so that storage code's own error handling
 * (catch and clean up) does not run as if the process had survived.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(String message) {
        super(message, null, false, false);
    }
}
