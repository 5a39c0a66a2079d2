package io.paddock.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts live client connections per remote address, to enforce maxClientCnxns (0 means no limit). */
final class ConnectionLimiter {
    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> counts = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxPerAddress) {
        if (maxPerAddress < 0) {
            throw new IllegalArgumentException("maxClientCnxns must not be negative: " + maxPerAddress);
        }
        this.maxPerAddress = maxPerAddress;
    }

    int maxPerAddress() {
        return maxPerAddress;
    }

    /** Counts a new connection from {@code address}, or returns false (counting nothing) if it is over the limit. */
    boolean tryAcquire(InetAddress address) {
        boolean[] admitted = {false};
        counts.compute(address, (a, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (maxPerAddress == 0 || c.get() < maxPerAddress) {
                c.incrementAndGet();
                admitted[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        return admitted[0];
    }

    /** Forgets one connection counted by {@link #tryAcquire}. */
    void release(InetAddress address) {
        counts.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    int count(InetAddress address) {
        AtomicInteger c = counts.get(address);
        return c == null ? 0 : c.get();
    }
}
