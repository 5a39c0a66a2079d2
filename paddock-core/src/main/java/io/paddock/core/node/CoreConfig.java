package io.paddock.core.node;

/**
 * The settings the core needs, all already resolved (no defaults are applied in here).
 *
 * @param serverId                 the server's id (0 for standalone); it forms the top byte of session ids
 * @param tickTimeMillis           the length of one {@link Event.Tick}
 * @param minSessionTimeoutMillis  lower clamp for negotiated session timeouts
 * @param maxSessionTimeoutMillis  upper clamp for negotiated session timeouts
 * @param superDigest              {@code super:hash} whose holder bypasses ACLs, or null
 * @param extendedTypesEnabled     whether TTL nodes are allowed (zookeeper.extendedTypesEnabled)
 * @param containerCheckIntervalMillis how often empty containers and expired TTL nodes are collected
 * @param maxDataBytes             the largest znode payload accepted (jute.maxbuffer)
 * @param reconfigEnabled          reconfigEnabled from zoo.cfg; a standalone server answers reconfig with
 *                                 ReconfigDisabled when it is off and Unimplemented when it is on
 */
public record CoreConfig(long serverId, int tickTimeMillis, int minSessionTimeoutMillis, int maxSessionTimeoutMillis,
                         String superDigest, boolean extendedTypesEnabled, long containerCheckIntervalMillis,
                         int maxDataBytes, boolean reconfigEnabled) {

    /** The settings with reconfig off, as zoo.cfg defaults it. */
    public CoreConfig(long serverId, int tickTimeMillis, int minSessionTimeoutMillis, int maxSessionTimeoutMillis,
                      String superDigest, boolean extendedTypesEnabled, long containerCheckIntervalMillis,
                      int maxDataBytes) {
        this(serverId, tickTimeMillis, minSessionTimeoutMillis, maxSessionTimeoutMillis, superDigest,
                extendedTypesEnabled, containerCheckIntervalMillis, maxDataBytes, false);
    }

    public CoreConfig {
        if (serverId < 0 || serverId > 254) {
            throw new IllegalArgumentException("serverId must be in [0, 254]: " + serverId);
        }
        if (tickTimeMillis <= 0) {
            throw new IllegalArgumentException("tickTime must be positive: " + tickTimeMillis);
        }
        if (minSessionTimeoutMillis > maxSessionTimeoutMillis) {
            throw new IllegalArgumentException("minSessionTimeout " + minSessionTimeoutMillis
                    + " is above maxSessionTimeout " + maxSessionTimeoutMillis);
        }
    }

    /** Apache ZooKeeper's standalone defaults for a given tick. */
    public static CoreConfig defaults(int tickTimeMillis) {
        return new CoreConfig(0, tickTimeMillis, 2 * tickTimeMillis, 20 * tickTimeMillis, null, false, 60_000, 0xfffff);
    }
}
