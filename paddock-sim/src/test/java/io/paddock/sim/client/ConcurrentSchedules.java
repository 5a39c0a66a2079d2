package io.paddock.sim.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction: each operation gets a random linearization point
 * inside its [invoke, response] interval, and the operations are executed in that order against a sequential
 * znode model written here independently of {@link ZnodeModel}. A never-returned operation takes effect at a
 * point after its invocation, or not at all.
 */
final class ConcurrentSchedules {

    private record Planned(long session, Command command, long invokedAt, long returnedAt, double point, boolean applies) {
    }

    private record Node(String data, int version) {
    }

    private ConcurrentSchedules() {
    }

    static List<Operation> linearizable(long seed, int paths, int opsPerPath, double pendingChance) {
        return linearizable(seed, paths, opsPerPath, pendingChance, 300);
    }

    /** Invocations spread over [0, span): about opsPerPath * 50 / span operations overlap on a path at a time. */
    static List<Operation> linearizable(long seed, int paths, int opsPerPath, double pendingChance, int span) {
        Random rnd = new Random(seed);
        List<Planned> plans = new ArrayList<>();
        int token = 0;
        for (int p = 0; p < paths; p++) {
            String path = "/p" + p;
            for (int i = 0; i < opsPerPath; i++) {
                long invoked = rnd.nextInt(span);
                long returned = invoked + rnd.nextInt(100);
                Command command = switch (rnd.nextInt(5)) {
                    case 0 -> new Command.Create(path, "d" + token++);
                    case 1 -> new Command.Delete(path, rnd.nextInt(3) - 1);
                    case 2 -> new Command.SetData(path, "d" + token++, rnd.nextInt(4) - 1);
                    case 3 -> new Command.GetData(path);
                    default -> new Command.Exists(path);
                };
                boolean pending = rnd.nextDouble() < pendingChance;
                if (pending) {
                    plans.add(new Planned(rnd.nextInt(4), command, invoked, Operation.NEVER,
                            invoked + rnd.nextDouble() * 300, rnd.nextBoolean()));
                } else {
                    plans.add(new Planned(rnd.nextInt(4), command, invoked, returned,
                            invoked + rnd.nextDouble() * (returned - invoked), true));
                }
            }
            // a final read after everything settled, so every history has a returned read on every path
            plans.add(new Planned(9, new Command.GetData(path), span + 1_000, span + 1_001, span + 1_000, true));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> plans.get(i).point()));
        Outcome[] outcomes = new Outcome[plans.size()];
        Map<String, Node> tree = new HashMap<>();
        for (int i : order) {
            Planned plan = plans.get(i);
            Outcome outcome = plan.applies() ? execute(tree, plan.command()) : Outcome.NEVER_RETURNED;
            outcomes[i] = plan.returnedAt() == Operation.NEVER ? Outcome.NEVER_RETURNED : outcome;
        }
        List<Operation> history = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Planned plan = plans.get(i);
            history.add(new Operation(i, plan.session(), plan.command(), plan.invokedAt(), plan.returnedAt(), outcomes[i]));
        }
        return history;
    }

    private static Outcome execute(Map<String, Node> tree, Command command) {
        Node node = tree.get(command.path());
        switch (command) {
            case Command.Create c -> {
                if (node != null) return Outcome.NODE_EXISTS;
                tree.put(c.path(), new Node(c.data(), 0));
                return Outcome.OK;
            }
            case Command.Delete d -> {
                if (node == null) return Outcome.NO_NODE;
                if (d.expectedVersion() != -1 && d.expectedVersion() != node.version()) return Outcome.BAD_VERSION;
                tree.remove(d.path());
                return Outcome.OK;
            }
            case Command.SetData s -> {
                if (node == null) return Outcome.NO_NODE;
                if (s.expectedVersion() != -1 && s.expectedVersion() != node.version()) return Outcome.BAD_VERSION;
                tree.put(s.path(), new Node(s.data(), node.version() + 1));
                return new Outcome.Written(node.version() + 1);
            }
            case Command.GetData g -> {
                return node == null ? Outcome.NO_NODE : new Outcome.Read(node.data(), node.version());
            }
            case Command.Exists e -> {
                return node == null ? Outcome.NO_NODE : new Outcome.Found(node.version());
            }
        }
    }
}
