package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.C;
import static io.paddock.sim.check.Traces.D;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobalPrimaryOrderCheckerTest {
    private final Checker checker = new GlobalPrimaryOrderChecker();

    @Test
    void epochsDeliveredInOrderHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void aLowerEpochAfterAHigherIsReported() {
        var history = new TraceBuilder().delivers(2, A, D, C).build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .isEqualTo("peer 2 delivered 0x100000003 of epoch 1 after delivering 0x200000001 of epoch 2; "
                        + "every txn of a lower epoch must come first");
    }

    @Test
    void aLowerEpochAfterASnapshotOfAHigherIsReported() {
        var history = new TraceBuilder().snapshots(3, D.zxid()).delivers(3, C).build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("after its snapshot at 0x200000001 of epoch 2");
    }
}
