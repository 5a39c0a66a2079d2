package io.paddock.storage.fs;

/**
 * Told about every force of a {@link SimulatedFileSystem}, just before it takes effect and just after, so a
 * test can crash at exactly one force point (see {@link SimulatedFileSystem#crashAtForce}).
 */
public interface ForceObserver {
    default void beforeForce(ForcePoint point) {
    }

    default void afterForce(ForcePoint point) {
    }
}
