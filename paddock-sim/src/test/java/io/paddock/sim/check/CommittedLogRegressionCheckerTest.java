package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommittedLogRegressionCheckerTest {
    private final Checker checker = new CommittedLogRegressionChecker();

    @Test
    void leadersThatKeepTheCommittedLogHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void anEstablishmentBehindTheCommittedLogIsReported() {
        var history = Traces.epochOne().at(50).crashes(1).leads(2, 2).at(51).established(2, 2, A.zxid()).build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(51);
            assertThat(v.detail()).isEqualTo("peer 2 (established in epoch 2 with lastZxid 0x100000001) is behind the"
                    + " committed log: " + B.id() + " was already committed");
        });
    }

    @Test
    void aLeaderHoldingSomethingElseAtTheCommittedFrontierIsReported() {
        Tx forged = Tx.of(B.zxid(), "forged");
        var history = Traces.epochOne().at(50).crashes(1).leads(3, 2).logs(3, forged)
                .established(3, 2, B.zxid()).build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("lacks the highest committed txn " + B.id(), "its history holds " + forged.id());
    }

    @Test
    void anEpochEstablishedAfterAHigherOneIsReported() {
        var history = new TraceBuilder()
                .leads(1, 3).established(1, 3, 0)
                .at(9).leads(2, 2).established(2, 2, 0)
                .build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains("peer 2 (established in epoch 2", "after peer 1 was established in the higher epoch 3");
    }
}
