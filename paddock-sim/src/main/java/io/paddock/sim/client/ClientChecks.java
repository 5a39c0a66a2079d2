package io.paddock.sim.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Runs every client check over simulated clients' logs (one log per client, in the order it saw events). */
public final class ClientChecks {

    /** All violations found, plus the write paths the linearizability search could not decide (not violations). */
    public record Report(List<ClientViolation> violations, List<Result.Unknown> undecided, int writePathsChecked) {
        public Report {
            violations = List.copyOf(violations);
            undecided = List.copyOf(undecided);
        }

        public boolean clean() {
            return violations.isEmpty();
        }
    }

    private ClientChecks() {
    }

    public static Report run(Map<?, ? extends List<? extends ClientEvent>> logs) {
        return run(logs, LinearizabilityChecker.DEFAULT_MAX_STATES);
    }

    public static Report run(Map<?, ? extends List<? extends ClientEvent>> logs, long maxStatesPerPath) {
        return run(logs, maxStatesPerPath, path -> true);
    }

    /**
     * As {@link #run(Map, long)}, checking write linearizability only on {@code linearizablePaths}: paths whose
     * znodes change only through client writes (an ephemeral also vanishes when its session expires, which the
     * single-znode model does not know).
     */
    public static Report run(Map<?, ? extends List<? extends ClientEvent>> logs, long maxStatesPerPath,
                             Predicate<String> linearizablePaths) {
        List<ClientViolation> violations = new ArrayList<>();
        for (ClientCheck check : List.of(new FifoCheck(), new MonotonicZxidCheck(), new StaleReadCheck(), new WatchCheck())) {
            violations.addAll(check.check(logs));
        }
        WriteLinearizabilityCheck.Report writes = new WriteLinearizabilityCheck(maxStatesPerPath, linearizablePaths).verify(logs);
        violations.addAll(writes.violations());
        return new Report(violations, writes.undecided(), writes.pathsChecked());
    }
}
