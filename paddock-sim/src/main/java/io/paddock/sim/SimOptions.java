package io.paddock.sim;

import io.paddock.sim.check.Checker;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a run is shaped; everything random about it comes from the seed.
 *
 * @param replicas        the state machine each server runs
 * @param checkers        properties checked over the history after the run
 * @param faults          fault kinds injected during the fault phase (empty: none)
 * @param faultPhaseMs    virtual ms during which faults strike; then everything heals
 * @param quietMs         virtual ms after the heal with writes and no faults, so liveness can be judged
 * @param tickMs          virtual ms between two ticks of one server
 * @param writeIntervalMs mean virtual ms between two submitted writes
 * @param voters          participants, or 0 for 3 or 5 at random
 * @param observers       observers, or -1 for none or one at random
 * @param traceCapacity   trace lines kept (the newest); 0 keeps all
 * @param clients         simulated ZooKeeper clients (sessions, reads, writes, watches) talking to the servers
 */
public record SimOptions(SimReplica.Factory replicas, List<Checker> checkers, Set<FaultKind> faults, long faultPhaseMs,
                         long quietMs, int tickMs, int writeIntervalMs, int voters, int observers, int traceCapacity, int clients) {
    public SimOptions {
        Objects.requireNonNull(replicas, "replicas");
        checkers = List.copyOf(checkers);
        faults = faults.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(faults);
        if (faultPhaseMs < 0 || quietMs < 0 || tickMs <= 0 || writeIntervalMs <= 0 || voters < 0 || observers < -1
                || traceCapacity < 0 || clients < 0) {
            throw new IllegalArgumentException("bad simulation options " + this);
        }
    }

    /** Every fault kind, 60 s of faults, 30 s of quiet, a random ensemble, the last 2000 trace lines. */
    public static SimOptions defaults(SimReplica.Factory replicas, List<Checker> checkers) {
        return new SimOptions(replicas, checkers, EnumSet.allOf(FaultKind.class), 60_000, 30_000, 100, 150, 0, -1, 2000, 0);
    }

    public SimOptions withFaults(Set<FaultKind> kinds) {
        return new SimOptions(replicas, checkers, kinds, faultPhaseMs, quietMs, tickMs, writeIntervalMs, voters,
                observers, traceCapacity, clients);
    }

    public SimOptions withPhases(long faultPhase, long quiet) {
        return new SimOptions(replicas, checkers, faults, faultPhase, quiet, tickMs, writeIntervalMs, voters,
                observers, traceCapacity, clients);
    }

    public SimOptions withEnsemble(int voterCount, int observerCount) {
        return new SimOptions(replicas, checkers, faults, faultPhaseMs, quietMs, tickMs, writeIntervalMs, voterCount,
                observerCount, traceCapacity, clients);
    }

    public SimOptions withTraceCapacity(int lines) {
        return new SimOptions(replicas, checkers, faults, faultPhaseMs, quietMs, tickMs, writeIntervalMs, voters,
                observers, lines, clients);
    }

    public SimOptions withCheckers(List<Checker> list) {
        return new SimOptions(replicas, list, faults, faultPhaseMs, quietMs, tickMs, writeIntervalMs, voters,
                observers, traceCapacity, clients);
    }

    public SimOptions withClients(int count) {
        return new SimOptions(replicas, checkers, faults, faultPhaseMs, quietMs, tickMs, writeIntervalMs, voters,
                observers, traceCapacity, count);
    }

    public SimOptions withWriteInterval(int meanMs) {
        return new SimOptions(replicas, checkers, faults, faultPhaseMs, quietMs, tickMs, meanMs, voters, observers,
                traceCapacity, clients);
    }
}
