package io.paddock.cli;

import io.paddock.cli.ServerLauncher.RunningServer;
import io.paddock.server.CorruptHistoryException;
import io.paddock.server.config.ConfigException;
import io.paddock.server.config.ServerConfig;
import io.paddock.server.config.ZooCfg;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paddock start}: run a standalone server until the process is told to stop. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a standalone Paddock server and run until Ctrl-C or SIGTERM.",
            "Without --config: client port 2181 on all addresses, data under ./data."})
final class StartCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private final ServerLauncher launcher;
    private final ShutdownSignal shutdown;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A ZooKeeper zoo.cfg to read.")
    private Path configFile;

    @Option(names = "--port", paramLabel = "PORT", description = "Client port (overrides clientPort; 0 picks one).")
    private Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (overrides dataDir).")
    private Path dataDir;

    @Option(names = "--client-address", paramLabel = "HOST",
            description = "Address to listen on (overrides clientPortAddress; default all addresses).")
    private String clientAddress;

    @Option(names = "--repair", description = {"Start even if the data directory holds corrupt history, dropping"
            + " everything from the first damaged record on (logged as errors). Same as"
            + " paddock.repairCorruption=true in zoo.cfg. Without it, a damaged log or snapshot stops the start."})
    private boolean repair;

    StartCommand(ServerLauncher launcher, ShutdownSignal shutdown) {
        this.launcher = launcher;
        this.shutdown = shutdown;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = configure();
        } catch (ConfigException e) {
            err.println("paddock: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (config.isReplicated()) {
            err.println("paddock: " + describe() + " lists a replicated ensemble of " + config.quorum().servers().size()
                    + " servers; replication is not built yet, so Paddock runs standalone only."
                    + " Keep at most one server.N line (or none) to run standalone.");
            return EXIT_USAGE;
        }
        try {
            createDirectory(config.dataDir());
            createDirectory(config.dataLogDir());
        } catch (IOException e) {
            err.println("paddock: " + e.getMessage());
            return EXIT_FAILURE;
        }
        RunningServer server;
        try {
            server = launcher.launch(config);
        } catch (Exception e) {
            err.println("paddock: " + startFailure(config, e));
            return EXIT_FAILURE;
        }
        Runnable afterClose = () -> { };
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Paddock is serving ZooKeeper clients on " + format(server.clientAddress()) + ", data in "
                    + config.dataDir().toAbsolutePath().normalize() + " (every write is on disk before it is"
                    + " acknowledged; data survives restarts). Ctrl-C stops it.");
            out.flush();
            afterClose = shutdown.awaitStop();
        } finally {
            server.close();
            afterClose.run();
        }
        return EXIT_OK;
    }

    private ServerConfig configure() throws ConfigException {
        ServerConfig config = configFile != null ? ZooCfg.parse(configFile) : ServerConfig.defaults();
        if (dataDir != null) {
            boolean sharedLogDir = config.dataLogDir().equals(config.dataDir());
            config = sharedLogDir ? config.withDataDir(dataDir)
                    : new ServerConfig.Builder(config).dataDir(dataDir).build();
        }
        if (port != null || clientAddress != null) {
            config = config.withClientAddress(clientAddress(config.clientAddress()));
        }
        if (repair) {
            config = config.withRepairCorruption(true);
        }
        return config;
    }

    private InetSocketAddress clientAddress(InetSocketAddress configured) throws ConfigException {
        int chosenPort = port != null ? port
                : configured != null ? configured.getPort() : ServerConfig.DEFAULT_CLIENT_PORT;
        if (chosenPort < 0 || chosenPort > 65_535) {
            throw ConfigException.inFile("--port", chosenPort + " is not a port number (0-65535)");
        }
        if (clientAddress == null) {
            return configured != null && !configured.getAddress().isAnyLocalAddress()
                    ? new InetSocketAddress(configured.getAddress(), chosenPort)
                    : new InetSocketAddress(chosenPort);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(clientAddress), chosenPort);
        } catch (UnknownHostException e) {
            throw ConfigException.inFile("--client-address", clientAddress + ": unknown host");
        }
    }

    private String describe() {
        return configFile != null ? configFile.toString() : "the configuration";
    }

    private static void createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot use " + dir.toAbsolutePath() + " as the data directory: it is a file", e);
        } catch (IOException e) {
            throw new IOException("cannot create the data directory " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Turns a start failure into a sentence a person can act on. */
    static String startFailure(ServerConfig config, Throwable failure) {
        if (failure instanceof CorruptHistoryException corrupt) {
            return corrupt.getMessage();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                InetSocketAddress address = config.clientAddress();
                return "cannot listen on " + format(address) + ": " + cause.getMessage()
                        + ". Is another server (ZooKeeper or Paddock) using port " + address.getPort()
                        + "? Stop it, or choose another port with --port (or clientPort in zoo.cfg).";
            }
        }
        return "the server failed to start: " + failure;
    }

    /** {@code host:port}, with 0.0.0.0 for "all addresses" whether the wildcard is IPv4 or IPv6. */
    static String format(InetSocketAddress address) {
        if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
            return "0.0.0.0:" + address.getPort();
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
