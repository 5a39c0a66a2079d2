package io.paddock.sim.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderUniquenessCheckerTest {
    private final Checker checker = new LeaderUniquenessChecker();

    @Test
    void oneLeaderPerEpochHolds() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void twoPeersEstablishedInOneEpochAreReported() {
        var history = new TraceBuilder()
                .at(10).leads(1, 3).established(1, 3, 0)
                .at(12).leads(2, 3).established(2, 3, 0)
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(12);
            assertThat(v.detail()).contains("epoch 3 has two leaders", "peer 1", "peer 2", "t=10ms");
        });
    }

    @Test
    void aLearnerSyncedWithAnotherLeaderOfAnEstablishedEpochIsReported() {
        var history = new TraceBuilder()
                .leads(1, 2).established(1, 2, 0)
                .follows(3, 2, 2).synced(3, 2, 2, 0)
                .build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString()
                .contains("epoch 2 has two leaders", "peer 3 synced with leader 2 in epoch 2");
    }

    @Test
    void establishedWhileNotLeadingIsReported() {
        var history = new TraceBuilder().follows(2, 1, 1).established(2, 1, 0).build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString().contains("peer 2", "while its role was FOLLOWING");
    }
}
