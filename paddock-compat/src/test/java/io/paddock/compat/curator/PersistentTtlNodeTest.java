package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class PersistentTtlNodeTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void isCreatedAsATtlNodeAndRecreatedAfterDeletion(KindServer server) throws Exception {
        long ttl = 60_000; // long enough that only the test deletes it
        try (Curators curators = new Curators(server)) {
            CuratorFramework other = curators.client();
            PersistentNode node = curators.closeLater(new PersistentNode(curators.client(),
                    CreateMode.PERSISTENT_WITH_TTL, false, "/ttl-recreate/node", bytes("v1"), ttl, true));
            node.start();
            assertThat(node.waitForInitialCreate(20, TimeUnit.SECONDS)).isTrue();
            assertThat(node.getActualPath()).isEqualTo("/ttl-recreate/node");

            Stat first = other.checkExists().forPath("/ttl-recreate/node");
            assertThat(first).isNotNull();
            // Apache ZooKeeper keeps the TTL in the stored owner field but shows clients 0 there.
            assertThat(first.getEphemeralOwner()).isZero();
            assertThat(other.getData().forPath("/ttl-recreate/node")).asString(StandardCharsets.UTF_8).isEqualTo("v1");

            other.delete().forPath("/ttl-recreate/node");
            eventually().until(() -> {
                Stat again = other.checkExists().forPath("/ttl-recreate/node");
                return again != null && again.getCzxid() > first.getCzxid();
            });
            assertThat(other.getData().forPath("/ttl-recreate/node")).asString(StandardCharsets.UTF_8).isEqualTo("v1");

            node.close();
            eventually().until(() -> other.checkExists().forPath("/ttl-recreate/node") == null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void serverRemovesTheTtlNodeOnceItsKeeperIsClosed(KindServer server) throws Exception {
        long ttl = 500;
        try (Curators curators = new Curators(server)) {
            CuratorFramework other = curators.client();
            PersistentNode node = curators.closeLater(new LeftBehindOnClose(curators.client(),
                    "/ttl-expire/node", bytes("v"), ttl));
            node.start();
            assertThat(node.waitForInitialCreate(20, TimeUnit.SECONDS)).isTrue();
            Stat created = other.checkExists().forPath("/ttl-expire/node");
            assertThat(created).isNotNull();
            node.close();

            // Nobody deletes it now; only the server's TTL sweep can make it go.
            eventually().until(() -> other.checkExists().forPath("/ttl-expire/node") == null);
            // The parent is an ordinary persistent node and stays.
            assertThat(other.checkExists().forPath("/ttl-expire")).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void aTtlNodeWithAChildIsNotRemoved(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            CuratorFramework client = curators.client();
            client.create().withTtl(200).creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_WITH_TTL)
                    .forPath("/ttl-parent/kept");
            client.create().forPath("/ttl-parent/kept/child");
            client.create().withTtl(200).withMode(CreateMode.PERSISTENT_WITH_TTL).forPath("/ttl-parent/gone");

            eventually().until(() -> client.checkExists().forPath("/ttl-parent/gone") == null);
            // Swept at least once after expiry, yet kept: it has a child.
            assertThat(client.checkExists().forPath("/ttl-parent/kept")).isNotNull();
            client.delete().forPath("/ttl-parent/kept/child");
            eventually().until(() -> client.checkExists().forPath("/ttl-parent/kept") == null);
        }
    }

    /** A PersistentNode whose close leaves the node in place, so expiry is the server's doing alone. */
    private static final class LeftBehindOnClose extends PersistentNode {
        LeftBehindOnClose(CuratorFramework client, String path, byte[] data, long ttl) {
            super(client, CreateMode.PERSISTENT_WITH_TTL, false, path, data, ttl, true);
        }

        @Override
        protected void deleteNode() {
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
