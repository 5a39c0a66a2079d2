package io.paddock.server;

import java.util.random.RandomGenerator;

/**
 * When to snapshot, as Apache ZooKeeper decides: after more than snapCount/2 + random(0, snapCount/2) txns, rolled
 * again after each snapshot, so servers started together do not all snapshot at the same moment.
 */
final class SnapshotThreshold {
    private final int snapCount;
    private final RandomGenerator random;
    private long txnsSinceSnapshot;
    private int roll;

    SnapshotThreshold(int snapCount, RandomGenerator random) {
        if (snapCount < 2) {
            throw new IllegalArgumentException("snapCount must be at least 2: " + snapCount);
        }
        this.snapCount = snapCount;
        this.random = random;
        reroll();
    }

    /** Counts txns handed to the log; true (and the count starts over) when a snapshot is due. */
    boolean count(int txns) {
        txnsSinceSnapshot += txns;
        if (txnsSinceSnapshot > snapCount / 2 + roll) {
            txnsSinceSnapshot = 0;
            reroll();
            return true;
        }
        return false;
    }

    private void reroll() {
        roll = random.nextInt(snapCount / 2);
    }
}
