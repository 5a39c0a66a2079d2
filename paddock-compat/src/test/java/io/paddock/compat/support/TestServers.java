package io.paddock.compat.support;

import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.RequestProcessor;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * Starts the servers compat tests run against. Both get the same tick, extended types on (TTL nodes), and
 * a fast container/TTL sweep; the Apache ZooKeeper side takes those from system properties set in the
 * surefire configuration (zookeeper.extendedTypesEnabled, znode.container.checkIntervalMs).
 */
public final class TestServers {
    public static final int TICK_TIME = 200;
    public static final long CONTAINER_CHECK_INTERVAL_MS = 100;

    private TestServers() {
    }

    public static ServerUnderTest start(String kind, Path dir) {
        return switch (kind) {
            case "zookeeper" -> zookeeper(dir);
            case "paddock" -> paddock(dir);
            default -> throw new IllegalArgumentException("unknown server kind " + kind);
        };
    }

    public static ServerUnderTest zookeeper(Path dir) {
        try {
            Path data = Files.createDirectories(dir.resolve("zookeeper"));
            ZooKeeperServer zks = new ZooKeeperServer(data.toFile(), data.toFile(), TICK_TIME);
            ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 1000);
            factory.startup(zks);
            // ZooKeeperServerMain, not ZooKeeperServer, runs the container/TTL sweep; start it as it does.
            ContainerManager sweeper = new ContainerManager(zks.getZKDatabase(), new RequestProcessor() {
                public void processRequest(Request request) {
                    zks.submitRequestNow(request);
                }

                public void shutdown() {
                }
            }, (int) CONTAINER_CHECK_INTERVAL_MS, 10_000);
            sweeper.start();
            int port = factory.getLocalPort();
            return new ServerUnderTest() {
                public String name() {
                    return "zookeeper";
                }

                public String connectString() {
                    return "127.0.0.1:" + port;
                }

                public int port() {
                    return port;
                }

                public void close() {
                    sweeper.stop();
                    factory.shutdown();
                    zks.shutdown(true);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ServerUnderTest paddock(Path dir) {
        return paddock(dir, base(dir));
    }

    public static ServerConfig base(Path dir) {
        return ServerConfig.defaults()
                .withClientAddress(new InetSocketAddress("127.0.0.1", 0))
                .withDataDir(dir.resolve("paddock"))
                .withTickTime(TICK_TIME)
                .withExtendedTypes(true)
                .withContainerCheckIntervalMs(CONTAINER_CHECK_INTERVAL_MS)
                .withMaxClientCnxns(1000)
                .withFourLetterWords(Set.of("*"));
    }

    public static ServerUnderTest paddock(Path dir, ServerConfig config) {
        PaddockServer server = PaddockServer.start(config);
        int port = server.clientAddress().getPort();
        return new ServerUnderTest() {
            public String name() {
                return "paddock";
            }

            public String connectString() {
                return "127.0.0.1:" + port;
            }

            public int port() {
                return port;
            }

            public void close() {
                server.close();
            }
        };
    }
}
