package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class CuratorCacheTest {

    /** One listener callback, flattened so a whole sequence can be compared at once. */
    record Seen(String kind, String path, String data) {
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void buildsTheTreeThenFollowsNestedCreatesChangesAndDeletes(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            CuratorFramework writer = curators.client();
            writer.create().creatingParentsIfNeeded().forPath("/cache/a/b", bytes("b0"));
            writer.setData().forPath("/cache/a", bytes("a0"));

            List<Seen> seen = new CopyOnWriteArrayList<>();
            AtomicBoolean initialized = new AtomicBoolean();
            CuratorCache cache = curators.closeLater(CuratorCache.build(curators.client(), "/cache"));
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forCreates(node -> seen.add(new Seen("create", node.getPath(), text(node))))
                    .forChanges((before, after) -> seen.add(new Seen("change " + text(before), after.getPath(), text(after))))
                    .forDeletes(node -> seen.add(new Seen("delete", node.getPath(), text(node))))
                    .forInitialized(() -> initialized.set(true))
                    .build());
            cache.start();

            eventually().untilTrue(initialized);
            assertThat(seen).containsExactlyInAnyOrder(
                    new Seen("create", "/cache", ""),
                    new Seen("create", "/cache/a", "a0"),
                    new Seen("create", "/cache/a/b", "b0"));
            assertThat(cache.get("/cache/a/b")).map(CuratorCacheTest::text).hasValue("b0");
            seen.clear();

            writer.create().forPath("/cache/a/b/c", bytes("c0"));
            eventually().until(() -> seen.size() >= 1);
            writer.setData().forPath("/cache/a/b", bytes("b1"));
            eventually().until(() -> seen.size() >= 2);
            writer.setData().forPath("/cache/a/b/c", bytes("c1"));
            eventually().until(() -> seen.size() >= 3);
            writer.delete().forPath("/cache/a/b/c");
            eventually().until(() -> seen.size() >= 4);
            writer.create().forPath("/cache/x", bytes("x0"));
            eventually().until(() -> seen.size() >= 5);

            assertThat(seen).containsExactly(
                    new Seen("create", "/cache/a/b/c", "c0"),
                    new Seen("change b0", "/cache/a/b", "b1"),
                    new Seen("change c0", "/cache/a/b/c", "c1"),
                    new Seen("delete", "/cache/a/b/c", "c1"),
                    new Seen("create", "/cache/x", "x0"));
            assertThat(cache.get("/cache/a/b/c")).isEmpty();
            assertThat(cache.stream().map(ChildData::getPath))
                    .containsExactlyInAnyOrder("/cache", "/cache/a", "/cache/a/b", "/cache/x");
            assertThat(cache.get("/cache/a/b").orElseThrow().getStat().getVersion()).isEqualTo(1);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ChildData node) {
        return node.getData() == null ? "<null>" : new String(node.getData(), StandardCharsets.UTF_8);
    }
}
