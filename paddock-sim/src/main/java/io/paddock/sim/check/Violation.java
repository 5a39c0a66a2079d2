package io.paddock.sim.check;

/** A property that did not hold: which, when (virtual ms) it was first visibly broken, and how, in words. */
public record Violation(String property, long time, String detail) {
    @Override
    public String toString() {
        return property + " violated at t=" + time + "ms: " + detail;
    }
}
