package io.paddock.compat.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.compat.support.ServerUnderTest;
import io.paddock.compat.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first thing that must work: the official client connects, writes, reads and gets a watch event. */
class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void officialClientCreatesReadsAndWatches() throws Exception {
        try (ServerUnderTest server = TestServers.paddock(dir)) {
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(server.connectString(), 4000, e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            try {
                assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
                String path = zk.create("/smoke", "v1".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                assertThat(path).isEqualTo("/smoke");
                List<WatchedEvent> events = new CopyOnWriteArrayList<>();
                Stat stat = new Stat();
                byte[] data = zk.getData("/smoke", events::add, stat);
                assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("v1");
                assertThat(stat.getVersion()).isZero();
                zk.setData("/smoke", "v2".getBytes(StandardCharsets.UTF_8), 0);
                await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
                assertThat(events.get(0).getType()).isEqualTo(Watcher.Event.EventType.NodeDataChanged);
                assertThat(events.get(0).getPath()).isEqualTo("/smoke");
                assertThat(zk.getChildren("/", false)).containsExactlyInAnyOrder("zookeeper", "smoke");
            } finally {
                zk.close();
            }
        }
    }
}
