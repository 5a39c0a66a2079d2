package io.paddock.server;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Server-wide request latency in ms, reported as ZooKeeper's AvgMinMaxCounter does. Loop thread only. */
final class LatencyStats {
    private long count;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void add(long latencyMillis) {
        if (latencyMillis < 0) {
            return;
        }
        count++;
        total += latencyMillis;
        min = Math.min(min, latencyMillis);
        max = Math.max(max, latencyMillis);
    }

    long min() {
        return min == Long.MAX_VALUE ? 0 : min;
    }

    long max() {
        return max == Long.MIN_VALUE ? 0 : max;
    }

    /** Rounded to 4 decimals, as ZooKeeper prints it. */
    double avg() {
        if (count == 0) {
            return 0;
        }
        return new BigDecimal(total / (double) count).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    long count() {
        return count;
    }

    void reset() {
        count = 0;
        total = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }
}
