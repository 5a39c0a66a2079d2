package io.paddock.compat.curator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers.KindServer;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Curator clients and recipes for one test against one server, closed together in reverse order. */
final class Curators implements AutoCloseable {
    static final int SESSION_TIMEOUT_MS = 10_000;

    private final KindServer server;
    private final Deque<Closeable> open = new ArrayDeque<>();

    Curators(KindServer server) {
        this.server = server;
    }

    /** A started client that has connected (fails the test if it cannot within a few seconds). */
    CuratorFramework client() throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(server.connectString())
                .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(5_000)
                .retryPolicy(new RetryNTimes(3, 100))
                .build();
        open.push(client);
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS))
                .as("client connected to %s", server).isTrue();
        return client;
    }

    /** Registers a recipe (or anything closeable) to close before the clients it uses. */
    <T extends Closeable> T closeLater(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (IOException | RuntimeException alreadyClosedOrGone) {
                // A test may close a recipe itself (leadership handover); closing twice is not a failure.
            }
        }
    }

    /** How every recipe test waits: generous bound (two shared cores), fine polling. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
    }

    /**
     * The children of a recipe's node, or none when the server has already collected it: Curator creates its
     * parents as containers, and both servers here delete empty containers every 100 ms.
     */
    static java.util.List<String> childrenOrNoneIfCollected(CuratorFramework client, String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (org.apache.zookeeper.KeeperException.NoNodeException collected) {
            return java.util.List.of();
        }
    }
}
