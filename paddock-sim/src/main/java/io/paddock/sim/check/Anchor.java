package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;

/**
 * Where a peer's tree jumps rather than grows by a delivery: a restart loads its newest snapshot, and a SNAP sync
 * replaces its tree by the leader's. After an anchor at zxid z the peer's delivered sequence continues as if it had
 * delivered the committed prefix up to z, so checkers that follow one peer's deliveries restart from z there.
 */
final class Anchor {
    static final long NONE = -1;

    private Anchor() {
    }

    /** The zxid the peer's tree is anchored at by {@code o}, or {@link #NONE} when {@code o} is no anchor. */
    static long of(Observation o) {
        return switch (o) {
            case Observation.Restarted r -> r.snapshotZxid();
            case Observation.Acted a when a.action() instanceof ZabAction.PersistSnapshot s -> s.zxid();
            default -> NONE;
        };
    }
}
