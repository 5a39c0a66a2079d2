package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrimaryIntegrityCheckerTest {
    private final Checker checker = new PrimaryIntegrityChecker();

    @Test
    void aNewLeaderHoldingEveryCommittedTxnHolds() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void aNewLeaderMissingACommittedTxnIsReported() {
        // 3 never got B, yet it is established in epoch 2 although 1 and 2 delivered B
        var history = Traces.epochOne()
                .at(50).crashes(1).leads(3, 2).follows(2, 3, 2)
                .at(55).established(3, 2, A.zxid())
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(55);
            assertThat(v.detail()).isEqualTo("peer 3 was established in epoch 2 without 1 committed txn(s) of earlier"
                    + " epochs in its history: " + B.id() + " (absent)");
        });
    }

    @Test
    void aNewLeaderHoldingADifferentTxnAtACommittedZxidIsReported() {
        Tx forged = Tx.of(B.zxid(), "forged");
        var history = Traces.epochOne()
                .at(50).crashes(1).leads(3, 2).logs(3, forged)
                .established(3, 2, B.zxid())
                .build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains(B.id() + " (it holds " + forged.id() + ")");
    }

    @Test
    void txnsCommittedByAnEarlierEstablishmentCount() {
        // leader 1 of epoch 1 is established over a history nobody delivered yet; leader 3 of epoch 2 lacks it
        var history = new TraceBuilder()
                .leads(1, 1).logs(1, A).established(1, 1, A.zxid())
                .crashes(1).leads(3, 2).established(3, 2, 0)
                .build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .contains(A.id() + " (absent)");
    }
}
