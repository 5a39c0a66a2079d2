package io.paddock.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.WatchEventType;
import io.paddock.core.wire.WatcherType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Random scripts of add / trigger / remove / close against {@link ZooKeeperWatchModel}. */
class WatchTablePropertyTest {
    private static final List<String> PATHS = List.of("/", "/a", "/b", "/ab", "/a/b", "/a/c", "/a/b/c");
    private static final List<Long> CONNECTIONS = List.of(1L, 2L, 3L);
    private static final List<Integer> EVENT_TYPES = List.of(WatchEventType.NODE_CREATED, WatchEventType.NODE_DELETED,
            WatchEventType.NODE_DATA_CHANGED, WatchEventType.NODE_CHILDREN_CHANGED);
    private static final List<Integer> WATCHER_TYPES = List.of(WatcherType.CHILDREN, WatcherType.DATA, WatcherType.ANY,
            WatcherType.PERSISTENT, WatcherType.PERSISTENT_RECURSIVE);

    sealed interface Step {
    }

    record Add(String path, long connection, WatchKind kind) implements Step {
    }

    /** {@code hidden} is a connection that may not read the node (0: everyone may). */
    record Trigger(String path, int eventType, long hidden) implements Step {
    }

    record Remove(String path, long connection, int watcherType) implements Step {
    }

    record Close(long connection) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<String> path = Arbitraries.of(PATHS);
        Arbitrary<Long> connection = Arbitraries.of(CONNECTIONS);
        Arbitrary<Step> add = Combinators.combine(path, connection, Arbitraries.of(WatchKind.class)).as(Add::new);
        Arbitrary<Step> trigger = Combinators.combine(path, Arbitraries.of(EVENT_TYPES),
                Arbitraries.of(0L, 0L, 0L, 1L, 2L, 3L)).as(Trigger::new);
        Arbitrary<Step> remove = Combinators.combine(path, connection, Arbitraries.of(WATCHER_TYPES)).as(Remove::new);
        Arbitrary<Step> close = connection.map(Close::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, add), Tuple.of(5, trigger),
                        Tuple.of(2, remove), Tuple.of(1, close))
                .list().ofMaxSize(60);
    }

    @Property(tries = 400)
    void behavesLikeZooKeepersTwoWatchManagers(@ForAll("scripts") List<Step> script) {
        WatchTable table = new WatchTable();
        ZooKeeperWatchModel model = new ZooKeeperWatchModel();
        for (Step step : script) {
            switch (step) {
                case Add a -> {
                    table.add(a.path(), a.connection(), a.kind());
                    model.add(a.path(), a.connection(), a.kind());
                }
                case Trigger t -> {
                    LongPredicate readable = c -> c != t.hidden();
                    List<WatchDelivery> actual = table.trigger(t.path(), t.eventType(), readable);
                    assertThat(Set.copyOf(actual)).as("%s", t).isEqualTo(model.trigger(t.path(), t.eventType(), readable));
                    assertThat(actual).as("one event per connection").doesNotHaveDuplicates();
                }
                case Remove r -> assertThat(table.remove(r.path(), r.connection(), r.watcherType()))
                        .as("%s", r).isEqualTo(model.remove(r.path(), r.connection(), r.watcherType()));
                case Close c -> {
                    table.removeConnection(c.connection());
                    model.removeConnection(c.connection());
                }
            }
            table.checkInvariants();
            assertSameState(table, model, step);
        }
    }

    private static void assertSameState(WatchTable table, ZooKeeperWatchModel model, Step after) {
        for (String path : PATHS) {
            for (long connection : CONNECTIONS) {
                for (int type : WATCHER_TYPES) {
                    assertThat(table.contains(path, connection, type))
                            .as("contains(%s, %d, %d) after %s", path, connection, type, after)
                            .isEqualTo(model.contains(path, connection, type));
                }
            }
        }
        assertThat(table.watchCount()).as("watchCount after %s", after).isEqualTo(model.watchCount());
        assertThat(table.summary()).as("summary after %s", after).isEqualTo(model.summary());
        assertThat(table.pathsByConnection()).as("wchc after %s", after).isEqualTo(model.pathsByConnection());
        assertThat(table.connectionsByPath()).as("wchp after %s", after).isEqualTo(model.connectionsByPath());
    }

    /**
     * A one-shot watch fires at most once: a connection not covered by a persistent or recursive watch is
     * notified about a path at most as many times as it armed a one-shot watch there.
     */
    @Property(tries = 400)
    void oneShotWatchesFireAtMostOncePerArming(@ForAll("scripts") List<Step> script) {
        WatchTable table = new WatchTable();
        Map<String, Integer> armings = new HashMap<>();
        Map<String, Integer> oneShotFirings = new HashMap<>();
        for (Step step : script) {
            switch (step) {
                case Add a -> {
                    boolean oneShot = a.kind() == WatchKind.DATA || a.kind() == WatchKind.CHILD;
                    int type = a.kind() == WatchKind.DATA ? WatcherType.DATA : WatcherType.CHILDREN;
                    if (oneShot && !table.contains(a.path(), a.connection(), type)) {
                        armings.merge(a.path() + "@" + a.connection(), 1, Integer::sum);
                    }
                    table.add(a.path(), a.connection(), a.kind());
                }
                case Trigger t -> {
                    Set<Long> persistentlyCovered = new HashSet<>();
                    for (long c : CONNECTIONS) {
                        if (coveredPersistently(table, t.path(), c, t.eventType())) {
                            persistentlyCovered.add(c);
                        }
                    }
                    for (WatchDelivery d : table.trigger(t.path(), t.eventType(), c -> c != t.hidden())) {
                        if (!persistentlyCovered.contains(d.connectionId())) {
                            oneShotFirings.merge(d.path() + "@" + d.connectionId(), 1, Integer::sum);
                        }
                    }
                }
                case Remove r -> table.remove(r.path(), r.connection(), r.watcherType());
                case Close c -> table.removeConnection(c.connection());
            }
        }
        oneShotFirings.forEach((key, fired) ->
                assertThat(fired).as("one-shot firings at %s", key).isLessThanOrEqualTo(armings.getOrDefault(key, 0)));
    }

    private static boolean coveredPersistently(WatchTable table, String path, long connection, int eventType) {
        if (table.contains(path, connection, WatcherType.PERSISTENT)) {
            return true;
        }
        if (eventType == WatchEventType.NODE_CHILDREN_CHANGED) {
            return false;
        }
        for (String p = path; p != null; p = WatchTable.parentOf(p)) {
            if (table.contains(p, connection, WatcherType.PERSISTENT_RECURSIVE)) {
                return true;
            }
        }
        return false;
    }
}
