package io.paddock.sim;

import io.paddock.sim.trace.Describe;

/** A replica threw (its invariants are asserted in code): the run fails, with the server and the event named. */
public final class ReplicaFailure extends RuntimeException {
    public ReplicaFailure(long peer, Object event, Throwable cause) {
        super("S" + peer + " threw " + cause + " on " + (event == null ? "start" : Describe.any(event)), cause);
    }
}
