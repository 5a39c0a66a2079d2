package io.paddock.storage.crash;

import io.paddock.storage.fs.SimulatedFileSystem;

/**
 * Where the first crash of a run strikes: at one force (just before it takes effect, or just after it returned
 * but before its caller could act on it), or between two steps after {@code steps} of them.
 */
record CrashPoint(int force, SimulatedFileSystem.Moment moment, int steps) {
    static CrashPoint atForce(int force, SimulatedFileSystem.Moment moment) {
        return new CrashPoint(force, moment, -1);
    }

    static CrashPoint afterSteps(int steps) {
        return new CrashPoint(0, null, steps);
    }

    boolean atForce() {
        return force > 0;
    }

    @Override
    public String toString() {
        return atForce() ? moment.name().toLowerCase(java.util.Locale.ROOT) + " force " + force : "after step " + steps;
    }
}
