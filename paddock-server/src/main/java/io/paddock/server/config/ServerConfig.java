package io.paddock.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A server's resolved configuration: what zoo.cfg says, with Apache ZooKeeper's defaults filled in. Session
 * timeout bounds are already resolved (-1 in zoo.cfg becomes 2 and 20 ticks).
 *
 * @param clientAddress     where clients connect; null only in a replicated config whose client port comes from
 *                          its {@code server.N} line rather than {@code clientPort}
 * @param superDigest       {@code user:base64(sha1(user:password))}, or null when super is disabled
 * @param secureClientPort  parsed from zoo.cfg so configs load, but TLS is not served
 * @param quorum            the {@code server.N}/group/weight lines; {@link QuorumConfig#NONE} when there are none
 * @param otherProperties   keys Paddock does not use, as written (ZooKeeper turns them into
 *                          {@code zookeeper.<key>} system properties)
 * @param snapCount         txns between snapshots, randomised as ZooKeeper does (a snapshot is started after
 *                          snapCount/2 + random(0, snapCount/2) txns); zoo.cfg {@code snapCount}
 * @param repairCorruption  start even on corrupt history by dropping everything from the first bad record on
 *                          (zoo.cfg {@code paddock.repairCorruption}, {@code paddock start --repair}); off by
 *                          default, so a damaged log stops the server instead of silently losing acknowledged data
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
        Map<String, String> otherProperties,
        OptionalInt secureClientPort,
        QuorumConfig quorum,
        int snapCount,
        boolean repairCorruption) {

    public static final int DEFAULT_TICK_TIME = 2000;
    /** What Apache ZooKeeper uses when zoo.cfg has no tickTime (its sample config sets 2000). */
    public static final int ZOOKEEPER_DEFAULT_TICK_TIME = 3000;
    public static final int DEFAULT_CLIENT_PORT = 2181;
    public static final int DEFAULT_MAX_CLIENT_CNXNS = 60;
    public static final int DEFAULT_JUTE_MAX_BUFFER = 0xfffff;
    public static final long DEFAULT_CONTAINER_CHECK_INTERVAL_MS = 60_000;
    /** Apache ZooKeeper never keeps fewer snapshots than this when purging. */
    public static final int MIN_SNAP_RETAIN_COUNT = 3;
    /** Apache ZooKeeper's default zookeeper.snapCount. */
    public static final int DEFAULT_SNAP_COUNT = 100_000;
    /** The randomised threshold needs snapCount/2 to be positive; ZooKeeper resets smaller values to this. */
    public static final int MIN_SNAP_COUNT = 2;

    public ServerConfig {
        fourLetterWords = Set.copyOf(fourLetterWords);
        otherProperties = Map.copyOf(otherProperties);
        if (secureClientPort == null) {
            throw new IllegalArgumentException("secureClientPort must not be null; use OptionalInt.empty()");
        }
        if (quorum == null) {
            throw new IllegalArgumentException("quorum must not be null; use QuorumConfig.NONE");
        }
        if (snapCount < MIN_SNAP_COUNT) {
            throw new IllegalArgumentException("snapCount must be at least " + MIN_SNAP_COUNT + ": " + snapCount);
        }
    }

    /** Every field but the storage settings, which take their defaults. */
    public ServerConfig(InetSocketAddress clientAddress, Path dataDir, Path dataLogDir, int tickTime, int initLimit,
            int syncLimit, int minSessionTimeout, int maxSessionTimeout, int maxClientCnxns, String superDigest,
            boolean extendedTypesEnabled, long containerCheckIntervalMs, int juteMaxBuffer,
            Set<String> fourLetterWords, int snapRetainCount, int purgeIntervalHours, boolean reconfigEnabled,
            boolean standaloneEnabled, Map<String, String> otherProperties, OptionalInt secureClientPort,
            QuorumConfig quorum) {
        this(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout, maxSessionTimeout,
                maxClientCnxns, superDigest, extendedTypesEnabled, containerCheckIntervalMs, juteMaxBuffer,
                fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties, secureClientPort, quorum, DEFAULT_SNAP_COUNT, false);
    }

    /** The standalone shape, with no secure port and no quorum lines. */
    public ServerConfig(InetSocketAddress clientAddress, Path dataDir, Path dataLogDir, int tickTime, int initLimit,
            int syncLimit, int minSessionTimeout, int maxSessionTimeout, int maxClientCnxns, String superDigest,
            boolean extendedTypesEnabled, long containerCheckIntervalMs, int juteMaxBuffer,
            Set<String> fourLetterWords, int snapRetainCount, int purgeIntervalHours, boolean reconfigEnabled,
            boolean standaloneEnabled, Map<String, String> otherProperties) {
        this(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit, minSessionTimeout, maxSessionTimeout,
                maxClientCnxns, superDigest, extendedTypesEnabled, containerCheckIntervalMs, juteMaxBuffer,
                fourLetterWords, snapRetainCount, purgeIntervalHours, reconfigEnabled, standaloneEnabled,
                otherProperties, OptionalInt.empty(), QuorumConfig.NONE);
    }

    /** Standalone defaults: port 2181 on all addresses, data under ./data. */
    public static ServerConfig defaults() {
        return new ServerConfig(new InetSocketAddress(DEFAULT_CLIENT_PORT), Path.of("data"), Path.of("data"),
                DEFAULT_TICK_TIME, 10, 5, 2 * DEFAULT_TICK_TIME, 20 * DEFAULT_TICK_TIME, DEFAULT_MAX_CLIENT_CNXNS,
                null, false, DEFAULT_CONTAINER_CHECK_INTERVAL_MS, DEFAULT_JUTE_MAX_BUFFER, Set.of("srvr"),
                MIN_SNAP_RETAIN_COUNT, 0, false, true, Map.of());
    }

    /**
     * Whether this config describes a replicated ensemble, by Apache ZooKeeper's rule: it has quorum lines and
     * either more than one voting member or standaloneEnabled=false. A single {@code server.N} line with
     * standaloneEnabled (the default) still runs standalone.
     */
    public boolean isReplicated() {
        return !quorum.servers().isEmpty() && (!standaloneEnabled || quorum.votingMembers().size() > 1);
    }

    public ServerConfig withClientAddress(InetSocketAddress address) {
        return new Builder(this).clientAddress(address).build();
    }

    /** Sets both the data and the transaction log directory, as a zoo.cfg without dataLogDir does. */
    public ServerConfig withDataDir(Path dir) {
        return new Builder(this).dataDir(dir).dataLogDir(dir).build();
    }

    public ServerConfig withDataLogDir(Path dir) {
        return new Builder(this).dataLogDir(dir).build();
    }

    /** Sets the tick and resets the session timeout bounds to their defaults of 2 and 20 ticks. */
    public ServerConfig withTickTime(int tick) {
        return new Builder(this).tickTime(tick).minSessionTimeout(2 * tick).maxSessionTimeout(20 * tick).build();
    }

    public ServerConfig withExtendedTypes(boolean enabled) {
        return new Builder(this).extendedTypesEnabled(enabled).build();
    }

    public ServerConfig withContainerCheckIntervalMs(long interval) {
        return new Builder(this).containerCheckIntervalMs(interval).build();
    }

    public ServerConfig withSuperDigest(String digest) {
        return new Builder(this).superDigest(digest).build();
    }

    public ServerConfig withFourLetterWords(Set<String> words) {
        return new Builder(this).fourLetterWords(words).build();
    }

    public ServerConfig withMaxClientCnxns(int max) {
        return new Builder(this).maxClientCnxns(max).build();
    }

    public ServerConfig withQuorum(QuorumConfig quorumConfig) {
        return new Builder(this).quorum(quorumConfig).build();
    }

    public ServerConfig withSnapCount(int count) {
        return new Builder(this).snapCount(count).build();
    }

    public ServerConfig withRepairCorruption(boolean repair) {
        return new Builder(this).repairCorruption(repair).build();
    }

    public ServerConfig withAutopurge(int retainCount, int intervalHours) {
        return new Builder(this).snapRetainCount(retainCount).purgeIntervalHours(intervalHours).build();
    }

    /** Copies a config with some fields changed; the with* methods and the zoo.cfg reader build through it. */
    public static final class Builder {
        private InetSocketAddress clientAddress;
        private Path dataDir;
        private Path dataLogDir;
        private int tickTime;
        private int initLimit;
        private int syncLimit;
        private int minSessionTimeout;
        private int maxSessionTimeout;
        private int maxClientCnxns;
        private String superDigest;
        private boolean extendedTypesEnabled;
        private long containerCheckIntervalMs;
        private int juteMaxBuffer;
        private Set<String> fourLetterWords;
        private int snapRetainCount;
        private int purgeIntervalHours;
        private boolean reconfigEnabled;
        private boolean standaloneEnabled;
        private Map<String, String> otherProperties;
        private OptionalInt secureClientPort;
        private QuorumConfig quorum;
        private int snapCount;
        private boolean repairCorruption;

        public Builder(ServerConfig from) {
            clientAddress = from.clientAddress;
            dataDir = from.dataDir;
            dataLogDir = from.dataLogDir;
            tickTime = from.tickTime;
            initLimit = from.initLimit;
            syncLimit = from.syncLimit;
            minSessionTimeout = from.minSessionTimeout;
            maxSessionTimeout = from.maxSessionTimeout;
            maxClientCnxns = from.maxClientCnxns;
            superDigest = from.superDigest;
            extendedTypesEnabled = from.extendedTypesEnabled;
            containerCheckIntervalMs = from.containerCheckIntervalMs;
            juteMaxBuffer = from.juteMaxBuffer;
            fourLetterWords = from.fourLetterWords;
            snapRetainCount = from.snapRetainCount;
            purgeIntervalHours = from.purgeIntervalHours;
            reconfigEnabled = from.reconfigEnabled;
            standaloneEnabled = from.standaloneEnabled;
            otherProperties = from.otherProperties;
            secureClientPort = from.secureClientPort;
            quorum = from.quorum;
            snapCount = from.snapCount;
            repairCorruption = from.repairCorruption;
        }

        public Builder clientAddress(InetSocketAddress value) { clientAddress = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder dataLogDir(Path value) { dataLogDir = value; return this; }
        public Builder tickTime(int value) { tickTime = value; return this; }
        public Builder initLimit(int value) { initLimit = value; return this; }
        public Builder syncLimit(int value) { syncLimit = value; return this; }
        public Builder minSessionTimeout(int value) { minSessionTimeout = value; return this; }
        public Builder maxSessionTimeout(int value) { maxSessionTimeout = value; return this; }
        public Builder maxClientCnxns(int value) { maxClientCnxns = value; return this; }
        public Builder superDigest(String value) { superDigest = value; return this; }
        public Builder extendedTypesEnabled(boolean value) { extendedTypesEnabled = value; return this; }
        public Builder containerCheckIntervalMs(long value) { containerCheckIntervalMs = value; return this; }
        public Builder juteMaxBuffer(int value) { juteMaxBuffer = value; return this; }
        public Builder fourLetterWords(Set<String> value) { fourLetterWords = value; return this; }
        public Builder snapRetainCount(int value) { snapRetainCount = value; return this; }
        public Builder purgeIntervalHours(int value) { purgeIntervalHours = value; return this; }
        public Builder reconfigEnabled(boolean value) { reconfigEnabled = value; return this; }
        public Builder standaloneEnabled(boolean value) { standaloneEnabled = value; return this; }
        public Builder otherProperties(Map<String, String> value) { otherProperties = value; return this; }
        public Builder secureClientPort(OptionalInt value) { secureClientPort = value; return this; }
        public Builder quorum(QuorumConfig value) { quorum = value; return this; }
        public Builder snapCount(int value) { snapCount = value; return this; }
        public Builder repairCorruption(boolean value) { repairCorruption = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(clientAddress, dataDir, dataLogDir, tickTime, initLimit, syncLimit,
                    minSessionTimeout, maxSessionTimeout, maxClientCnxns, superDigest, extendedTypesEnabled,
                    containerCheckIntervalMs, juteMaxBuffer, fourLetterWords, snapRetainCount, purgeIntervalHours,
                    reconfigEnabled, standaloneEnabled, otherProperties, secureClientPort, quorum, snapCount,
                    repairCorruption);
        }
    }
}
