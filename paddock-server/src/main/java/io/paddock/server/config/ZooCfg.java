package io.paddock.server.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a zoo.cfg as Apache ZooKeeper 3.9 does (QuorumPeerConfig) into a {@link ServerConfig}, with every error
 * naming its file and line. Keys ZooKeeper does not know itself become {@code zookeeper.<key>} system properties
 * there; here they land in {@link ServerConfig#otherProperties()} unless Paddock reads them (superDigest,
 * extendedTypesEnabled, znode.container.checkIntervalMs, jute.maxbuffer, 4lw.commands.whitelist).
 */
public final class ZooCfg {
    private static final Logger LOG = LoggerFactory.getLogger(ZooCfg.class);
    private static final long HOUR_MS = 3_600_000L;
    /** Paddock's own key: start on corrupt history by truncating it (what {@code paddock start --repair} sets). */
    public static final String REPAIR_CORRUPTION_KEY = "paddock.repairCorruption";

    /** The four-letter words Apache ZooKeeper 3.9 knows; {@code 4lw.commands.whitelist=*} enables them all. */
    public static final Set<String> FOUR_LETTER_WORDS = Set.of("conf", "cons", "crst", "dirs", "dump", "envi",
            "gtmk", "ruok", "stmk", "srst", "srvr", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash");

    /** ZooKeeper's own boolean keys Paddock does not use: still checked, as ZooKeeper refuses bad values. */
    private static final Set<String> OTHER_BOOLEAN_KEYS = Set.of("localSessionsEnabled",
            "localSessionsUpgradingEnabled", "quorumListenOnAllIPs", "syncEnabled", "sslQuorum", "portUnification",
            "sslQuorumReloadCertFiles", "quorum.auth.enableSasl", "quorum.auth.serverRequireSasl",
            "quorum.auth.learnerRequireSasl", "jvm.pause.monitor", "multiAddress.reachabilityCheckEnabled",
            "admin.enableServer");
    /** ZooKeeper's own integer keys Paddock does not use. */
    private static final Set<String> OTHER_INT_KEYS = Set.of("observerMasterPort", "clientPortListenBacklog",
            "connectToLearnerMasterLimit", "quorum.cnxn.threads.size", "multiAddress.reachabilityCheckTimeoutMs",
            "admin.serverPort");

    private final String source;
    private final Path baseDir;
    private final Map<String, String> other = new LinkedHashMap<>();
    private final List<CfgLine> quorumLines = new ArrayList<>();

    private Path dataDir;
    private Path dataLogDir;
    private CfgLine clientPort;
    private CfgLine clientPortAddress;
    private CfgLine secureClientPort;
    private CfgLine secureClientPortAddress;
    private int tickTime = ServerConfig.ZOOKEEPER_DEFAULT_TICK_TIME;
    private int initLimit;
    private int syncLimit;
    private CfgLine minSessionTimeout;
    private CfgLine maxSessionTimeout;
    private int maxClientCnxns = ServerConfig.DEFAULT_MAX_CLIENT_CNXNS;
    private CfgLine superDigest;
    private CfgLine digestProviderSuperDigest;
    private boolean extendedTypesEnabled;
    private long containerCheckIntervalMs = ServerConfig.DEFAULT_CONTAINER_CHECK_INTERVAL_MS;
    private int juteMaxBuffer = ServerConfig.DEFAULT_JUTE_MAX_BUFFER;
    private Set<String> fourLetterWords = Set.of("srvr");
    private int snapRetainCount = ServerConfig.MIN_SNAP_RETAIN_COUNT;
    private int purgeIntervalHours;
    private int snapCount = ServerConfig.DEFAULT_SNAP_COUNT;
    private boolean repairCorruption;
    private boolean reconfigEnabled;
    private boolean standaloneEnabled = true;
    private boolean multiAddressEnabled;
    private CfgLine dynamicConfigFile;

    private ZooCfg(String source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }

    /** Reads a zoo.cfg file; errors name it as given (e.g. {@code conf/zoo.cfg:7: ...}). */
    public static ServerConfig parse(Path file) throws ConfigException {
        Path parent = file.toAbsolutePath().getParent();
        return new ZooCfg(file.toString(), parent).read(readText(file, file.toString()));
    }

    /**
     * Reads zoo.cfg text; {@code sourceName} is what errors call it. A relative dynamicConfigFile is looked up
     * from the current directory, as ZooKeeper does.
     */
    public static ServerConfig parse(String text, String sourceName) throws ConfigException {
        return new ZooCfg(sourceName, null).read(text);
    }

    private ServerConfig read(String text) throws ConfigException {
        List<CfgLine> lines = lastValuePerKey(PropertiesText.read(text, source));
        for (CfgLine line : lines) {
            if (line.key().equals("multiAddress.enabled")) {
                multiAddressEnabled = line.asBoolean();
            } else if (line.key().equals("standaloneEnabled")) {
                standaloneEnabled = line.asBoolean();
            }
        }
        for (CfgLine line : lines) {
            apply(line);
        }
        return resolve();
    }

    /** Properties keeps the last value of a repeated key; say so, since the earlier line is then ignored. */
    private static List<CfgLine> lastValuePerKey(List<CfgLine> lines) {
        Map<String, CfgLine> byKey = new LinkedHashMap<>();
        for (CfgLine line : lines) {
            CfgLine earlier = byKey.remove(line.key());
            if (earlier != null) {
                LOG.warn("{}:{}: {} repeats line {}; the later value wins", line.source(), line.line(), line.key(),
                        earlier.line());
            }
            byKey.put(line.key(), line);
        }
        return List.copyOf(byKey.values());
    }

    private void apply(CfgLine line) throws ConfigException {
        switch (line.key()) {
            case "dataDir" -> dataDir = path(line);
            case "dataLogDir" -> dataLogDir = path(line);
            case "clientPort" -> clientPort = line.checked(line.asPort());
            case "clientPortAddress" -> clientPortAddress = line.checked(line.asNonEmpty());
            case "secureClientPort" -> {
                secureClientPort = line.checked(line.asPort());
                LOG.warn("{}:{}: secureClientPort is read but TLS is not served by Paddock", source, line.line());
            }
            case "secureClientPortAddress" -> {
                secureClientPortAddress = line.checked(line.asNonEmpty());
                other.put(line.key(), line.value());
            }
            case "tickTime" -> tickTime = line.asIntAtLeast(1, "a positive number of milliseconds");
            case "initLimit" -> initLimit = line.asIntAtLeast(0, "a number of ticks (0 or more)");
            case "syncLimit" -> syncLimit = line.asIntAtLeast(0, "a number of ticks (0 or more)");
            case "minSessionTimeout" -> minSessionTimeout = line.checked(sessionTimeout(line));
            case "maxSessionTimeout" -> maxSessionTimeout = line.checked(sessionTimeout(line));
            case "maxClientCnxns" -> maxClientCnxns = line.asIntAtLeast(0, "0 (no limit) or more");
            case "superDigest" -> superDigest = line.checked(digest(line));
            case "DigestAuthenticationProvider.superDigest" -> digestProviderSuperDigest = line.checked(digest(line));
            case "extendedTypesEnabled" -> extendedTypesEnabled = line.asBoolean();
            case "znode.container.checkIntervalMs" -> containerCheckIntervalMs = positiveDecoded(line);
            case "jute.maxbuffer" -> juteMaxBuffer = positiveDecoded(line);
            case "4lw.commands.whitelist" -> fourLetterWords = fourLetterWords(line);
            case "autopurge.snapRetainCount" -> snapRetainCount = snapRetainCount(line);
            case "autopurge.purgeInterval" -> purgeIntervalHours = purgeIntervalHours(line);
            case "snapCount" -> snapCount = snapCount(line);
            case REPAIR_CORRUPTION_KEY -> {
                repairCorruption = line.asBoolean();
                if (repairCorruption) {
                    LOG.warn("{}:{}: {}=true: corrupt history will be cut off at the first bad record at startup,"
                            + " losing every txn from there on", source, line.line(), REPAIR_CORRUPTION_KEY);
                }
            }
            case "reconfigEnabled" -> reconfigEnabled = line.asBoolean();
            case "standaloneEnabled", "multiAddress.enabled" -> line.asBoolean(); // read before the others
            case "dynamicConfigFile" -> dynamicConfigFile = line.checked(line.asNonEmpty());
            case "electionAlg" -> {
                if (line.asInt() != 3) {
                    throw line.error("only electionAlg=3 is supported");
                }
                other.put(line.key(), line.value());
            }
            case "peerType" -> {
                if (!line.value().equalsIgnoreCase("observer") && !line.value().equalsIgnoreCase("participant")) {
                    throw line.error("expected participant or observer");
                }
                other.put(line.key(), line.value());
            }
            default -> applyOther(line);
        }
    }

    private void applyOther(CfgLine line) throws ConfigException {
        if (QuorumLines.isQuorumKey(line.key())) {
            quorumLines.add(line);
            return;
        }
        if (OTHER_BOOLEAN_KEYS.contains(line.key())) {
            line.asBoolean();
        } else if (OTHER_INT_KEYS.contains(line.key())) {
            line.asInt();
        }
        other.put(line.key(), line.value());
    }

    private ServerConfig resolve() throws ConfigException {
        if (dataDir == null) {
            throw ConfigException.inFile(source, "dataDir is not set");
        }
        if (clientPortAddress != null && clientPort == null) {
            throw clientPortAddress.error("clientPortAddress is set but clientPort is not set");
        }
        if (secureClientPortAddress != null && secureClientPort == null) {
            throw secureClientPortAddress.error("secureClientPortAddress is set but secureClientPort is not set");
        }
        if (superDigest != null && digestProviderSuperDigest != null
                && !superDigest.value().equals(digestProviderSuperDigest.value())) {
            CfgLine later = superDigest.line() > digestProviderSuperDigest.line() ? superDigest
                    : digestProviderSuperDigest;
            throw later.error("superDigest and DigestAuthenticationProvider.superDigest disagree; keep one");
        }
        int minTimeout = sessionTimeoutOrDefault(minSessionTimeout, 2 * tickTime);
        int maxTimeout = sessionTimeoutOrDefault(maxSessionTimeout, 20 * tickTime);
        if (minTimeout > maxTimeout) {
            CfgLine blame = minSessionTimeout != null ? minSessionTimeout : maxSessionTimeout;
            throw blame.error("minSessionTimeout (" + minTimeout + " ms) must not be larger than maxSessionTimeout ("
                    + maxTimeout + " ms)");
        }
        QuorumConfig quorum = quorum();
        ServerConfig config = new ServerConfig.Builder(ServerConfig.defaults())
                .clientAddress(clientAddress())
                .dataDir(dataDir)
                .dataLogDir(dataLogDir != null ? dataLogDir : dataDir)
                .tickTime(tickTime)
                .initLimit(initLimit)
                .syncLimit(syncLimit)
                .minSessionTimeout(minTimeout)
                .maxSessionTimeout(maxTimeout)
                .maxClientCnxns(maxClientCnxns)
                .superDigest(digestProviderSuperDigest != null ? digestProviderSuperDigest.value()
                        : superDigest != null ? superDigest.value() : null)
                .extendedTypesEnabled(extendedTypesEnabled)
                .containerCheckIntervalMs(containerCheckIntervalMs)
                .juteMaxBuffer(juteMaxBuffer)
                .fourLetterWords(fourLetterWords)
                .snapRetainCount(snapRetainCount)
                .purgeIntervalHours(purgeIntervalHours)
                .snapCount(snapCount)
                .repairCorruption(repairCorruption)
                .reconfigEnabled(reconfigEnabled)
                .standaloneEnabled(standaloneEnabled)
                .otherProperties(other)
                .secureClientPort(secureClientPort == null ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(secureClientPort.value())))
                .quorum(quorum)
                .build();
        checkMembership(config);
        if (config.clientAddress() == null && !config.isReplicated()) {
            throw ConfigException.inFile(source, "clientPort is not set"
                    + (secureClientPort != null ? " (Paddock serves plain connections only, not secureClientPort)"
                    : ""));
        }
        return config;
    }

    private InetSocketAddress clientAddress() throws ConfigException {
        if (clientPort == null) {
            return null;
        }
        int port = Integer.parseInt(clientPort.value());
        if (clientPortAddress == null) {
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(clientPortAddress.value()), port);
        } catch (UnknownHostException e) {
            throw clientPortAddress.error("unknown host");
        }
    }

    private QuorumConfig quorum() throws ConfigException {
        if (dynamicConfigFile == null) {
            return QuorumLines.parse(quorumLines, multiAddressEnabled, 0, null);
        }
        if (!quorumLines.isEmpty()) {
            CfgLine first = quorumLines.getFirst();
            throw first.error("belongs in the dynamic config file, since dynamicConfigFile is set (line "
                    + dynamicConfigFile.line() + ")");
        }
        Path file = dynamicFile();
        if (!Files.isRegularFile(file)) {
            throw dynamicConfigFile.error("no such file");
        }
        String name = file.toString();
        List<CfgLine> lines = lastValuePerKey(PropertiesText.read(readText(file, name), name));
        for (CfgLine line : lines) {
            if (line.key().equals("version")) {
                throw line.error("a dynamic config file must not hold its version; it comes from the file name");
            }
            if (!QuorumLines.isQuorumKey(line.key())) {
                throw line.error("only server.N, group.N and weight.N lines belong in a dynamic config file");
            }
        }
        return QuorumLines.parse(lines, multiAddressEnabled, versionFromFileName(name), file);
    }

    /** A relative path is taken from the current directory (as ZooKeeper does), else next to zoo.cfg. */
    private Path dynamicFile() throws ConfigException {
        Path given = path(dynamicConfigFile);
        if (given.isAbsolute() || Files.exists(given) || baseDir == null) {
            return given;
        }
        Path besideConfig = baseDir.resolve(given);
        return Files.exists(besideConfig) ? besideConfig : given;
    }

    /** {@code zoo.cfg.dynamic.100000000} has version 0x100000000; a name without a hex suffix has 0. */
    static long versionFromFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return 0;
        }
        try {
            return Long.parseLong(name.substring(dot + 1), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** ZooKeeper's rules for how many voting members and observers a config may have. */
    private void checkMembership(ServerConfig config) throws ConfigException {
        QuorumConfig quorum = config.quorum();
        int participants = quorum.votingMembers().size();
        int observers = quorum.observers().size();
        if (participants == 0) {
            if (!standaloneEnabled) {
                throw ConfigException.inFile(source,
                        "standaloneEnabled=false needs at least one participant server.N line");
            }
            if (observers > 0) {
                throw ConfigException.inFile(source, "observers without participants is not a valid ensemble");
            }
        } else if (participants == 1 && standaloneEnabled) {
            if (observers > 0) {
                throw ConfigException.inFile(source, "observers with a single participant is not a valid ensemble");
            }
            LOG.warn("{}: only one server is listed, so it runs standalone", source);
        } else {
            if (initLimit == 0) {
                throw ConfigException.inFile(source, "initLimit is not set (a replicated ensemble needs it)");
            }
            if (syncLimit == 0) {
                throw ConfigException.inFile(source, "syncLimit is not set (a replicated ensemble needs it)");
            }
        }
    }

    private static Path path(CfgLine line) throws ConfigException {
        try {
            return Path.of(line.asNonEmpty());
        } catch (InvalidPathException e) {
            throw line.error("not a valid path");
        }
    }

    private static int sessionTimeout(CfgLine line) throws ConfigException {
        return line.asIntAtLeast(-1, "-1 (the default) or a number of milliseconds");
    }

    private static int sessionTimeoutOrDefault(CfgLine line, int defaultTimeout) {
        int value = line == null ? -1 : Integer.parseInt(line.value());
        return value == -1 ? defaultTimeout : value;
    }

    private static String digest(CfgLine line) throws ConfigException {
        String value = line.value();
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw line.error("expected user:digest, the digest being base64(sha1(user:password))");
        }
        return value;
    }

    private static int positiveDecoded(CfgLine line) throws ConfigException {
        int value = line.asDecodedInt();
        if (value <= 0) {
            throw line.error("must be positive");
        }
        return value;
    }

    /** Comma-separated words, {@code *} for all; srvr is always on, as in ZooKeeper. */
    private static Set<String> fourLetterWords(CfgLine line) throws ConfigException {
        Set<String> words = new LinkedHashSet<>();
        for (String word : line.value().split(",")) {
            String trimmed = word.trim();
            if (trimmed.equals("*")) {
                words.addAll(FOUR_LETTER_WORDS);
            } else if (!trimmed.isEmpty()) {
                if (!FOUR_LETTER_WORDS.contains(trimmed)) {
                    throw line.error("unknown four-letter word '" + trimmed + "' (known: "
                            + String.join(", ", FOUR_LETTER_WORDS.stream().sorted().toList()) + ")");
                }
                words.add(trimmed);
            }
        }
        words.add("srvr");
        return Set.copyOf(words);
    }

    /** ZooKeeper reads snapCount as the system property zookeeper.snapCount and raises values below 2 to 2. */
    private static int snapCount(CfgLine line) throws ConfigException {
        int count = line.asInt();
        if (count < ServerConfig.MIN_SNAP_COUNT) {
            LOG.warn("{}:{}: snapCount={} is below the minimum; using {}", line.source(), line.line(), count,
                    ServerConfig.MIN_SNAP_COUNT);
            return ServerConfig.MIN_SNAP_COUNT;
        }
        return count;
    }

    private static int snapRetainCount(CfgLine line) throws ConfigException {
        int count = line.asInt();
        if (count < ServerConfig.MIN_SNAP_RETAIN_COUNT) {
            LOG.warn("{}:{}: autopurge.snapRetainCount={} is below the minimum; using {}", line.source(),
                    line.line(), count, ServerConfig.MIN_SNAP_RETAIN_COUNT);
            return ServerConfig.MIN_SNAP_RETAIN_COUNT;
        }
        return count;
    }

    /** A number of hours, or a number with a unit: ms, s, m, h or d (ZooKeeper's Time.parseTimeInterval). */
    private static int purgeIntervalHours(CfgLine line) throws ConfigException {
        String value = line.asNonEmpty();
        long unitMs;
        String digits;
        if (Character.isDigit(value.charAt(value.length() - 1))) {
            unitMs = HOUR_MS;
            digits = value;
        } else if (value.endsWith("ms") || value.endsWith("MS")) {
            unitMs = 1;
            digits = value.substring(0, value.length() - 2);
        } else {
            unitMs = switch (Character.toLowerCase(value.charAt(value.length() - 1))) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> HOUR_MS;
                case 'd' -> 24 * HOUR_MS;
                default -> throw line.error("expected hours, or a number with a unit (ms, s, m, h, d)");
            };
            digits = value.substring(0, value.length() - 1);
        }
        long intervalMs;
        try {
            intervalMs = Integer.parseInt(digits) * unitMs;
        } catch (NumberFormatException e) {
            throw line.error("not a number");
        }
        if (intervalMs > 0 && intervalMs % HOUR_MS != 0) {
            LOG.warn("{}:{}: autopurge.purgeInterval is kept in whole hours; {} ms rounds down to {} h", line.source(),
                    line.line(), intervalMs, intervalMs / HOUR_MS);
        }
        return (int) Math.max(0, intervalMs / HOUR_MS);
    }

    /** UTF-8, falling back to ISO-8859-1 (what Properties.load reads) for files that are not valid UTF-8. */
    private static String readText(Path file, String name) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ConfigException.inFile(name, "no such file");
        } catch (IOException e) {
            throw ConfigException.inFile(name, "cannot read: " + e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
