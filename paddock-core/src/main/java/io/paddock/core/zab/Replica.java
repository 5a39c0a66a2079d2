package io.paddock.core.zab;

import io.paddock.core.tree.DataTree;
import java.util.List;

/**
 * One server of a Zab ensemble as a pure state machine: election, discovery, sync and broadcast, over the
 * history it recovered. PLACEHOLDER CONTRACT — being implemented.
 */
public final class Replica {

    public Replica(ZabConfig config, RecoveredHistory recovered, TxnFactory.Maker txnFactories) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The first actions after start-up: the replica starts LOOKING. */
    public List<ZabAction> start() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The only entry point after {@link #start}: applies one event, returns what the runtime must do, in order. */
    public List<ZabAction> step(ZabEvent event) {
        throw new UnsupportedOperationException("not built yet");
    }

    public PeerState state() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The applied (committed) state; read-only for callers (snapshots, checkers). */
    public DataTree tree() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The zxid of the last txn in this server's history (logged or being logged), applied or not. */
    public long lastLoggedZxid() {
        throw new UnsupportedOperationException("not built yet");
    }
}
