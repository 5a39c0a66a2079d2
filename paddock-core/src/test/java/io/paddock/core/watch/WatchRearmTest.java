package io.paddock.core.watch;

import static io.paddock.core.wire.WatchEventType.NODE_CHILDREN_CHANGED;
import static io.paddock.core.wire.WatchEventType.NODE_CREATED;
import static io.paddock.core.wire.WatchEventType.NODE_DATA_CHANGED;
import static io.paddock.core.wire.WatchEventType.NODE_DELETED;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.WatcherType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** setWatches / setWatches2 against relativeZxid, per DataTree.setWatches. */
class WatchRearmTest {
    private static final long RELATIVE = 100;
    /** /old changed at or before the client's zxid, /new after it; /gone does not exist. */
    private static final Map<String, NodeZxids> TREE = Map.of(
            "/old", new NodeZxids(100, 90),
            "/new", new NodeZxids(101, 150));

    private final WatchTable table = new WatchTable();

    @AfterEach
    void indexesAgree() {
        table.checkInvariants();
    }

    private List<WatchDelivery> rearm(List<String> data, List<String> exist, List<String> child,
                                      List<String> persistent, List<String> recursive) {
        var request = new ClientRequest.SetWatches(OpCode.SET_WATCHES2, RELATIVE, data, exist, child, persistent, recursive);
        return table.setWatches(7, request, TREE::get);
    }

    @Test
    void dataWatchFiresNodeDeletedWhenTheNodeIsGone() {
        assertThat(rearm(List.of("/gone"), List.of(), List.of(), List.of(), List.of()))
                .containsExactly(new WatchDelivery(7, NODE_DELETED, "/gone"));
        assertThat(table.watchCount()).isZero();
    }

    @Test
    void dataWatchFiresNodeDataChangedWhenMzxidIsAboveRelativeZxid() {
        assertThat(rearm(List.of("/new"), List.of(), List.of(), List.of(), List.of()))
                .containsExactly(new WatchDelivery(7, NODE_DATA_CHANGED, "/new"));
        assertThat(table.contains("/new", 7, WatcherType.DATA)).isFalse();
    }

    @Test
    void dataWatchIsReArmedWhenMzxidIsAtMostRelativeZxid() {
        assertThat(rearm(List.of("/old"), List.of(), List.of(), List.of(), List.of())).isEmpty();
        assertThat(table.contains("/old", 7, WatcherType.DATA)).isTrue();
    }

    @Test
    void existWatchFiresNodeCreatedWhenTheNodeNowExistsElseIsReArmedAsADataWatch() {
        assertThat(rearm(List.of(), List.of("/old", "/gone"), List.of(), List.of(), List.of()))
                .containsExactly(new WatchDelivery(7, NODE_CREATED, "/old"));
        assertThat(table.contains("/gone", 7, WatcherType.DATA)).isTrue();
        assertThat(table.contains("/old", 7, WatcherType.ANY)).isFalse();
    }

    @Test
    void childWatchFiresNodeDeletedOrNodeChildrenChangedByPzxidElseIsReArmed() {
        assertThat(rearm(List.of(), List.of(), List.of("/gone", "/new", "/old"), List.of(), List.of()))
                .containsExactly(new WatchDelivery(7, NODE_DELETED, "/gone"),
                        new WatchDelivery(7, NODE_CHILDREN_CHANGED, "/new"));
        assertThat(table.contains("/old", 7, WatcherType.CHILDREN)).isTrue();
        assertThat(table.contains("/new", 7, WatcherType.CHILDREN)).isFalse();
    }

    @Test
    void persistentWatchesAreReArmedWhateverTheTreeSays() {
        assertThat(rearm(List.of(), List.of(), List.of(), List.of("/gone", "/new"), List.of("/gone", "/old"))).isEmpty();
        assertThat(table.contains("/gone", 7, WatcherType.PERSISTENT)).isTrue();
        assertThat(table.contains("/new", 7, WatcherType.PERSISTENT)).isTrue();
        assertThat(table.contains("/gone", 7, WatcherType.PERSISTENT_RECURSIVE)).isTrue();
        assertThat(table.contains("/old", 7, WatcherType.PERSISTENT_RECURSIVE)).isTrue();
    }

    @Test
    void eventsComeInDataExistChildOrderWithoutDeduplication() {
        assertThat(rearm(List.of("/gone"), List.of("/new"), List.of("/gone"), List.of(), List.of()))
                .containsExactly(new WatchDelivery(7, NODE_DELETED, "/gone"),
                        new WatchDelivery(7, NODE_CREATED, "/new"),
                        new WatchDelivery(7, NODE_DELETED, "/gone"));
    }
}
