package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgreementCheckerTest {
    private final Checker checker = new AgreementChecker();

    @Test
    void oneTxnPerDeliveredZxidHolds() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void twoTxnsDeliveredAtOneZxidAreReportedNamingBothPeers() {
        Tx forged = Tx.of(B.zxid(), "forged");
        var history = new TraceBuilder()
                .at(3).delivers(1, A, B)
                .at(8).delivers(2, A, forged).delivers(3, A, forged)
                .build();
        assertThat(checker.check(history)).hasSize(2).first().satisfies(v -> {
            assertThat(v.time()).isEqualTo(8);
            assertThat(v.detail()).contains("peer 2 delivered " + forged.id(), "peer 1 delivered a different txn "
                    + B.id(), "t=3ms");
        });
    }
}
