package io.paddock.sim.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records operations as a client sees them: {@link #invoke} when a request is sent, {@link #complete} when its
 * reply arrives. Operations never completed end up as never-returned in {@link #operations()}.
 */
public final class History {

    private record Invocation(int id, long session, Command command, long invokedAt) {
    }

    private final Map<Integer, Invocation> inFlight = new LinkedHashMap<>();
    private final List<Operation> completed = new ArrayList<>();
    private int nextId;

    /** Returns the operation's id, to pass to {@link #complete}. */
    public int invoke(long session, Command command, long time) {
        int id = nextId++;
        inFlight.put(id, new Invocation(id, session, command, time));
        return id;
    }

    public History complete(int id, Outcome outcome, long time) {
        if (outcome instanceof Outcome.NeverReturned) throw new IllegalArgumentException("a reply cannot be 'never'");
        Invocation invocation = inFlight.remove(id);
        if (invocation == null) throw new IllegalStateException("operation " + id + " is not in flight");
        completed.add(new Operation(id, invocation.session(), invocation.command(), invocation.invokedAt(), time, outcome));
        return this;
    }

    /** Records a whole operation at once; {@code outcome} NEVER_RETURNED records it as never returned. */
    public History add(long session, Command command, long invokedAt, long returnedAt, Outcome outcome) {
        int id = invoke(session, command, invokedAt);
        if (outcome instanceof Outcome.NeverReturned) return this;
        return complete(id, outcome, returnedAt);
    }

    /** Completed operations plus every one still in flight, as never returned. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>(completed);
        for (Invocation i : inFlight.values()) {
            all.add(new Operation(i.id(), i.session(), i.command(), i.invokedAt(), Operation.NEVER, Outcome.NEVER_RETURNED));
        }
        return List.copyOf(all);
    }
}
