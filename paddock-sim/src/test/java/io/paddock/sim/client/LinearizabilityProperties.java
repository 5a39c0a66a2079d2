package io.paddock.sim.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class LinearizabilityProperties {

    @Property(tries = 300)
    void historiesFromARealConcurrentScheduleAreLinearizable(
            @ForAll @LongRange(min = 1, max = 1_000_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 3) int paths,
            @ForAll @IntRange(min = 1, max = 14) int opsPerPath,
            @ForAll @IntRange(min = 0, max = 3) int pendingTenths) {
        List<Operation> history = ConcurrentSchedules.linearizable(seed, paths, opsPerPath, pendingTenths / 10.0);
        assertThat(LinearizabilityChecker.check(history)).isEqualTo(Result.LINEARIZABLE);
    }

    @Property(tries = 300)
    void aReadOfAValueNeverWrittenIsCaught(
            @ForAll @LongRange(min = 1, max = 1_000_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 3) int paths,
            @ForAll @IntRange(min = 1, max = 14) int opsPerPath,
            @ForAll @IntRange(min = 0, max = 3) int pendingTenths) {
        List<Operation> history = new ArrayList<>(
                ConcurrentSchedules.linearizable(seed, paths, opsPerPath, pendingTenths / 10.0));
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            if (op.command() instanceof Command.GetData && !op.pending()) reads.add(i);
        }
        int at = reads.get(new Random(seed).nextInt(reads.size()));
        Operation forged = history.get(at).withOutcome(new Outcome.Read("never-written", 0));
        history.set(at, forged);

        Result result = LinearizabilityChecker.check(history);
        assertThat(result).isInstanceOfSatisfying(Result.NotLinearizable.class, not -> {
            assertThat(not.path()).isEqualTo(forged.path());
            assertThat(not.involved()).contains(forged);
        });
    }
}
