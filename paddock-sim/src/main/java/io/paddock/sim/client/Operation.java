package io.paddock.sim.client;

import java.util.Objects;

/**
 * One client operation as observed from outside: invoked at {@code invokedAt}, answered at {@code returnedAt}
 * with {@code outcome}. An operation that never returned has {@code returnedAt == NEVER} and outcome
 * {@link Outcome.NeverReturned}. Times are in any single clock shared by all clients (e.g. simulated nanos);
 * equal times count as concurrent.
 */
public record Operation(int id, long session, Command command, long invokedAt, long returnedAt, Outcome outcome) {

    public static final long NEVER = Long.MAX_VALUE;

    public Operation {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(outcome, "outcome");
        boolean pending = outcome instanceof Outcome.NeverReturned;
        if (pending != (returnedAt == NEVER)) {
            throw new IllegalArgumentException("op " + id + ": never-returned outcome iff returnedAt == NEVER");
        }
        if (returnedAt < invokedAt) throw new IllegalArgumentException("op " + id + " returned before it was invoked");
        if (!Outcome.fits(command, outcome)) {
            throw new IllegalArgumentException("op " + id + ": " + outcome + " cannot answer " + command);
        }
    }

    public boolean pending() {
        return returnedAt == NEVER;
    }

    public String path() {
        return command.path();
    }

    /**
     * Removing such an op from a non-linearizable history leaves it non-linearizable (used to shrink): it cannot
     * have changed the znode. Never-returned writes could be dropped soundly too, but are kept because a reader of
     * the explanation needs them to see which values were possible.
     */
    boolean droppable() {
        if (command.readOnly()) return true;
        return !pending() && !(outcome instanceof Outcome.Ok || outcome instanceof Outcome.Written);
    }

    /** The same operation as if its reply had never come. */
    public Operation asPending() {
        return new Operation(id, session, command, invokedAt, NEVER, Outcome.NEVER_RETURNED);
    }

    public Operation withOutcome(Outcome newOutcome) {
        return new Operation(id, session, command, invokedAt, returnedAt, newOutcome);
    }

    @Override
    public String toString() {
        String end = pending() ? "..." : Long.toString(returnedAt);
        return "#" + id + " session " + session + " [" + invokedAt + " .. " + end + "] " + command + " -> " + outcome;
    }
}
