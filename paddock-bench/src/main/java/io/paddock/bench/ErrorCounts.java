package io.paddock.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.zookeeper.KeeperException;

/** Failed replies by result code, counted from the clients' callback threads. */
final class ErrorCounts {
    private final Map<String, LongAdder> byCode = new ConcurrentHashMap<>();

    void record(int resultCode) {
        KeeperException.Code code = KeeperException.Code.get(resultCode);
        String name = code == null ? "rc" + resultCode : code.name();
        byCode.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    /** A point-in-time copy, sorted by code name. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byCode.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }

    long total() {
        return byCode.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** What happened between two snapshots (codes with no new failures are left out). */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((code, count) -> {
            long added = count - before.getOrDefault(code, 0L);
            if (added > 0) {
                delta.put(code, added);
            }
        });
        return delta;
    }
}
