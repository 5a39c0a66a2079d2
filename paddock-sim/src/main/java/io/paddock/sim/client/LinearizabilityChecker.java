package io.paddock.sim.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a history of single-path ZooKeeper client operations for linearizability against {@link ZnodeModel}.
 * Paths are checked independently (linearizability is compositional per object). Every path is assumed absent
 * when the history starts.
 */
public final class LinearizabilityChecker {

    public static final long DEFAULT_MAX_STATES = 1_000_000;

    private final long maxStates;

    public LinearizabilityChecker(long maxStates) {
        if (maxStates < 1) throw new IllegalArgumentException("maxStates " + maxStates);
        this.maxStates = maxStates;
    }

    public static Result check(List<Operation> history) {
        return new LinearizabilityChecker(DEFAULT_MAX_STATES).verify(history);
    }

    /**
     * The first path (in path order) with no linearization decides; otherwise the first path whose search ran
     * out of budget makes the result unknown.
     */
    public Result verify(List<Operation> history) {
        Set<Integer> ids = new HashSet<>();
        Map<String, List<Operation>> byPath = new TreeMap<>();
        for (Operation op : history) {
            if (!ids.add(op.id())) throw new IllegalArgumentException("duplicate operation id " + op.id());
            byPath.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op);
        }
        Result unknown = null;
        for (Map.Entry<String, List<Operation>> entry : byPath.entrySet()) {
            PathSearch.Run outcome = new PathSearch(entry.getValue()).run(maxStates);
            switch (outcome.verdict()) {
                case LINEARIZABLE -> { }
                case NOT_LINEARIZABLE -> {
                    return new Result.NotLinearizable(entry.getKey(), shrink(entry.getValue()));
                }
                case OUT_OF_BUDGET -> {
                    if (unknown == null) {
                        unknown = new Result.Unknown(entry.getKey(), "gave up after exploring " + outcome.explored()
                                + " states (budget " + maxStates + ") over " + entry.getValue().size() + " operations");
                    }
                }
            }
        }
        return unknown == null ? Result.LINEARIZABLE : unknown;
    }

    /**
     * Greedily drops operations whose removal keeps the path non-linearizable and is sound to drop (reads, failed
     * writes: any linearization of the full history, minus such an op, linearizes the rest),
     * latest first, within one more search budget in total.
     */
    private List<Operation> shrink(List<Operation> pathOps) {
        List<Operation> kept = new ArrayList<>(pathOps);
        kept.sort(Comparator.comparingLong(Operation::invokedAt).thenComparingInt(Operation::id));
        long spent = 0;
        for (int i = kept.size() - 1; i >= 0 && spent < maxStates; i--) {
            if (!kept.get(i).droppable()) continue;
            List<Operation> without = new ArrayList<>(kept);
            without.remove(i);
            PathSearch.Run outcome = new PathSearch(without).run(maxStates - spent);
            spent += outcome.explored();
            if (outcome.verdict() == PathSearch.Verdict.NOT_LINEARIZABLE) kept = without;
        }
        return kept;
    }
}
