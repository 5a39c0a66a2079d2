package io.paddock.core.tree;

/**
 * The encodings ZooKeeper packs into a znode's ephemeralOwner: 0 for a plain persistent node, a session id
 * for an ephemeral, Long.MIN_VALUE for a container, and 0xff in the top byte plus the TTL in the low 40 bits
 * for a TTL node (when extended types are enabled, which is also why server ids are limited to 254).
 */
public final class EphemeralOwner {
    public static final long CONTAINER = Long.MIN_VALUE;
    private static final long EXTENDED_MASK = 0xff00000000000000L;
    private static final long RESERVED_BITS_MASK = 0x00ffff0000000000L;
    public static final long MAX_TTL = ~(EXTENDED_MASK | RESERVED_BITS_MASK);

    private EphemeralOwner() {
    }

    public static long ttl(long ttlMillis) {
        if (ttlMillis <= 0 || ttlMillis > MAX_TTL) {
            throw new IllegalArgumentException("ttl out of range: " + ttlMillis);
        }
        return EXTENDED_MASK | ttlMillis;
    }

    public static boolean isValidTtl(long ttlMillis) {
        return ttlMillis > 0 && ttlMillis <= MAX_TTL;
    }

    public static boolean isTtl(long owner) {
        return (owner & EXTENDED_MASK) == EXTENDED_MASK && (owner & RESERVED_BITS_MASK) == 0;
    }

    public static long ttlOf(long owner) {
        return owner & MAX_TTL;
    }

    public static boolean isContainer(long owner) {
        return owner == CONTAINER;
    }

    /** An owner that is a session: the only kind that forbids children and is deleted with its session. */
    public static boolean isSession(long owner) {
        return owner != 0 && !isContainer(owner) && !isTtl(owner);
    }
}
