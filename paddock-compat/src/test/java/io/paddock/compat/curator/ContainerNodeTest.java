package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class ContainerNodeTest {
    /**
     * Apache ZooKeeper stores Long.MIN_VALUE as a container's owner but shows clients 0 (DataNode.copyStat
     * hides every non-session owner), so a container looks like a persistent node in its Stat.
     */
    private static final long CLIENT_VISIBLE_CONTAINER_OWNER = 0;

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void emptiedContainerParentsAreCollectedBottomUp(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            CuratorFramework client = curators.client();
            client.create().creatingParentContainersIfNeeded().forPath("/containers/c1/c2/leaf", new byte[] {1});

            Stat c1 = client.checkExists().forPath("/containers/c1");
            Stat c2 = client.checkExists().forPath("/containers/c1/c2");
            Stat leaf = client.checkExists().forPath("/containers/c1/c2/leaf");
            assertThat(c1.getEphemeralOwner()).isEqualTo(CLIENT_VISIBLE_CONTAINER_OWNER);
            assertThat(c2.getEphemeralOwner()).isEqualTo(CLIENT_VISIBLE_CONTAINER_OWNER);
            assertThat(leaf.getEphemeralOwner()).isZero();
            assertThat(client.getData().forPath("/containers/c1/c2/leaf")).containsExactly(1);
            assertThat(c1.getNumChildren()).isEqualTo(1);

            // While a container has a child it stays, sweep after sweep.
            eventually().during(Duration.ofMillis(400))
                    .until(() -> client.checkExists().forPath("/containers/c1/c2") != null);

            client.delete().forPath("/containers/c1/c2/leaf");
            eventually().until(() -> client.checkExists().forPath("/containers/c1/c2") == null);
            eventually().until(() -> client.checkExists().forPath("/containers/c1") == null);
            // /containers itself is a container too and had a child, so it goes the same way.
            eventually().until(() -> client.checkExists().forPath("/containers") == null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void aContainerThatNeverHadChildrenIsKept(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            CuratorFramework client = curators.client();
            client.create().withMode(CreateMode.CONTAINER).forPath("/fresh-container");
            Stat stat = client.checkExists().forPath("/fresh-container");
            assertThat(stat.getEphemeralOwner()).isEqualTo(CLIENT_VISIBLE_CONTAINER_OWNER);
            assertThat(stat.getCversion()).isZero();

            eventually().during(Duration.ofMillis(500))
                    .until(() -> client.checkExists().forPath("/fresh-container") != null);

            client.create().forPath("/fresh-container/child");
            client.delete().forPath("/fresh-container/child");
            eventually().until(() -> client.checkExists().forPath("/fresh-container") == null);
        }
    }
}
