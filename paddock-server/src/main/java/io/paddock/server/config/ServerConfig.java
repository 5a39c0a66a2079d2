package io.paddock.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A standalone server's resolved configuration: what zoo.cfg says, with Apache ZooKeeper's defaults filled
 * in. Session timeout bounds are already resolved (-1 in zoo.cfg becomes 2 and 20 ticks).
 */
public record ServerConfig(
        InetSocketAddress clientAddress,
        Path dataDir,
        Path dataLogDir,
        int tickTime,
        int initLimit,
        int syncLimit,
        int minSessionTimeout,
        int maxSessionTimeout,
        int maxClientCnxns,
        String superDigest,
        boolean extendedTypesEnabled,
        long containerCheckIntervalMs,
        int juteMaxBuffer,
        Set<String> fourLetterWords,
        int snapRetainCount,
        int purgeIntervalHours,
        boolean reconfigEnabled,
        boolean standaloneEnabled,
        Map<String, String> otherProperties) {

    public static final int DEFAULT_TICK_TIME = 2000;
    public static final int DEFAULT_CLIENT_PORT = 2181;
    public static final int DEFAULT_MAX_CLIENT_CNXNS = 60;
    public static final int DEFAULT_JUTE_MAX_BUFFER = 0xfffff;

    public ServerConfig {
        fourLetterWords = Set.copyOf(fourLetterWords);
        otherProperties = Map.copyOf(otherProperties);
    }

    /** Standalone defaults: port 2181 on all addresses, data under ./data. */
    public static ServerConfig defaults() {
        return new ServerConfig(new InetSocketAddress(DEFAULT_CLIENT_PORT), Path.of("data"), Path.of("data"),
                DEFAULT_TICK_TIME, 10, 5, 2 * DEFAULT_TICK_TIME, 20 * DEFAULT_TICK_TIME, DEFAULT_MAX_CLIENT_CNXNS,
                null, false, 60_000, DEFAULT_JUTE_MAX_BUFFER, Set.of("srvr"), 3, 0, false, true, Map.of());
    }

    public ServerConfig withClientAddress(InetSocketAddress address) {
        return new ServerConfig(address, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, maxClientCnxns, superDigest, extendedTypesEnabled, containerCheckIntervalMs,
                juteMaxBuffer, fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled,
                standaloneEnabled, otherProperties);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(clientAddress, dir, dir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, maxClientCnxns, superDigest, extendedTypesEnabled, containerCheckIntervalMs,
                juteMaxBuffer, fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled,
                standaloneEnabled, otherProperties);
    }

    public ServerConfig withTickTime(int tick) {
        return new ServerConfig(clientAddress, dataDir, dataLogDir, tick, initLimit, syncLimit, 2 * tick, 20 * tick,
                maxClientCnxns, superDigest, extendedTypesEnabled, containerCheckIntervalMs, juteMaxBuffer,
                fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties);
    }

    public ServerConfig withExtendedTypes(boolean enabled) {
        return new ServerConfig(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, maxClientCnxns, superDigest, enabled, containerCheckIntervalMs, juteMaxBuffer,
                fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties);
    }

    public ServerConfig withContainerCheckIntervalMs(long interval) {
        return new ServerConfig(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, maxClientCnxns, superDigest, extendedTypesEnabled, interval, juteMaxBuffer,
                fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties);
    }

    public ServerConfig withSuperDigest(String digest) {
        return new ServerConfig(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, maxClientCnxns, digest, extendedTypesEnabled, containerCheckIntervalMs,
                juteMaxBuffer, fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled,
                standaloneEnabled, otherProperties);
    }

    public ServerConfig withFourLetterWords(Set<String> words) {
        return new ServerConfig(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, maxClientCnxns, superDigest, extendedTypesEnabled, containerCheckIntervalMs,
                juteMaxBuffer, words, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties);
    }

    public ServerConfig withMaxClientCnxns(int max) {
        return new ServerConfig(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout,
                maxSessionTimeout, max, superDigest, extendedTypesEnabled, containerCheckIntervalMs, juteMaxBuffer,
                fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties);
    }
}
