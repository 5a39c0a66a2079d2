package io.paddock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.sim.testing.ToyReplica;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimRunnerTest {
    @Test
    void runsEverySeedOnceSideBySideAndKeepsTheFailuresBySeed() {
        SimOptions options = SimOptions.defaults(ToyReplica.throwingAfter(50), List.of()).withPhases(10_000, 5_000);
        List<SimRunner.Progress> progress = new ArrayList<>();
        List<Long> failedAsTheyCame = new ArrayList<>();

        SimRunner.Summary summary = SimRunner.run(5, 6, options, 3, progress::add, r -> failedAsTheyCame.add(r.seed()));

        assertThat(summary.runs()).isEqualTo(6);
        assertThat(progress).hasSize(6).last().satisfies(p -> {
            assertThat(p.done()).isEqualTo(6);
            assertThat(p.failures()).isEqualTo(6);
        });
        assertThat(summary.failures()).extracting(SimResult::seed).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(failedAsTheyCame).containsExactlyInAnyOrder(5L, 6L, 7L, 8L, 9L, 10L);
        SimResult alone = Simulation.run(8, options);
        assertThat(summary.failures().get(3).stats()).as("a run beside others is the run alone").isEqualTo(alone.stats());
        assertThat(summary.failures().get(3).trace().tail(50)).isEqualTo(alone.trace().tail(50));
    }
}
