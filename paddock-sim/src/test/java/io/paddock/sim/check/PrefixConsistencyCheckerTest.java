package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static io.paddock.sim.check.Traces.D;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixConsistencyCheckerTest {
    private final Checker checker = new PrefixConsistencyChecker();

    @Test
    void deliveredLogsThatArePrefixesOfEachOtherHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void aPeerThatSkipsATxnOthersDeliveredIsReportedOnce() {
        var history = new TraceBuilder()
                .delivers(1, A, B, C)
                .at(7).delivers(2, A, C, D)
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(7);
            assertThat(v.detail()).contains("peer 2 delivered 0x100000003", "after 0x100000001", "peer 1 delivered 0x100000002");
        });
    }

    @Test
    void twoDifferentTxnsAtTheSamePlaceAreReported() {
        Tx other = Tx.of(B.zxid(), "forged");
        var history = new TraceBuilder().delivers(1, A, B).delivers(2, A, other).build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString().contains("peer 2", "peer 1", "0x100000002#");
    }

    @Test
    void aRestartedPeerContinuesAfterItsSnapshot() {
        var history = new TraceBuilder()
                .delivers(1, A, B, C).delivers(2, A)
                .crashes(2).restarts(2, A.zxid())
                .delivers(2, B, C)
                .build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void aPeerDivergingAfterASnapSyncIsReported() {
        var history = new TraceBuilder()
                .delivers(1, A, B, C)
                .snapshots(2, A.zxid())
                .delivers(2, C)
                .build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString().contains("peer 2 delivered 0x100000003", "after 0x100000001");
    }
}
