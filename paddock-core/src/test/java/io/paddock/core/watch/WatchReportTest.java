package io.paddock.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.WatchEventType;
import io.paddock.core.wire.WatcherType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** wchs / wchc / wchp read ZooKeeper's data watch manager only; mntr's watch_count adds both managers. */
class WatchReportTest {
    private final WatchTable table = new WatchTable();

    @AfterEach
    void indexesAgree() {
        table.checkInvariants();
    }

    @Test
    void emptyTableReportsNothing() {
        assertThat(table.summary()).isEqualTo(new WatchSummary(0, 0, 0));
        assertThat(table.watchCount()).isZero();
        assertThat(table.pathsByConnection()).isEmpty();
        assertThat(table.connectionsByPath()).isEmpty();
    }

    @Test
    void reportsListDataSideWatchesSorted() {
        table.add("/b", 2, WatchKind.DATA);
        table.add("/a", 2, WatchKind.PERSISTENT_RECURSIVE);
        table.add("/a", 1, WatchKind.PERSISTENT);

        assertThat(table.summary()).isEqualTo(new WatchSummary(2, 2, 3));
        assertThat(table.pathsByConnection()).isEqualTo(Map.of(1L, List.of("/a"), 2L, List.of("/a", "/b")));
        assertThat(table.pathsByConnection().firstKey()).isEqualTo(1L);
        assertThat(table.connectionsByPath()).isEqualTo(Map.of("/a", List.of(1L, 2L), "/b", List.of(2L)));
    }

    @Test
    void childOnlyWatchesAreInvisibleToFourLetterWordReportsButCountInWatchCount() {
        table.add("/a", 1, WatchKind.CHILD);

        assertThat(table.summary()).isEqualTo(new WatchSummary(0, 0, 0));
        assertThat(table.pathsByConnection()).isEmpty();
        assertThat(table.connectionsByPath()).isEmpty();
        assertThat(table.watchCount()).isEqualTo(1);
    }

    @Test
    void watchCountCountsAPersistentWatchInBothManagers() {
        table.add("/a", 1, WatchKind.PERSISTENT);
        table.add("/a", 1, WatchKind.DATA);
        table.add("/b", 1, WatchKind.PERSISTENT_RECURSIVE);

        assertThat(table.watchCount()).isEqualTo(3);
        assertThat(table.summary().watches()).isEqualTo(2);
    }

    @Test
    void aConnectionWhoseWatchesAllFiredStaysInWchsAndWchcWithNoPathsUntilItCloses() {
        table.add("/a", 1, WatchKind.DATA);
        table.trigger("/a", WatchEventType.NODE_DATA_CHANGED, c -> true);

        assertThat(table.summary()).isEqualTo(new WatchSummary(1, 0, 0));
        assertThat(table.pathsByConnection()).isEqualTo(Map.of(1L, List.of()));
        assertThat(table.connectionsByPath()).isEmpty();

        table.removeConnection(1);
        assertThat(table.summary()).isEqualTo(new WatchSummary(0, 0, 0));
    }

    @Test
    void aFiredConnectionThatWatchesAgainIsListedWithItsNewPaths() {
        table.add("/a", 1, WatchKind.DATA);
        table.trigger("/a", WatchEventType.NODE_DATA_CHANGED, c -> true);
        table.add("/b", 1, WatchKind.DATA);

        assertThat(table.summary()).isEqualTo(new WatchSummary(1, 1, 1));
        assertThat(table.pathsByConnection()).isEqualTo(Map.of(1L, List.of("/b")));
    }

    @Test
    void removeWatchesOfTheLastDataSideWatchDropsTheConnectionFromWchs() {
        table.add("/a", 1, WatchKind.DATA);
        table.remove("/a", 1, WatcherType.DATA);

        assertThat(table.summary()).isEqualTo(new WatchSummary(0, 0, 0));
        assertThat(table.pathsByConnection()).isEmpty();
    }
}
