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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The correctness argument of fuzzy snapshots: whatever the tree did while the cursor walked it, restoring
 * the snapshot and replaying every txn after the cursor's start zxid gives exactly the live tree, down to the
 * raw cversion and pzxid of every node, the ephemeral/container/TTL indexes and the session table.
 */
class FuzzySnapshotProperties {

    /** Between slices of the walk, the server keeps applying requests. */
    sealed interface Step permits Slice, Apply {
    }

    record Slice(int max) implements Step {
        @Override
        public String toString() {
            return "slice(" + max + ")";
        }
    }

    record Apply(Op op) implements Step {
        @Override
        public String toString() {
            return op.toString();
        }
    }

    @Provide
    Arbitrary<Op> op() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 6)).as(Op::new);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return op().list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Step>> interleaving() {
        Arbitrary<Step> slice = Arbitraries.integers().between(1, 4).map(Slice::new);
        Arbitrary<Step> apply = op().map(Apply::new);
        return Arbitraries.frequencyOf(Tuple.of(1, slice), Tuple.of(2, apply)).list().ofMaxSize(80);
    }

    @Property(tries = 400)
    @StatisticsReport(format = Histogram.class)
    void snapshotPlusReplayEqualsTheLiveTree(@ForAll("ops") List<Op> before, @ForAll("interleaving") List<Step> during,
                                             @ForAll("ops") List<Op> after) throws Exception {
        PeerHarness harness = new PeerHarness();
        before.forEach(harness::apply);

        MemoryFileSystem fs = new MemoryFileSystem();
        Peer.SnapshotStart start = harness.peer().startSnapshot();
        TreeSnapshotCursor cursor = start.cursor();
        Path file;
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, Path.of("/snap"), cursor.startZxid(), start.sessionTimeouts())) {
            for (Step step : during) {
                switch (step) {
                    case Slice s -> writer.write(cursor.next(s.max()));
                    case Apply a -> harness.apply(a.op());
                }
            }
            while (!cursor.done()) {
                writer.write(cursor.next(2));
            }
            file = writer.finish();
        }
        SnapshotFile.Snapshot snapshot = SnapshotFile.read(fs, file);
        boolean fuzzy = !TreeState.of(snapshot.restore().tree()).nodes().equals(TreeState.of(harness.tree()).nodes());
        Statistics.label("snapshot differs from the tree it finished on").collect(fuzzy);
        after.forEach(harness::apply);

        RecoveredState recovered = snapshot.restore();
        for (LoggedTxn txn : harness.logAfter(snapshot.zxid())) {
            recovered.replay(txn.header(), txn.txn());
        }

        assertThat(TreeState.of(recovered.tree())).isEqualTo(TreeState.of(harness.tree()));
        assertThat(TreeState.reachable(recovered.tree())).as("no orphaned node").isEqualTo(recovered.tree().nodeCount());
        assertThat(recovered.sessionTimeouts()).isEqualTo(harness.peer().sessionTimeouts());
        Statistics.label("snapshot differs from the tree it finished on")
                .coverage(c -> c.check(true).percentage(p -> p >= 20));
    }
}
