package io.paddock.storage;

/** What storage needs to know about zxid layout: the epoch in the high 32 bits, a counter in the low 32. */
final class Zxids {
    private Zxids() {
    }

    static long epochOf(long zxid) {
        return zxid >>> 32;
    }

    static long counterOf(long zxid) {
        return zxid & 0xffffffffL;
    }

    /**
     * Whether {@code next} can directly follow {@code previous} in a complete history: the next counter of the
     * same epoch, or the first txn (counter 1) of a later epoch. Anything else means txns are missing.
     */
    static boolean follows(long previous, long next) {
        return epochOf(next) == epochOf(previous) ? next == previous + 1
                : epochOf(next) > epochOf(previous) && counterOf(next) == 1;
    }
}
