package io.paddock.compat.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.TestServers;
import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server restarted on the same data directory and port: data, sessions and ephemerals are still there. */
class RestartTest {
    private static final int TICK_TIME = 500;
    private static final int SESSION_TIMEOUT_MS = 8_000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private PaddockServer server;
    private ZooKeeper zk;

    private ServerConfig config(int port) {
        return TestServers.base(dir).withTickTime(TICK_TIME)
                .withClientAddress(new InetSocketAddress("127.0.0.1", port));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (zk != null) {
            zk.close(1_000);
        }
        if (server != null) {
            server.close();
        }
    }

    private ZooKeeper connect(int port, EventLog events) throws Exception {
        ZooKeeper client = new ZooKeeper("127.0.0.1:" + port, SESSION_TIMEOUT_MS, events);
        events.awaitState(KeeperState.SyncConnected);
        return client;
    }

    private static long connectedCount(EventLog events) {
        return events.all().stream().filter(e -> e.state() == KeeperState.SyncConnected).count();
    }

    @Test
    void theSameSessionReconnectsAndFindsItsDataAndEphemeral() throws Exception {
        server = PaddockServer.start(config(0));
        int port = server.clientAddress().getPort();
        EventLog events = new EventLog();
        zk = connect(port, events);
        long sessionId = zk.getSessionId();
        zk.create("/data", bytes("v1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData("/data", bytes("v2"), 0);
        zk.create("/eph", bytes("mine"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        zk.create("/s", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/s/x-", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        zk.create("/s/x-", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        zk.create("/gone", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete("/gone", -1);

        server.close(); // the client is left as it is: it sees the connection drop and keeps trying
        await().atMost(WAIT).until(() -> !zk.getState().isConnected());
        server = PaddockServer.start(config(port));

        await().atMost(WAIT).until(() -> connectedCount(events) >= 2 && zk.getState().isConnected());
        assertThat(zk.getSessionId()).isEqualTo(sessionId);
        assertThat(events.all()).noneMatch(e -> e.state() == KeeperState.Expired);
        Stat stat = new Stat();
        assertThat(zk.getData("/data", false, stat)).isEqualTo(bytes("v2"));
        assertThat(stat.getVersion()).isEqualTo(1);
        assertThat(zk.exists("/eph", false).getEphemeralOwner()).isEqualTo(sessionId);
        assertThat(zk.exists("/gone", false)).isNull();
        assertThat(zk.getChildren("/s", false)).containsExactlyInAnyOrder("x-0000000000", "x-0000000001");
        assertThat(zk.create("/s/x-", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo("/s/x-0000000002");
    }

    @Test
    void aClosedSessionStaysClosedAndItsEphemeralGone() throws Exception {
        server = PaddockServer.start(config(0));
        int port = server.clientAddress().getPort();
        EventLog events = new EventLog();
        ZooKeeper first = connect(port, events);
        first.create("/eph", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        first.close();
        server.close();

        server = PaddockServer.start(config(port));
        zk = connect(port, new EventLog());
        assertThat(zk.exists("/eph", false)).isNull();
    }

    @Test
    void snapshotsPlusTheLogRestoreEveryWrite() throws Exception {
        server = PaddockServer.start(config(0).withSnapCount(40));
        int port = server.clientAddress().getPort();
        zk = connect(port, new EventLog());
        int count = 300;
        zk.create("/n", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (int round = 0; round < 6; round++) { // in rounds, so snapshots start at different zxids
            CountDownLatch acked = new CountDownLatch(count / 6);
            for (int i = round * count / 6; i < (round + 1) * count / 6; i++) {
                zk.create("/n/" + i, bytes("value-" + i), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                        (rc, path, ctx, name) -> {
                            if (rc == KeeperException.Code.OK.intValue()) {
                                acked.countDown();
                            }
                        }, null);
            }
            assertThat(acked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        zk.delete("/n/0", -1);
        Path snapDir = dir.resolve("paddock").resolve("version-2");
        await().atMost(WAIT).until(() -> snapshots(snapDir).size() >= 2);
        zk.close();
        zk = null;
        server.close();

        server = PaddockServer.start(config(port).withSnapCount(40));
        zk = connect(port, new EventLog());
        assertThat(zk.exists("/n/0", false)).isNull();
        for (int i = 1; i < count; i++) {
            assertThat(zk.getData("/n/" + i, false, null)).isEqualTo(bytes("value-" + i));
        }
        assertThat(zk.exists("/n", false).getNumChildren()).isEqualTo(count - 1);
    }

    @Test
    void autopurgeKeepsTheNewestSnapshotsAndTheDataStaysRecoverable() throws Exception {
        server = PaddockServer.start(config(0).withSnapCount(20));
        int port = server.clientAddress().getPort();
        zk = connect(port, new EventLog());
        Path snapDir = dir.resolve("paddock").resolve("version-2");
        for (int i = 0; i < 200; i++) {
            zk.create("/p" + i, bytes("v" + i), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        await().atMost(WAIT).until(() -> snapshots(snapDir).size() >= 5);
        zk.close();
        zk = null;
        server.close();
        List<Path> before = snapshots(snapDir).stream().sorted().toList();
        List<Path> newestThree = before.subList(before.size() - 3, before.size());

        server = PaddockServer.start(config(port).withSnapCount(20).withAutopurge(3, 1)); // purges at start
        await().atMost(WAIT).until(() -> snapshots(snapDir).stream().filter(before::contains).toList()
                .equals(newestThree));
        server.close();

        server = PaddockServer.start(config(port));
        zk = connect(port, new EventLog());
        for (int i = 0; i < 200; i++) {
            assertThat(zk.getData("/p" + i, false, null)).isEqualTo(bytes("v" + i));
        }
    }

    private static List<Path> snapshots(Path snapDir) throws Exception {
        if (!Files.isDirectory(snapDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(snapDir)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.[0-9a-f]{16}")).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
