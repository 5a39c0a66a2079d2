package io.paddock.sim.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wing–Gong search with Lowe's memoisation over the operations of one path: depth-first over configurations
 * (set of linearized ops, znode state), each configuration expanded at most once. An op may be linearized next
 * iff no other not-yet-linearized op returned before it was invoked. A never-returned op need never be
 * linearized, and when it is, any outcome is accepted. The search succeeds once every returned op is linearized.
 */
final class PathSearch {

    enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, OUT_OF_BUDGET }

    record Run(Verdict verdict, long explored) {
    }

    private record Config(BitSet done, Znode state) {
    }

    private final Operation[] ops;
    private final BitSet returned = new BitSet();

    PathSearch(List<Operation> pathOps) {
        List<Operation> relevant = new ArrayList<>();
        for (Operation op : pathOps) {
            // a read that never returned, or any op the server answered with another error, constrains nothing
            // and changes nothing
            if (op.outcome() instanceof Outcome.Failed) continue;
            if (!(op.pending() && op.command().readOnly())) relevant.add(op);
        }
        relevant.sort(Comparator.comparingLong(Operation::invokedAt).thenComparingInt(Operation::id));
        this.ops = relevant.toArray(Operation[]::new);
        for (int i = 0; i < ops.length; i++) {
            if (!ops[i].pending()) returned.set(i);
        }
    }

    Run run(long maxStates) {
        Set<Config> seen = new HashSet<>();
        Deque<Config> stack = new ArrayDeque<>();
        Config start = new Config(new BitSet(ops.length), Znode.ABSENT);
        seen.add(start);
        stack.push(start);
        while (!stack.isEmpty()) {
            Config config = stack.pop();
            if (allReturnedDone(config.done())) return new Run(Verdict.LINEARIZABLE, seen.size());
            long deadline = earliestPendingReturn(config.done());
            // explored first: returned ops in invocation order, then never-returned ones (which usually need not
            // take effect at all); the stack is LIFO, so successors are pushed in reverse
            List<Config> returnedNext = new ArrayList<>();
            List<Config> pendingNext = new ArrayList<>();
            for (int i = config.done().nextClearBit(0); i < ops.length; i = config.done().nextClearBit(i + 1)) {
                Operation op = ops[i];
                if (op.invokedAt() > deadline) break; // ops are in invocation order: none later can go next
                ZnodeModel.Step step = ZnodeModel.apply(config.state(), op.command());
                if (op.pending()) {
                    if (step.next().equals(config.state())) continue; // taking effect without effect = never
                } else if (!step.outcome().equals(op.outcome())) {
                    continue;
                }
                BitSet done = (BitSet) config.done().clone();
                done.set(i);
                Config next = new Config(done, step.next());
                if (seen.add(next)) {
                    if (seen.size() > maxStates) return new Run(Verdict.OUT_OF_BUDGET, seen.size());
                    (op.pending() ? pendingNext : returnedNext).add(next);
                }
            }
            for (int k = pendingNext.size() - 1; k >= 0; k--) stack.push(pendingNext.get(k));
            for (int k = returnedNext.size() - 1; k >= 0; k--) stack.push(returnedNext.get(k));
        }
        return new Run(Verdict.NOT_LINEARIZABLE, seen.size());
    }

    private boolean allReturnedDone(BitSet done) {
        BitSet left = (BitSet) returned.clone();
        left.andNot(done);
        return left.isEmpty();
    }

    /** The earliest return among returned ops not yet linearized: nothing invoked after it can come first. */
    private long earliestPendingReturn(BitSet done) {
        long earliest = Operation.NEVER;
        for (int i = done.nextClearBit(0); i < ops.length; i = done.nextClearBit(i + 1)) {
            // ops are in invocation order and none returns before it is invoked: later ones cannot be earlier
            if (ops[i].invokedAt() > earliest) break;
            if (returned.get(i)) earliest = Math.min(earliest, ops[i].returnedAt());
        }
        return earliest;
    }
}
