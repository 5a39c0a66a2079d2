package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncedHistoryCheckerTest {
    private final Checker checker = new SyncedHistoryChecker();

    @Test
    void learnersSyncedToAPrefixOfTheLeadersHistoryHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void aLearnerKeepingATxnTheLeaderLacksIsReported() {
        // 1 kept C (never committed); the new leader 2 lacks it, and 1 was not truncated before UPTODATE
        var history = Traces.epochOne()
                .at(50).leads(2, 2).follows(1, 2, 2).established(2, 2, B.zxid())
                .at(52).synced(1, 2, 2, C.zxid())
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(52);
            assertThat(v.detail()).isEqualTo("peer 1 synced with leader 2 in epoch 2 but its history (0x0, 0x100000003]"
                    + " differs from the leader's in 1 entry: learner has " + C.id() + ", leader has nothing there");
        });
    }

    @Test
    void aLearnerMissingATxnOfTheLeaderIsReported() {
        // 3 never got B but got D: a hole in its history
        Tx d = Tx.at(2, 1);
        var history = Traces.epochOne()
                .at(50).crashes(1).leads(2, 2).follows(3, 2, 2).established(2, 2, B.zxid())
                .logs(2, d).logs(3, d)
                .synced(3, 2, 2, d.zxid())
                .build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("learner lacks " + B.id());
    }

    @Test
    void aLearnerWithALongerDifferentHistoryAfterASnapIsReported() {
        Tx forged = Tx.of(B.zxid(), "forged");
        var history = new TraceBuilder().leads(1, 1).logs(1, A, B).follows(2, 1, 1)
                .snapshots(2, A.zxid()).logs(2, forged).synced(2, 1, 1, B.zxid())
                .build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("learner has " + forged.id() + ", leader has " + B.id());
    }
}
