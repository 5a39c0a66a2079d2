package io.paddock.sim;

import io.paddock.core.node.ReplicatedTxns;
import io.paddock.core.zab.TxnFactory;
import io.paddock.sim.check.Checker;
import java.util.List;

/** What {@code paddock sim} and the CI seed runs use: the real replica, every checker, every fault kind. */
public final class SimDefaults {
    private SimDefaults() {
    }

    /** How a leader turns workload writes into txns: the node layer's own preparation. */
    static final TxnFactory.Maker TXNS = ReplicatedTxns::new;

    /** INTEGRATION: Checkers.safety() plus the LivenessChecker once they are on main. */
    public static List<Checker> checkers() {
        return List.of();
    }

    public static SimOptions options() {
        return SimOptions.defaults(SimReplica.replicas(TXNS), checkers());
    }
}
