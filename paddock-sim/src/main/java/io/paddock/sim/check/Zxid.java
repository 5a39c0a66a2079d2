package io.paddock.sim.check;

import java.util.Locale;

/** Zxid arithmetic and printing: a zxid is (epoch << 32) | counter, printed in hex as ZooKeeper's logs do. */
public final class Zxid {
    private Zxid() {
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    /** The first zxid of {@code epoch}: every txn of a lower epoch is below it. */
    public static long firstOfEpoch(long epoch) {
        return epoch << 32;
    }

    public static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid).toLowerCase(Locale.ROOT);
    }
}
