package io.paddock.core.watch;

import static io.paddock.core.wire.WatcherType.ANY;
import static io.paddock.core.wire.WatcherType.CHILDREN;
import static io.paddock.core.wire.WatcherType.DATA;
import static io.paddock.core.wire.WatcherType.PERSISTENT;
import static io.paddock.core.wire.WatcherType.PERSISTENT_RECURSIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.wire.WatchEventType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** checkWatches, removeWatches, addWatch and connection close, per DataTree.containsWatcher/removeWatch. */
class WatchQueryTest {
    private final WatchTable table = new WatchTable();

    @AfterEach
    void indexesAgree() {
        table.checkInvariants();
    }

    @Test
    void checkWatchesAsksForExactlyTheKindEachWatcherTypeNames() {
        Map<WatchKind, Map<Integer, Boolean>> expected = Map.of(
                WatchKind.DATA, Map.of(CHILDREN, false, DATA, true, ANY, true, PERSISTENT, false, PERSISTENT_RECURSIVE, false),
                WatchKind.CHILD, Map.of(CHILDREN, true, DATA, false, ANY, true, PERSISTENT, false, PERSISTENT_RECURSIVE, false),
                WatchKind.PERSISTENT, Map.of(CHILDREN, false, DATA, false, ANY, true, PERSISTENT, true, PERSISTENT_RECURSIVE, false),
                WatchKind.PERSISTENT_RECURSIVE, Map.of(CHILDREN, false, DATA, false, ANY, true, PERSISTENT, false, PERSISTENT_RECURSIVE, true));
        expected.forEach((kind, answers) -> {
            WatchTable one = new WatchTable();
            one.add("/p", 1, kind);
            answers.forEach((type, contained) ->
                    assertThat(one.contains("/p", 1, type)).as("%s asked as %d", kind, type).isEqualTo(contained));
        });
    }

    @Test
    void checkWatchesLooksAtTheExactPathAndConnectionOnly() {
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(table.contains("/a/b", 1, ANY)).isFalse();
        assertThat(table.contains("/a", 2, ANY)).isFalse();
    }

    @Test
    void removeWatchesOfOneTypeLeavesTheOtherKinds() {
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 1, WatchKind.CHILD);
        table.add("/a", 1, WatchKind.PERSISTENT);

        assertThat(table.remove("/a", 1, DATA)).isTrue();

        assertThat(table.contains("/a", 1, DATA)).isFalse();
        assertThat(table.contains("/a", 1, CHILDREN)).isTrue();
        assertThat(table.contains("/a", 1, PERSISTENT)).isTrue();
    }

    @Test
    void removeWatchesAnswersFalseWhenNothingOfThatTypeIsThereSoTheServerSaysNoWatcher() {
        table.add("/a", 1, WatchKind.CHILD);

        assertThat(table.remove("/a", 1, DATA)).isFalse();
        assertThat(table.remove("/a", 1, PERSISTENT)).isFalse();
        assertThat(table.remove("/a", 2, ANY)).isFalse();
        assertThat(table.remove("/b", 1, ANY)).isFalse();
        assertThat(table.contains("/a", 1, CHILDREN)).isTrue();
    }

    @Test
    void removeWatchesAnyDropsEveryKindIncludingPersistentAndRecursive() {
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 1, WatchKind.CHILD);
        table.add("/a", 1, WatchKind.PERSISTENT);
        table.add("/a", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(table.remove("/a", 1, ANY)).isTrue();

        assertThat(table.contains("/a", 1, ANY)).isFalse();
        assertThat(table.watchCount()).isZero();
        assertThat(table.trigger("/a/b", WatchEventType.NODE_CREATED, c -> true)).isEmpty();
    }

    @Test
    void removeWatchesPersistentStopsBothItsDataAndChildEvents() {
        table.add("/a", 1, WatchKind.PERSISTENT);

        assertThat(table.remove("/a", 1, PERSISTENT)).isTrue();

        assertThat(table.trigger("/a", WatchEventType.NODE_DATA_CHANGED, c -> true)).isEmpty();
        assertThat(table.trigger("/a", WatchEventType.NODE_CHILDREN_CHANGED, c -> true)).isEmpty();
    }

    @Test
    void removeWatchesOfOneConnectionLeavesOtherConnections() {
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 2, WatchKind.DATA);

        table.remove("/a", 1, ANY);

        assertThat(table.contains("/a", 2, DATA)).isTrue();
    }

    @Test
    void addingTheSameWatchTwiceRegistersOneWatch() {
        assertThat(table.add("/a", 1, WatchKind.DATA)).isTrue();
        assertThat(table.add("/a", 1, WatchKind.DATA)).isFalse();

        assertThat(table.watchCount()).isEqualTo(1);
        assertThat(table.trigger("/a", WatchEventType.NODE_DATA_CHANGED, c -> true)).hasSize(1);
    }

    @Test
    void addWatchModesMapToPersistentKinds() {
        assertThat(WatchKind.fromAddWatchMode(0)).isEqualTo(WatchKind.PERSISTENT);
        assertThat(WatchKind.fromAddWatchMode(1)).isEqualTo(WatchKind.PERSISTENT_RECURSIVE);
        assertThatThrownBy(() -> WatchKind.fromAddWatchMode(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownWatcherTypesAreRejected() {
        assertThatThrownBy(() -> table.contains("/a", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.remove("/a", 1, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingAConnectionForgetsAllItsWatchesAndNoOneElses() {
        table.add("/a", 1, WatchKind.DATA);
        table.add("/a", 1, WatchKind.CHILD);
        table.add("/b", 1, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a", 2, WatchKind.DATA);

        table.removeConnection(1);

        assertThat(table.contains("/a", 1, ANY)).isFalse();
        assertThat(table.contains("/b", 1, ANY)).isFalse();
        assertThat(table.recursiveWatchCount()).isZero();
        assertThat(table.trigger("/a", WatchEventType.NODE_DELETED, c -> true))
                .containsExactly(new WatchDelivery(2, WatchEventType.NODE_DELETED, "/a"));
    }

    @Test
    void closingAConnectionWithoutWatchesIsHarmless() {
        table.add("/a", 2, WatchKind.DATA);

        table.removeConnection(1);

        assertThat(table.watchCount()).isEqualTo(1);
    }
}
