package io.paddock.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.node.Peer;
import io.paddock.core.node.RecoveredState;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.testing.MemoryFileSystem;
import io.paddock.storage.testing.PeerHarness;
import io.paddock.storage.testing.PeerHarness.Kind;
import io.paddock.storage.testing.PeerHarness.Op;
import io.paddock.storage.testing.TreeState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fuzzy-snapshot interleavings worth naming, each checked the way the property checks random ones. */
class FuzzySnapshotExamplesTest {

    /** Applies {@code during} after the cursor visited {@code visitedFirst} nodes, then finishes the walk. */
    private static void assertConverges(List<Op> before, int visitedFirst, List<Op> during) throws Exception {
        PeerHarness harness = new PeerHarness();
        before.forEach(harness::apply);
        MemoryFileSystem fs = new MemoryFileSystem();
        Peer.SnapshotStart start = harness.peer().startSnapshot();
        TreeSnapshotCursor cursor = start.cursor();
        Path file;
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, Path.of("/snap"), cursor.startZxid(), start.sessionTimeouts())) {
            writer.write(cursor.next(visitedFirst));
            during.forEach(harness::apply);
            while (!cursor.done()) {
                writer.write(cursor.next(1));
            }
            file = writer.finish();
        }
        RecoveredState recovered = SnapshotFile.read(fs, file).restore();
        for (LoggedTxn txn : harness.logAfter(cursor.startZxid())) {
            recovered.replay(txn.header(), txn.txn());
        }
        assertThat(TreeState.of(recovered.tree())).isEqualTo(TreeState.of(harness.tree()));
        assertThat(TreeState.reachable(recovered.tree())).as("no orphaned node").isEqualTo(recovered.tree().nodeCount());
        assertThat(recovered.sessionTimeouts()).isEqualTo(harness.peer().sessionTimeouts());
    }

    private static Op op(Kind kind, int target, int name, int flavor) {
        return new Op(kind, target, name, flavor);
    }

    @Test
    void childCreatedUnderAVisitedParentIsRestoredByReplay() throws Exception {
        // /n0 exists; the walk passes / and /n0; then /n0/n1 and /n2 appear: the snapshot misses both.
        assertConverges(List.of(op(Kind.CREATE, 0, 0, 1)), 3,
                List.of(op(Kind.CREATE, 1, 1, 1), op(Kind.CREATE, 0, 2, 1), op(Kind.SET_DATA, 1, 0, 5)));
    }

    @Test
    void nodeDeletedBeforeTheWalkReachesItIsRemovedByReplay() throws Exception {
        assertConverges(List.of(op(Kind.CREATE, 0, 0, 1), op(Kind.CREATE, 1, 1, 1)), 1,
                List.of(op(Kind.DELETE, 0, 0, 1), op(Kind.DELETE, 0, 0, 1)));
    }

    @Test
    void sessionClosedDuringTheWalkTakesItsEphemeralsAndLeavesTheTable() throws Exception {
        assertConverges(List.of(op(Kind.CREATE_EPHEMERAL, 0, 0, 0), op(Kind.CREATE_EPHEMERAL, 0, 1, 0)), 2,
                List.of(op(Kind.CLOSE_SESSION, 0, 0, 0), op(Kind.CREATE_EPHEMERAL, 0, 2, 0)));
    }

    @Test
    void sequentialCountersSurvive() throws Exception {
        assertConverges(List.of(op(Kind.CREATE_SEQUENTIAL, 0, 0, 0), op(Kind.CREATE_SEQUENTIAL, 0, 0, 0)), 1,
                List.of(op(Kind.DELETE, 0, 0, 0), op(Kind.CREATE_SEQUENTIAL, 0, 0, 0), op(Kind.CREATE_SEQUENTIAL, 0, 0, 1)));
    }

    /**
     * The property's first minimal counterexample (create2 variant), fixed in core by the cursor leaving out
     * nodes created after the walk began. /n0 exists when the walk starts; before the walk reads / it is
     * deleted, re-created and given a child /n0/n0. Had the walk recorded the new /n0 and /n0/n0, replaying
     * "delete /n0" would orphan /n0/n0 and "create /n0/n0" would then answer NodeExists without linking it.
     */
    @Test
    void deleteThenRecreateWithAChildBeforeTheWalkReachesIt_create2() throws Exception {
        assertConverges(List.of(op(Kind.CREATE, 0, 0, 0)), 0,
                List.of(op(Kind.DELETE, 0, 0, 0), op(Kind.CREATE, 0, 0, 0), op(Kind.CREATE, 1, 0, 0)));
    }

    /** The same with plain create, whose NodeExists replay rule also moves the parent's cversion and pzxid. */
    @Test
    void deleteThenRecreateWithAChildBeforeTheWalkReachesIt_create() throws Exception {
        assertConverges(List.of(op(Kind.CREATE, 0, 0, 1)), 0,
                List.of(op(Kind.DELETE, 0, 0, 1), op(Kind.CREATE, 0, 0, 1), op(Kind.CREATE, 1, 0, 1)));
    }
}
