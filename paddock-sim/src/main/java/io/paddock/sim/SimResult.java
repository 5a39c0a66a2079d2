package io.paddock.sim;

import io.paddock.sim.check.Violation;
import io.paddock.sim.history.Observation;
import io.paddock.sim.trace.Trace;
import java.util.List;

/**
 * One run's outcome. It failed if {@code failure} is set (a replica threw, storage could not be recovered, a
 * checker broke) or a checker found {@code violations}. {@code trace} holds the newest lines (all with a trace
 * capacity of 0); {@code history} is what the checkers read.
 */
public record SimResult(long seed, String ensemble, Throwable failure, List<Violation> violations, SimStats stats,
                        Trace trace, List<Observation> history) {
    public SimResult {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return failure == null && violations.isEmpty();
    }

    /** One line per problem: the failure, then each violated property. */
    public List<String> problems() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (failure != null) {
            out.add("run failed: " + failure.getMessage() + causeOf(failure));
        }
        for (Violation v : violations) {
            out.add(v.toString());
        }
        return out;
    }

    private static String causeOf(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null || t instanceof ReplicaFailure) {
            StackTraceElement[] stack = (cause == null ? t : cause).getStackTrace();
            return stack.length == 0 ? "" : " (at " + stack[0] + ")";
        }
        return " (cause: " + cause + ")";
    }

    public String summary() {
        return "seed " + seed + ": " + (ok() ? "ok" : "FAILED") + " (" + ensemble + "; " + stats + ")";
    }
}
