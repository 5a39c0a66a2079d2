package io.paddock.core.node;

import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.Replica;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import java.util.List;

/**
 * One server of an ensemble as clients and other servers see it: the client protocol of {@link Peer} over a
 * {@link Replica}. Work in progress: the API is fixed, the body is being written.
 */
public final class ReplicatedPeer {

    /** What one step asks of the runtime: the replica's actions and the client-facing actions, each in order. */
    public record Output(List<ZabAction> zab, List<Action> client) {
    }

    public ReplicatedPeer(ZabConfig zab, CoreConfig clients, RecoveredHistory recovered, long startWallTimeMillis) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Output start() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Replication events; a {@link ZabEvent.Tick} is also the clients' tick (sessions, containers). */
    public Output step(ZabEvent event) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Client events: connections, connects, requests. {@link Event.Tick} and {@link Event.Persisted} are refused. */
    public Output step(Event event) {
        throw new UnsupportedOperationException("not built yet");
    }
}
