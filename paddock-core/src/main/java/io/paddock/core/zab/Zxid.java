package io.paddock.core.zab;

import java.util.Locale;

/** A zxid is (epoch << 32) | counter: the epoch of the leader that proposed the txn, and its position in that epoch. */
public final class Zxid {
    private Zxid() {
    }

    public static long of(long epoch, long counter) {
        if (epoch < 0 || epoch > 0x7fffffffL || counter < 0 || counter > 0xffffffffL) {
            throw new IllegalArgumentException("epoch " + epoch + " / counter " + counter + " out of range");
        }
        return (epoch << 32) | counter;
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    public static long counter(long zxid) {
        return zxid & 0xffffffffL;
    }

    /** The zxid a leader of {@code epoch} acknowledges NEWLEADER with: the epoch's counter 0. */
    public static long newLeader(long epoch) {
        return of(epoch, 0);
    }

    public static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid).toLowerCase(Locale.ROOT);
    }
}
