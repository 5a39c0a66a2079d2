package io.paddock.server;

import io.paddock.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers four-letter words with Apache ZooKeeper's texts. Words outside the whitelist get ZooKeeper's refusal;
 * {@code srvr} is always allowed (zkServer.sh needs it), and {@code *} allows every known word.
 */
final class FourLetterCommands {
    private static final Logger LOG = LoggerFactory.getLogger(FourLetterCommands.class);

    /** ZooKeeper's default text trace mask: client requests, server packets, sessions, warnings. */
    private static final long DEFAULT_TRACE_MASK = (1 << 1) | (1 << 4) | (1 << 5) | (1 << 8);

    /** Words whose answer reads nothing but the configuration and the machine; answered off the loop thread. */
    private static final Set<String> OFF_LOOP = Set.of("conf", "dirs", "envi");

    private final ServerConfig config;
    private final Set<String> enabled;
    private final ServerReports reports;
    private final AtomicLong traceMask = new AtomicLong(DEFAULT_TRACE_MASK);
    private volatile int clientPort;

    FourLetterCommands(ServerConfig config) {
        this.config = config;
        this.enabled = whitelist(config.fourLetterWords());
        this.clientPort = config.clientAddress().getPort();
        this.reports = new ServerReports(config.tickTime());
        LOG.info("Enabled four-letter words: {}", enabled);
    }

    private static Set<String> whitelist(Set<String> configured) {
        Set<String> words = new HashSet<>();
        for (String word : configured) {
            String trimmed = word.trim();
            if (trimmed.equals("*")) {
                FourLetterWord.all().forEach(words::add);
            } else if (!trimmed.isEmpty()) {
                words.add(trimmed);
            }
        }
        words.add("srvr");
        return Set.copyOf(words);
    }

    /** The port actually bound, for {@code conf} (the configured one may be 0). */
    void clientPort(int port) {
        clientPort = port;
    }

    boolean isEnabled(String word) {
        return enabled.contains(word);
    }

    /** Whether answering {@code word} reads the loop's state (and so must run on the loop thread). */
    boolean needsLoopState(String word) {
        return isEnabled(word) && !OFF_LOOP.contains(word);
    }

    /**
     * The text to send back, or null to close without an answer. {@code state} may be null only for words
     * {@link #needsLoopState} says do not need it.
     */
    String answer(FourLetterWordReceived received, LoopState state, long nowMillis) {
        String word = received.word();
        if (!isEnabled(word)) {
            LOG.debug("Command {} is not executed because it is not in the whitelist.", word);
            return word + " is not executed because it is not in the whitelist.\n";
        }
        LOG.info("Processing {} command from connection {}", word, received.connectionId());
        return switch (word) {
            case "ruok" -> "imok";
            case "isro" -> "rw";
            case "gtmk" -> Long.toString(traceMask.get());
            case "stmk" -> {
                traceMask.set(received.argument());
                yield Long.toString(received.argument());
            }
            case "hash" -> ""; // Paddock keeps no digest log, so the list ZooKeeper would print is empty
            case "conf" -> conf();
            case "dirs" -> "datadir_size: " + dataDirSize() + "\nlogdir_size: " + logDirSize() + "\n";
            case "envi" -> envi();
            case "srvr" -> reports.srvr(state, false);
            case "stat" -> reports.srvr(state, true);
            case "cons" -> reports.cons(state);
            case "crst" -> {
                state.connections().forEach(ConnectionState::resetStats);
                yield "Connection stats reset.\n";
            }
            case "srst" -> {
                state.serverStats().reset();
                yield "Server stats reset.\n";
            }
            case "mntr" -> reports.mntr(state, nowMillis);
            case "wchs" -> reports.wchs(state);
            case "wchc" -> reports.wchc(state);
            case "wchp" -> reports.wchp(state);
            case "dump" -> reports.dump(state, nowMillis);
            default -> null; // "telnet close": ZooKeeper knows it but runs nothing, and the connection closes
        };
    }

    /** Where ZooKeeper keeps snapshots under dataDir; conf prints this path. */
    private Path snapDir() {
        return config.dataDir().resolve("version-2").toAbsolutePath();
    }

    private Path logDir() {
        return config.dataLogDir().resolve("version-2").toAbsolutePath();
    }

    private long dataDirSize() {
        return sizeOf(snapDir());
    }

    private long logDirSize() {
        return sizeOf(logDir());
    }

    private static long sizeOf(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file removed while walking counts as empty
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not measure {}: {}", dir, e.toString());
            return 0;
        }
    }

    private String conf() {
        return "clientPort=" + clientPort + "\n"
                + "secureClientPort=-1\n"
                + "dataDir=" + snapDir() + "\n"
                + "dataDirSize=" + dataDirSize() + "\n"
                + "dataLogDir=" + logDir() + "\n"
                + "dataLogSize=" + logDirSize() + "\n"
                + "tickTime=" + config.tickTime() + "\n"
                + "maxClientCnxns=" + config.maxClientCnxns() + "\n"
                + "minSessionTimeout=" + config.minSessionTimeout() + "\n"
                + "maxSessionTimeout=" + config.maxSessionTimeout() + "\n"
                + "clientPortListenBacklog=-1\n"
                + "serverId=0\n";
    }

    private static String envi() {
        StringBuilder out = new StringBuilder("Environment:\n");
        String host;
        try {
            host = InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            host = "<NA>";
        }
        line(out, "zookeeper.version", ServerReports.FULL_VERSION);
        line(out, "host.name", host);
        for (String key : new String[] {"java.version", "java.vendor", "java.home", "java.class.path",
                "java.library.path", "java.io.tmpdir", "java.compiler", "os.name", "os.arch", "os.version",
                "user.name", "user.home", "user.dir"}) {
            line(out, key, System.getProperty(key, "<NA>"));
        }
        Runtime runtime = Runtime.getRuntime();
        long mb = 1024 * 1024;
        line(out, "jvm.memory.free", runtime.freeMemory() / mb + "MB");
        line(out, "jvm.memory.max", runtime.maxMemory() / mb + "MB");
        line(out, "jvm.memory.total", runtime.totalMemory() / mb + "MB");
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }
}
