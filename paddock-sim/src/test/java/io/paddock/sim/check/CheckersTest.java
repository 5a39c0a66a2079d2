package io.paddock.sim.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckersTest {

    @Test
    void aHealthyRunWithElectionsCrashesAndEverySyncKindBreaksNoSafetyProperty() {
        assertThat(Checkers.check(Checkers.safety(), Traces.healthy())).isEmpty();
    }

    @Test
    void safetyHasOneCheckerPerPropertyUnderDistinctNames() {
        assertThat(Checkers.safety()).extracting(Checker::property).doesNotHaveDuplicates().hasSize(13);
    }

    @Test
    void aViolationReadsAsPropertyTimeAndDetail() {
        assertThat(new Violation("agreement", 42, "peer 2 delivered ...").toString())
                .isEqualTo("agreement violated at t=42ms: peer 2 delivered ...");
    }
}
