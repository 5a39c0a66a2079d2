package io.paddock.bench;

import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A standalone Paddock server in this JVM. */
final class PaddockBenchServer implements BenchServer {
    private final PaddockServer server;
    private final Path dataDir;

    private PaddockBenchServer(PaddockServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static PaddockBenchServer start(int tickTime, int maxClientCnxns) {
        Path dataDir = TempDirs.create("paddock-bench-paddock-");
        ServerConfig config = ServerConfig.defaults()
                .withClientAddress(new InetSocketAddress("127.0.0.1", 0))
                .withDataDir(dataDir)
                .withTickTime(tickTime)
                .withMaxClientCnxns(maxClientCnxns);
        try {
            return new PaddockBenchServer(PaddockServer.start(config), dataDir);
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dataDir);
            throw e;
        }
    }

    @Override
    public String name() {
        return ServerKind.PADDOCK.label();
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + server.clientAddress().getPort();
    }

    @Override
    public String description() {
        return "Paddock (in-process, Netty NIO transport) on " + connectString()
                + ", fsync ON (txn log forced before each reply, group commit)";
    }

    @Override
    public boolean needsCleanup() {
        return false;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            TempDirs.deleteRecursively(dataDir);
        }
    }
}
