package io.paddock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI gate: {@code -Dsim.seeds=N} seeded runs (default 2000) of the real replica with every fault kind and every
 * checker; any failure is listed with its seed (replay it with {@code paddock sim --seed S --trace}).
 */
class SimulationSeedsTest {
    private static final long SEEDS = Long.getLong("sim.seeds", 2000);
    private static final long FIRST = Long.getLong("sim.first", 1);

    @Test
    void everySeedPassesEveryChecker() {
        SimOptions options = SimDefaults.options();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        SimRunner.Summary summary = SimRunner.run(FIRST, SEEDS, options, threads, p -> { }, r -> { });

        List<String> report = new ArrayList<>();
        for (SimResult failed : summary.failures()) {
            report.add("seed " + failed.seed() + " (" + failed.ensemble() + "): " + String.join("; ", failed.problems()));
        }
        assertThat(report).as("failing seeds (replay: paddock sim --seed S --trace); first failure's trace tail:%n%s",
                summary.failures().isEmpty() ? "" : String.join("\n", summary.failures().getFirst().trace().tail(200)))
                .isEmpty();
        assertThat(summary.runs()).isEqualTo(SEEDS);
    }
}
