package io.paddock.sim.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LivenessCheckerTest {
    private static final long LEADER_BOUND = 500;
    private static final long SETTLE = 100;
    private static final long WRITE_BOUND = 200;

    private final Checker checker = new LivenessChecker(LEADER_BOUND, SETTLE, WRITE_BOUND);

    private static final Tx WRITE = Tx.write(Tx.z(2, 1), 0x42, 7, "w");

    /** Faults heal at 1000; 2 leads epoch 2 from 1200; a write at 1400 is delivered at 1450. */
    private static TraceBuilder recovered() {
        return new TraceBuilder()
                .at(0).leads(1, 1).follows(2, 1, 1).follows(3, 1, 1).established(1, 1, 0)
                .at(300).fault(1, "partitioned from 2 and 3").looks(2).looks(3)
                .at(1000).healed()
                .at(1100).leads(2, 2).follows(3, 2, 2)
                .at(1150).looks(1).follows(1, 2, 2)
                .at(1200).established(2, 2, 0)
                .at(1400).submits(3, 0x42, 7)
                .at(1450).logs(2, WRITE).delivers(2, WRITE)
                .at(2000).delivers(3, WRITE);
    }

    @Test
    void aLeaderInTimeWritesDeliveredAndNoElectionHold() {
        assertThat(checker.check(recovered().build())).isEmpty();
    }

    @Test
    void aRunWithoutHealIsNotJudged() {
        var history = new TraceBuilder().at(0).fault(1, "crash").at(5000).looks(1).submits(1, 1, 1).build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void noLeaderWithinTheBoundIsReported() {
        var history = new TraceBuilder()
                .at(0).leads(1, 1).established(1, 1, 0)
                .at(100).crashes(1)
                .at(1000).healed()
                .at(1400).leads(2, 2)
                .at(1600).established(2, 2, 0)
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(1500);
            assertThat(v.detail()).isEqualTo("no leader was established and standing 500ms after faults healed at t=1000ms");
        });
    }

    @Test
    void aRunEndingBeforeTheLeaderBoundIsNotJudged() {
        var history = new TraceBuilder().at(0).fault(1, "crash").at(1000).healed().at(1200).looks(2).build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void aLeaderStandingSinceBeforeTheHealCounts() {
        var history = new TraceBuilder()
                .at(0).leads(1, 1).follows(2, 1, 1).established(1, 1, 0)
                .at(200).fault(3, "crash").crashes(3)
                .at(400).restarts(3, 0).looks(3).follows(3, 1, 1)
                .at(500).healed()
                .at(2000).looks(2)
                .build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .isEqualTo("peer 2 went from FOLLOWING to LOOKING after leader 1 of epoch 1 was established (t=0ms)"
                        + " and faults had healed: a needless election");
    }

    @Test
    void aWriteNotDeliveredAtTheLeaderInTimeIsReported() {
        var history = recovered()
                .at(1500).submits(1, 0x43, 1).submits(1, 0x43, 2)
                .at(1750).delivers(2, Tx.write(Tx.z(2, 2), 0x43, 2, "late"))   // 50ms too late
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
                    assertThat(v.time()).isEqualTo(1700);
                    assertThat(v.detail()).isEqualTo("2 write(s) submitted after the cluster settled (t=1300ms) were"
                            + " not delivered at leader 2 within 200ms: session 0x43 cxid 1 at peer 1 (t=1500ms),"
                            + " session 0x43 cxid 2 at peer 1 (t=1500ms)");
                });
    }

    @Test
    void writesBeforeTheClusterSettledOrTooCloseToTheEndAreNotJudged() {
        var history = recovered()
                .at(1250).submits(1, 0x50, 1)   // before 1200 + settle
                .at(1900).submits(1, 0x50, 2)   // 1900 + 200 is after the run's end at 2000
                .build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void aLookingAfterTheClusterSettledIsANeedlessElection() {
        var history = recovered().at(1800).looks(3).build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(1800);
            assertThat(v.detail()).contains("peer 3 went from FOLLOWING to LOOKING", "leader 2 of epoch 2");
        });
    }

    @Test
    void aRestartedPeerStartingLookingIsNoElection() {
        var history = recovered().at(1800).crashes(3).restarts(3, 0).looks(3).follows(3, 2, 2).build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void negativeBoundsAreRefused() {
        assertThatThrownBy(() -> new LivenessChecker(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
