package io.paddock.compat.differential;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random op sequences from three clients, each replayed against Apache ZooKeeper and the candidate
 * (Paddock, or a second Apache ZooKeeper when only "zookeeper" is selected). Replay one seed with
 * {@code -Dcompat.diff.seed=N}; change the count with {@code -Dcompat.diff.seeds}.
 */
class RandomDifferentialTest {
    private static final int STEPS = 60;

    @TestFactory
    Stream<DynamicTest> randomScriptsMatchApacheZooKeeper() {
        String only = System.getProperty("compat.diff.seed");
        LongStream seeds = only != null
                ? LongStream.of(Long.parseLong(only))
                : LongStream.rangeClosed(1, Long.getLong("compat.diff.seeds", 20));
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest(
                "[" + DifferentialHarness.candidate() + "] seed " + seed,
                () -> {
                    List<Step> script = RandomScripts.generate(seed, STEPS);
                    DifferentialHarness.compare("seed " + seed + " (replay with -Dcompat.diff.seed=" + seed + ")",
                            script, RandomScripts.CLIENTS);
                }));
    }
}
