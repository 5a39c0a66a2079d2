package io.paddock.core.watch;

import static io.paddock.core.wire.WatchEventType.NODE_CHILDREN_CHANGED;
import static io.paddock.core.wire.WatchEventType.NODE_CREATED;
import static io.paddock.core.wire.WatchEventType.NODE_DATA_CHANGED;
import static io.paddock.core.wire.WatchEventType.NODE_DELETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.wire.WatchEventType;
import io.paddock.core.wire.WatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which watches a change fires, and which it consumes, per ZooKeeper 3.9's DataTree and WatchManager. */
class WatchTriggerTest {
    private static final LongPredicate EVERYONE = c -> true;
    private final WatchTable table = new WatchTable();

    @AfterEach
    void indexesAgree() {
        table.checkInvariants();
    }

    private List<WatchDelivery> fire(String path, int type) {
        return table.trigger(path, type, EVERYONE);
    }

    private static WatchDelivery d(long connection, int type, String path) {
        return new WatchDelivery(connection, type, path);
    }

    @Test
    void dataWatchFiresNodeDataChangedOnceAndIsConsumed() {
        table.add("/a", 1, WatchKind.DATA);

        assertThat(fire("/a", NODE_DATA_CHANGED)).containsExactly(d(1, NODE_DATA_CHANGED, "/a"));
        assertThat(table.contains("/a", 1, WatcherType.DATA)).isFalse();
        assertThat(fire("/a", NODE_DATA_CHANGED)).isEmpty();
    }

    @Test
    void existsWatchOnMissingNodeIsADataWatchAndFiresNodeCreated() {
        table.add("/missing", 1, WatchKind.DATA);

        assertThat(fire("/missing", NODE_CREATED)).containsExactly(d(1, NODE_CREATED, "/missing"));
        assertThat(fire("/missing", NODE_CREATED)).isEmpty();
    }

    @Test
    void dataWatchFiresNodeDeletedAndIsConsumed() {
        table.add("/a", 1, WatchKind.DATA);

        assertThat(fire("/a", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a"));
        assertThat(table.watchCount()).isZero();
    }

    @Test
    void dataWatchIgnoresNodeChildrenChangedOfItsPath() {
        table.add("/a", 1, WatchKind.DATA);

        assertThat(fire("/a", NODE_CHILDREN_CHANGED)).isEmpty();
        assertThat(table.contains("/a", 1, WatcherType.DATA)).isTrue();
    }

    @Test
    void childWatchFiresNodeChildrenChangedOnceAndIsConsumed() {
        table.add("/a", 1, WatchKind.CHILD);

        assertThat(fire("/a", NODE_CHILDREN_CHANGED)).containsExactly(d(1, NODE_CHILDREN_CHANGED, "/a"));
        assertThat(table.contains("/a", 1, WatcherType.CHILDREN)).isFalse();
        assertThat(fire("/a", NODE_CHILDREN_CHANGED)).isEmpty();
    }

    @Test
    void childWatchIgnoresNodeCreatedAndNodeDataChangedOfItsPath() {
        table.add("/a", 1, WatchKind.CHILD);

        assertThat(fire("/a", NODE_CREATED)).isEmpty();
        assertThat(fire("/a", NODE_DATA_CHANGED)).isEmpty();
        assertThat(table.contains("/a", 1, WatcherType.CHILDREN)).isTrue();
    }

    @Test
    void childWatchFiresNodeDeletedOfItsOwnPath() {
        table.add("/a", 1, WatchKind.CHILD);

        assertThat(fire("/a", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a"));
        assertThat(table.contains("/a", 1, WatcherType.CHILDREN)).isFalse();
    }

    @Test
    void nodeDeletedSendsOneEventPerConnectionHoldingBothDataAndChildWatches() {
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 1, WatchKind.CHILD);
        table.add("/a", 2, WatchKind.CHILD);

        assertThat(fire("/a", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a"), d(2, NODE_DELETED, "/a"));
    }

    @Test
    void nodeDeletedConsumesTheChildWatchEvenWhenTheDataWatchAlreadyNotified() {
        // DataTree.deleteNode triggers the child manager with the data manager's watchers suppressed:
        // suppression skips delivery, not removal.
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 1, WatchKind.CHILD);

        fire("/a", NODE_DELETED);

        assertThat(table.contains("/a", 1, WatcherType.ANY)).isFalse();
        assertThat(fire("/a", NODE_CHILDREN_CHANGED)).isEmpty();
    }

    @Test
    void persistentWatchFiresForDataAndChildEventsOfItsPathAndStays() {
        table.add("/a", 1, WatchKind.PERSISTENT);

        assertThat(fire("/a", NODE_CREATED)).containsExactly(d(1, NODE_CREATED, "/a"));
        assertThat(fire("/a", NODE_DATA_CHANGED)).containsExactly(d(1, NODE_DATA_CHANGED, "/a"));
        assertThat(fire("/a", NODE_CHILDREN_CHANGED)).containsExactly(d(1, NODE_CHILDREN_CHANGED, "/a"));
        assertThat(fire("/a", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a"));
        assertThat(table.contains("/a", 1, WatcherType.PERSISTENT)).isTrue();
    }

    @Test
    void persistentWatchIsNotRecursive() {
        table.add("/a", 1, WatchKind.PERSISTENT);

        assertThat(fire("/a/b", NODE_CREATED)).isEmpty();
        assertThat(fire("/a/b", NODE_CHILDREN_CHANGED)).isEmpty();
    }

    @Test
    void recursiveWatchFiresForDescendantsWithTheChangedPath() {
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(fire("/a/b", NODE_CREATED)).containsExactly(d(1, NODE_CREATED, "/a/b"));
        assertThat(fire("/a/b/c", NODE_DATA_CHANGED)).containsExactly(d(1, NODE_DATA_CHANGED, "/a/b/c"));
        assertThat(fire("/a/b", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a/b"));
        assertThat(table.contains("/a", 1, WatcherType.PERSISTENT_RECURSIVE)).isTrue();
    }

    @Test
    void recursiveWatchFiresForItsOwnPath() {
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(fire("/a", NODE_DATA_CHANGED)).containsExactly(d(1, NODE_DATA_CHANGED, "/a"));
        assertThat(fire("/a", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a"));
    }

    @Test
    void recursiveWatchNeverFiresNodeChildrenChanged() {
        // Recursive watches live only in ZooKeeper's data manager; NodeChildrenChanged goes to the child manager.
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(fire("/a", NODE_CHILDREN_CHANGED)).isEmpty();
        assertThat(fire("/a/b", NODE_CHILDREN_CHANGED)).isEmpty();
    }

    @Test
    void recursiveWatchOnRootSeesEveryChange() {
        table.add("/", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(fire("/x", NODE_CREATED)).containsExactly(d(1, NODE_CREATED, "/x"));
        assertThat(fire("/x/y/z", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/x/y/z"));
        assertThat(fire("/", NODE_DATA_CHANGED)).containsExactly(d(1, NODE_DATA_CHANGED, "/"));
    }

    @Test
    void recursiveWatchMatchesWholePathSegmentsOnly() {
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(fire("/ab", NODE_CREATED)).isEmpty();
        assertThat(fire("/", NODE_DATA_CHANGED)).isEmpty();
    }

    @Test
    void aConnectionWatchingSeveralWaysGetsOneEventPerTrigger() {
        table.add("/", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a/b", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a/b", 1, WatchKind.PERSISTENT);
        table.add("/a/b", 1, WatchKind.DATA);
        table.add("/a/b", 1, WatchKind.CHILD);

        assertThat(fire("/a/b", NODE_DELETED)).containsExactly(d(1, NODE_DELETED, "/a/b"));
    }

    @Test
    void oneShotDataWatchIsConsumedEvenWhenARecursiveWatchAlsoCoversThePath() {
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a/b", 1, WatchKind.DATA);

        assertThat(fire("/a/b", NODE_DATA_CHANGED)).hasSize(1);
        assertThat(table.contains("/a/b", 1, WatcherType.DATA)).isFalse();
        assertThat(fire("/a/b", NODE_DATA_CHANGED)).hasSize(1);
    }

    @Test
    void watchersOfThePathComeFirstInRegistrationOrderThenAncestorsNearestFirst() {
        table.add("/", 5, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a", 4, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a/b", 9, WatchKind.DATA);
        table.add("/a/b", 2, WatchKind.PERSISTENT);

        assertThat(fire("/a/b", NODE_DATA_CHANGED)).extracting(WatchDelivery::connectionId)
                .containsExactly(9L, 2L, 4L, 5L);
    }

    @Test
    void nodeDeletedNotifiesDataSideWatchersBeforeChildWatchers() {
        table.add("/a", 7, WatchKind.CHILD);
        table.add("/a", 3, WatchKind.DATA);

        assertThat(fire("/a", NODE_DELETED)).extracting(WatchDelivery::connectionId).containsExactly(3L, 7L);
    }

    @Test
    void unreadableConnectionIsNotNotifiedButLosesItsOneShotWatch() {
        // ServerCnxn.process checks READ after the watch manager has already removed the watch.
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 2, WatchKind.DATA);

        assertThat(table.trigger("/a", NODE_DATA_CHANGED, c -> c == 2)).containsExactly(d(2, NODE_DATA_CHANGED, "/a"));
        assertThat(table.contains("/a", 1, WatcherType.DATA)).isFalse();
    }

    @Test
    void unreadableConnectionKeepsItsPersistentWatch() {
        table.add("/a", 1, WatchKind.PERSISTENT);

        assertThat(table.trigger("/a", NODE_DATA_CHANGED, c -> false)).isEmpty();
        assertThat(table.trigger("/a", NODE_DATA_CHANGED, EVERYONE)).containsExactly(d(1, NODE_DATA_CHANGED, "/a"));
    }

    @Test
    void readableIsAskedOncePerNotifiedConnectionOnly() {
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 1, WatchKind.CHILD);
        table.add("/", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/other", 2, WatchKind.DATA);
        List<Long> asked = new ArrayList<>();

        table.trigger("/a", NODE_DELETED, c -> asked.add(c));

        assertThat(asked).containsExactly(1L);
    }

    @Test
    void triggerOnAnUnwatchedPathDeliversNothing() {
        table.add("/a", 1, WatchKind.DATA);

        assertThat(fire("/b", NODE_DATA_CHANGED)).isEmpty();
        assertThat(fire("/a/b", NODE_CREATED)).isEmpty();
        assertThat(table.contains("/a", 1, WatcherType.DATA)).isTrue();
    }

    @Test
    void recursiveWatchCountDropsToZeroSoTriggersStopWalkingAncestors() {
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/b", 2, WatchKind.PERSISTENT_RECURSIVE);
        assertThat(table.recursiveWatchCount()).isEqualTo(2);

        table.remove("/a", 1, WatcherType.PERSISTENT_RECURSIVE);
        table.removeConnection(2);

        assertThat(table.recursiveWatchCount()).isZero();
        assertThat(fire("/a/x", NODE_CREATED)).isEmpty();
    }

    @Test
    void onlyNodeEventTypesCanBeTriggered() {
        assertThatThrownBy(() -> fire("/a", WatchEventType.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fire("/a", WatchEventType.DATA_WATCH_REMOVED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fire("a", NODE_CREATED)).isInstanceOf(IllegalArgumentException.class);
    }
}
