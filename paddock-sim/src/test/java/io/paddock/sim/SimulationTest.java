package io.paddock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.check.Checker;
import io.paddock.sim.check.Violation;
import io.paddock.sim.history.Observation;
import io.paddock.sim.testing.ToyReplica;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator around a stand-in replica: whole runs, determinism, failures and checkers. */
class SimulationTest {
    private static SimOptions toy() {
        return SimOptions.defaults(ToyReplica.factory(), List.of()).withPhases(20_000, 10_000);
    }

    @Test
    void theSameSeedReplaysTheSameRunLineForLine() {
        SimOptions options = toy().withTraceCapacity(0);

        SimResult first = Simulation.run(42, options);
        SimResult again = Simulation.run(42, options);
        SimResult other = Simulation.run(43, options);

        assertThat(first.ok()).as(String.join("\n", first.problems())).isTrue();
        assertThat(first.trace().total()).isGreaterThan(1_000);
        assertThat(again.trace().all()).isEqualTo(first.trace().all());
        assertThat(again.history()).hasSameSizeAs(first.history());
        assertThat(again.stats()).isEqualTo(first.stats());
        assertThat(other.trace().all()).isNotEqualTo(first.trace().all());
    }

    @Test
    void aRunWithEveryFaultKindCrashesRestartsAndStillDeliversWhatWasDurable() {
        SimResult r = Simulation.run(7, toy().withEnsemble(5, 1));

        assertThat(r.ok()).as(String.join("\n", r.problems())).isTrue();
        assertThat(r.ensemble()).isEqualTo("5 voters + 1 observer");
        assertThat(r.stats().crashes()).isPositive();
        assertThat(r.stats().writes()).isGreaterThan(100);
        assertThat(r.stats().commits()).as("distinct zxids: each toy server counts its own from 1").isGreaterThan(20);
        assertThat(r.stats().snapshots()).isPositive();
        List<Observation> h = r.history();
        assertThat(h).anyMatch(o -> o instanceof Observation.Crashed);
        assertThat(h).anyMatch(o -> o instanceof Observation.Restarted);
        assertThat(h).anyMatch(o -> o instanceof Observation.Durable);
        assertThat(h).anyMatch(o -> o instanceof Observation.Fault f && f.description().contains("partition"));
        assertThat(h).filteredOn(o -> o instanceof Observation.FaultsHealed).hasSize(1)
                .first().extracting(Observation::time).isEqualTo(20_000L);
        assertThat(h).as("in time order").isSortedAccordingTo(java.util.Comparator.comparingLong(Observation::time));
        // The toy delivers only what storage reported durable: every delivered zxid of a server is covered by an
        // earlier Durable of that server.
        long[] durable = new long[7];
        for (Observation o : h) {
            if (o instanceof Observation.Durable d) {
                durable[(int) d.peer()] = Math.max(durable[(int) d.peer()], d.zxid());
            } else if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.Delivered d
                    && !(h.stream().anyMatch(x -> x instanceof Observation.Restarted rs && rs.peer() == a.peer()
                    && rs.tailZxids().contains(d.header().zxid())))) {
                assertThat(d.header().zxid()).isLessThanOrEqualTo(durable[(int) a.peer()]);
            }
        }
    }

    @Test
    void noFaultsMeansNoCrashesAndNoFaultObservations() {
        SimResult r = Simulation.run(3, toy().withFaults(EnumSet.noneOf(FaultKind.class)));

        assertThat(r.ok()).isTrue();
        assertThat(r.stats().crashes()).isZero();
        assertThat(r.history()).noneMatch(o -> o instanceof Observation.Fault);
        assertThat(r.stats().faults()).isZero();
    }

    @Test
    void aReplicaThatThrowsFailsTheRunWithTheServerTheEventAndTheTrace() {
        SimResult r = Simulation.run(11, SimOptions.defaults(ToyReplica.throwingAfter(30), List.of())
                .withPhases(20_000, 10_000));

        assertThat(r.ok()).isFalse();
        assertThat(r.failure()).isInstanceOf(ReplicaFailure.class)
                .hasMessageContaining("S1 threw java.lang.IllegalStateException: toy invariant broken on purpose")
                .hasMessageContaining("on Tick");
        assertThat(r.problems()).first().asString().startsWith("run failed: S1 threw");
        assertThat(r.trace().tail(2)).last().asString().contains("run failed");
        assertThat(r.stats().virtualTimeMs()).isBetween(2_900L, 3_300L);
    }

    @Test
    void checkersReadTheHistoryAndTheirViolationsFailTheRun() {
        Checker noCrashes = new Checker() {
            @Override
            public String property() {
                return "no crashes";
            }

            @Override
            public List<Violation> check(List<Observation> history) {
                return history.stream().filter(o -> o instanceof Observation.Crashed)
                        .map(o -> new Violation(property(), o.time(), "S" + o.peer() + " crashed")).toList();
            }
        };

        SimResult crashing = Simulation.run(7, toy().withCheckers(List.of(noCrashes)).withEnsemble(5, 1));
        SimResult calm = Simulation.run(7, toy().withCheckers(List.of(noCrashes)).withFaults(EnumSet.of(FaultKind.DROP)));

        assertThat(crashing.ok()).isFalse();
        assertThat(crashing.violations()).hasSize((int) crashing.stats().crashes());
        assertThat(crashing.problems()).first().asString().startsWith("no crashes violated at t=");
        assertThat(calm.ok()).isTrue();
    }
}
