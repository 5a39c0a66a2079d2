package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TotalOrderCheckerTest {
    private final Checker checker = new TotalOrderChecker();

    @Test
    void deliveriesInZxidOrderHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void deliveringBackwardsIsReported() {
        var history = new TraceBuilder().delivers(1, A, B).delivers(2, B, A).build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString()
                .isEqualTo("peer 2 delivered 0x100000001 after it delivered 0x100000002; "
                        + "deliveries must follow increasing zxid order");
    }

    @Test
    void deliveringTwiceIsReported() {
        var history = new TraceBuilder().delivers(1, A, A).build();
        assertThat(checker.check(history)).hasSize(1);
    }

    @Test
    void deliveringBelowTheSnapshotARestartLoadedIsReported() {
        var history = new TraceBuilder().delivers(1, A, B, C).crashes(1).restarts(1, B.zxid()).delivers(1, B).build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString().contains("anchored at snapshot 0x100000002");
    }
}
