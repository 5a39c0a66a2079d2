package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegrityCheckerTest {
    private final Checker checker = new IntegrityChecker();

    @Test
    void deliveringOnlyWhatALeaderProposedHolds() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void aTxnNobodyLoggedIsReportedOnce() {
        Tx invented = Tx.write(A.zxid(), 0x77, 9, "invented");
        var history = new TraceBuilder().leads(1, 1).logs(1, A)
                .at(5).delivers(2, invented).delivers(3, invented)
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(5);
            assertThat(v.detail()).contains("peer 2 delivered 0x100000001#", "session 0x77 cxid 9",
                    "no LEADING peer ever logged");
        });
    }

    @Test
    void aTxnOnlyAFollowerLoggedIsReportedNamingIt() {
        var history = new TraceBuilder().follows(2, 1, 1).logs(2, A).delivers(2, A).build();
        assertThat(checker.check(history)).singleElement()
                .extracting(Violation::detail).asString().contains("only peer 2 logged it, while not LEADING");
    }
}
