package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommittedTruncationCheckerTest {
    private final Checker checker = new CommittedTruncationChecker();

    @Test
    void truncatingOnlyUncommittedTxnsHolds() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void truncatingACommittedTxnIsReported() {
        var history = Traces.epochOne().at(45).truncates(2, A.zxid()).build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(45);
            assertThat(v.detail()).isEqualTo("peer 2's TruncateLog(0x100000001) dropped 1 committed txn(s) from its log: "
                    + B.id());
        });
    }

    @Test
    void aSnapshotDroppingACommittedTxnIsReported() {
        var history = Traces.epochOne().follows(2, 1, 1).snapshots(2, A.zxid()).build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("PersistSnapshot(0x100000001)", B.id().toString());
    }

    @Test
    void aTxnCommittedByEstablishmentCountsAsCommitted() {
        var history = new TraceBuilder().leads(1, 1).logs(1, A, B, C).established(1, 1, B.zxid())
                .truncates(1, A.zxid()).build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("dropped 1 committed txn(s)", B.id().toString());
    }
}
