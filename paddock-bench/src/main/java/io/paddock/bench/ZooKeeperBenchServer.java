package io.paddock.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.Version;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** A standalone Apache ZooKeeper server in this JVM, as its own tests start one. */
final class ZooKeeperBenchServer implements BenchServer {
    static final String FORCE_SYNC_PROPERTY = "zookeeper.forceSync";

    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;
    private final Path dataDir;
    private final boolean forceSync;

    private ZooKeeperBenchServer(ZooKeeperServer server, ServerCnxnFactory factory, Path dataDir, boolean forceSync) {
        this.server = server;
        this.factory = factory;
        this.dataDir = dataDir;
        this.forceSync = forceSync;
    }

    static ZooKeeperBenchServer start(int tickTime, int maxClientCnxns, boolean forceSync, ZkCnxnFactory cnxnFactory)
            throws IOException, InterruptedException {
        // Both properties are read when the txn log and the factory are made, i.e. below; set them every time
        // so that one run's choice never leaks into the next.
        System.setProperty(FORCE_SYNC_PROPERTY, forceSync ? "yes" : "no");
        System.setProperty(ServerCnxnFactory.ZOOKEEPER_SERVER_CNXN_FACTORY, cnxnFactory.className());
        Path dataDir = TempDirs.create("paddock-bench-zookeeper-");
        ZooKeeperServer server = null;
        ServerCnxnFactory factory = null;
        try {
            server = new ZooKeeperServer(dataDir.toFile(), dataDir.toFile(), tickTime);
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), maxClientCnxns);
            factory.startup(server);
            return new ZooKeeperBenchServer(server, factory, dataDir, forceSync);
        } catch (Throwable e) {
            // Errors too (a missing class at start-up): the factory's threads must not outlive a failed start.
            if (factory != null) {
                factory.shutdown();
            }
            if (server != null) {
                server.shutdown();
            }
            TempDirs.deleteRecursively(dataDir);
            throw e;
        }
    }

    @Override
    public String name() {
        return ServerKind.ZOOKEEPER.label();
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + factory.getLocalPort();
    }

    @Override
    public String description() {
        return "Apache ZooKeeper " + Version.getFullVersion().split("[ ,-]")[0] + " (in-process, "
                + factory.getClass().getSimpleName() + ") on " + connectString() + ", txn log in " + dataDir
                + ", fsync " + (forceSync ? "ON (zookeeper.forceSync=yes, the default)" : "OFF (zookeeper.forceSync=no)");
    }

    @Override
    public boolean needsCleanup() {
        return false;
    }

    @Override
    public void close() {
        try {
            factory.shutdown();
            server.shutdown();
        } finally {
            TempDirs.deleteRecursively(dataDir);
        }
    }
}
