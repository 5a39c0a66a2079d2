package io.paddock.sim;

import io.paddock.core.tree.DataTree;
import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.Replica;
import io.paddock.core.zab.TxnFactory;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import java.util.List;

/**
 * The state machine a simulated server runs: the real {@link Replica} (see {@link #replicas}), or in the
 * simulator's own tests a small stand-in that exercises the network and storage paths.
 */
public interface SimReplica {

    List<ZabAction> start();

    List<ZabAction> step(ZabEvent event);

    /** The applied tree, read-only: periodic snapshots are taken of it. */
    DataTree tree();

    /** Makes the replica a server runs from its config and what it recovered from disk. */
    interface Factory {
        SimReplica create(ZabConfig config, RecoveredHistory recovered);
    }

    /** The real replication core, with {@code txns} turning writes into txns. */
    static Factory replicas(TxnFactory.Maker txns) {
        return (config, recovered) -> {
            Replica replica = new Replica(config, recovered, txns);
            return new SimReplica() {
                @Override
                public List<ZabAction> start() {
                    return replica.start();
                }

                @Override
                public List<ZabAction> step(ZabEvent event) {
                    return replica.step(event);
                }

                @Override
                public DataTree tree() {
                    return replica.tree();
                }
            };
        };
    }
}
