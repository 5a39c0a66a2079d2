package io.paddock.sim;

import io.paddock.core.node.Action;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Event;
import io.paddock.core.node.ReplicatedPeer;
import io.paddock.core.tree.DataTree;
import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.Replica;
import io.paddock.core.zab.TxnFactory;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machine a simulated server runs: the real {@link ReplicatedPeer} (see {@link #servers}), the bare
 * {@link Replica} (see {@link #replicas}), or in the simulator's own tests a small stand-in that exercises the
 * network and storage paths.
 */
public interface SimReplica {

    List<ZabAction> start();

    List<ZabAction> step(ZabEvent event);

    /** A client event; the client-facing actions it caused wait in {@link #takeClientActions}. */
    default List<ZabAction> step(Event clientEvent) {
        throw new UnsupportedOperationException("this replica serves no clients");
    }

    /** The client-facing actions of the last steps, in order; empty for replicas that serve no clients. */
    default List<Action> takeClientActions() {
        return List.of();
    }

    /** The applied tree, read-only: periodic snapshots are taken of it. */
    DataTree tree();

    /**
     * Makes the replica a server runs from its config and what it recovered from disk, at {@code wallTimeMillis}
     * on the server's clock.
     */
    interface Factory {
        SimReplica create(ZabConfig config, RecoveredHistory recovered, long wallTimeMillis);
    }

    /** The real replication core alone, with {@code txns} turning writes into txns (no clients). */
    static Factory replicas(TxnFactory.Maker txns) {
        return (config, recovered, wallTime) -> {
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

    /**
     * Whole servers: the client protocol over the replication core, with ZooKeeper's default session bounds
     * (2 to 20 ticks of {@code tickMs}). Session ids carry the start time, so a restarted server
     * never hands out an id its previous life gave.
     */
    static Factory servers(int tickMs) {
        return (config, recovered, wallTime) -> {
            CoreConfig clients = new CoreConfig(config.serverId(), tickMs, 2 * tickMs, 20 * tickMs, null, false,
                    60_000, 1 << 20);
            ReplicatedPeer peer = new ReplicatedPeer(config, clients, recovered, wallTime);
            return new SimReplica() {
                private ArrayList<Action> clientActions = new ArrayList<>();

                private List<ZabAction> split(ReplicatedPeer.Output output) {
                    clientActions.addAll(output.client());
                    return output.zab();
                }

                @Override
                public List<ZabAction> start() {
                    return split(peer.start());
                }

                @Override
                public List<ZabAction> step(ZabEvent event) {
                    return split(peer.step(event));
                }

                @Override
                public List<ZabAction> step(Event clientEvent) {
                    return split(peer.step(clientEvent));
                }

                @Override
                public List<Action> takeClientActions() {
                    List<Action> taken = clientActions;
                    clientActions = new ArrayList<>();
                    return taken;
                }

                @Override
                public DataTree tree() {
                    return peer.replica().tree();
                }
            };
        };
    }
}
