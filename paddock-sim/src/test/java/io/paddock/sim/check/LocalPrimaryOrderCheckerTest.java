package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPrimaryOrderCheckerTest {
    private final Checker checker = new LocalPrimaryOrderChecker();

    @Test
    void deliveringALeadersProposalsInItsOrderHolds() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void skippingAnEarlierProposalIsReported() {
        var history = new TraceBuilder().leads(1, 1).logs(1, A, B, C)
                .at(4).delivers(2, A, C)
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(4);
            assertThat(v.detail()).contains("peer 2 delivered " + C.id(), "without having delivered " + B.id(),
                    "leader 1 proposed just before it in epoch 1");
        });
    }

    @Test
    void aProposalCoveredByTheSnapshotCountsAsDelivered() {
        var history = new TraceBuilder().leads(1, 1).logs(1, A, B, C)
                .snapshots(2, B.zxid()).delivers(2, C)
                .build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void aRestartForgetsWhatTheSnapshotDoesNotCover() {
        var history = new TraceBuilder().leads(1, 1).logs(1, A, B, C)
                .delivers(2, A, B).crashes(2).restarts(2, A.zxid()).delivers(2, C)
                .build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString().contains("without having delivered " + B.id());
    }
}
