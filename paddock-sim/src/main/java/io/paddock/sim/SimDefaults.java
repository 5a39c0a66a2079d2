package io.paddock.sim;

import io.paddock.core.node.ReplicatedTxns;
import io.paddock.core.zab.TxnFactory;
import io.paddock.sim.check.Checker;
import io.paddock.sim.check.Checkers;
import java.util.ArrayList;
import java.util.List;

/** What {@code paddock sim} and the CI seed runs use: the real replica, every checker, every fault kind. */
public final class SimDefaults {
    private SimDefaults() {
    }

    /** How a leader turns workload writes into txns: the node layer's own preparation. */
    static final TxnFactory.Maker TXNS = ReplicatedTxns::new;

    /**
     * Every safety checker, and liveness after the heal:
     * {@code Checkers.safety()} plus {@code Checkers.liveness(10_000, 3_000, 2_000)} (a leader within 10 s of the
     * heal; from 3 s after it stands, every write delivered at it within 2 s; no needless election).
     */
    public static List<Checker> checkers() {
        List<Checker> all = new ArrayList<>(Checkers.safety());
        all.add(Checkers.liveness(10_000, 3_000, 2_000));
        return List.copyOf(all);
    }

    /** Simulated clients in a default run: enough to overlap on every path, few enough to keep runs fast. */
    public static final int CLIENTS = 4;

    /** Whole servers (client protocol over the replication core), simulated clients, every checker. */
    public static SimOptions options() {
        return SimOptions.defaults(SimReplica.servers(100), checkers()).withClients(CLIENTS);
    }

    /** The replication core alone, driven by server-side writes only (no clients, no sessions). */
    public static SimOptions replicationOnly() {
        return SimOptions.defaults(SimReplica.replicas(TXNS), checkers());
    }
}
