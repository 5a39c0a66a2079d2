package io.paddock.sim.client;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The writes (create, delete, setData) of all clients, path by path, must be linearizable: ZooKeeper orders every
 * write through the leader's single txn log and answers it once it is applied. Reads and syncs are left out
 * (ZooKeeper serves reads from the connected server, so they may lag; see package-info). A write whose reply never
 * came (Lost, or still outstanding when the log ends) may have taken effect once at any time after it was sent, or
 * never. A path whose search runs out of budget is reported as undecided, not as a violation.
 */
public final class WriteLinearizabilityCheck implements ClientCheck {

    /** What the check found: violations, and the paths it could not decide within its budget. */
    public record Report(List<ClientViolation> violations, List<Result.Unknown> undecided, int pathsChecked) {
        public Report {
            violations = List.copyOf(violations);
            undecided = List.copyOf(undecided);
        }
    }

    private final long maxStatesPerPath;
    private final Predicate<String> paths;

    public WriteLinearizabilityCheck() {
        this(LinearizabilityChecker.DEFAULT_MAX_STATES);
    }

    public WriteLinearizabilityCheck(long maxStatesPerPath) {
        this(maxStatesPerPath, path -> true);
    }

    /** Checks only the writes to {@code paths} (znodes nothing but client writes change). */
    public WriteLinearizabilityCheck(long maxStatesPerPath, Predicate<String> paths) {
        if (maxStatesPerPath < 1) throw new IllegalArgumentException("maxStatesPerPath " + maxStatesPerPath);
        this.maxStatesPerPath = maxStatesPerPath;
        this.paths = paths;
    }

    @Override
    public List<ClientViolation> check(Map<?, ? extends List<? extends ClientEvent>> logs) {
        return verify(logs).violations();
    }

    public Report verify(Map<?, ? extends List<? extends ClientEvent>> logs) {
        List<ClientViolation> violations = new ArrayList<>();
        Map<String, List<Operation>> byPath = new TreeMap<>();
        int[] nextId = {0};
        logs.forEach((client, log) -> collect(String.valueOf(client), log, nextId, byPath, violations));
        List<Result.Unknown> undecided = new ArrayList<>();
        LinearizabilityChecker checker = new LinearizabilityChecker(maxStatesPerPath);
        byPath.keySet().removeIf(path -> !paths.test(path));
        for (Map.Entry<String, List<Operation>> path : byPath.entrySet()) {
            switch (checker.verify(path.getValue())) {
                case Result.Linearizable ok -> { }
                case Result.Unknown unknown -> undecided.add(unknown);
                case Result.NotLinearizable broken -> violations.add(new ClientViolation(Property.LINEARIZABLE_WRITES,
                        "*", broken.involved().getFirst().session(), "writes are not linearizable: "
                        + broken.explanation() + "\n  (ids are this check's numbering; sessions in decimal)"));
            }
        }
        return new Report(violations, undecided, byPath.size());
    }

    private static void collect(String client, List<? extends ClientEvent> log, int[] nextId,
                                Map<String, List<Operation>> byPath, List<ClientViolation> violations) {
        Map<Integer, ClientEvent.Invoked> sent = new HashMap<>();
        for (ClientEvent event : log) {
            switch (event) {
                case ClientEvent.Invoked i when i.command() != null && !i.command().readOnly() -> sent.put(i.xid(), i);
                case ClientEvent.Replied r -> {
                    ClientEvent.Invoked i = sent.remove(r.xid());
                    if (i == null) continue;
                    if (!Outcome.fits(i.command(), r.outcome()) || r.at() < i.at()) {
                        violations.add(new ClientViolation(Property.MALFORMED_LOG, client, r.session(), "xid "
                                + r.xid() + " " + i.command() + " answered " + r.outcome() + " at " + r.at()
                                + " (sent at " + i.at() + "): not a possible reply"));
                        continue;
                    }
                    add(byPath, new Operation(nextId[0]++, i.session(), i.command(), i.at(), r.at(), r.outcome()));
                }
                case ClientEvent.Expired e -> {
                    // the session is over: its unanswered writes stay unanswered, and a new session reuses xids
                    neverAnswered(sent, nextId, byPath);
                }
                default -> { }
            }
        }
        neverAnswered(sent, nextId, byPath);
    }

    /** Lost, or never answered before the session or the log ended: may have happened, or not. */
    private static void neverAnswered(Map<Integer, ClientEvent.Invoked> sent, int[] nextId,
                                      Map<String, List<Operation>> byPath) {
        for (ClientEvent.Invoked i : sent.values()) {
            add(byPath, new Operation(nextId[0]++, i.session(), i.command(), i.at(), Operation.NEVER,
                    Outcome.NEVER_RETURNED));
        }
        sent.clear();
    }

    private static void add(Map<String, List<Operation>> byPath, Operation op) {
        byPath.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op);
    }
}
