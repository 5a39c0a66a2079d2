package io.paddock.storage.crash;

import io.paddock.core.node.Action;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectResponse;
import java.util.HashMap;
import java.util.Map;

/** One simulated client connection, as far as the crash driver needs to follow it. */
final class SimClient {
    final long connectionId;
    long sessionId;
    ConnectResponse connectResponse;
    boolean established;
    boolean gone;
    int nextXid = 1;
    final Map<Integer, ClientRequest> inFlight = new HashMap<>();
    final Map<Integer, Action.SendReply> replies = new HashMap<>();

    SimClient(long connectionId, long sessionId) {
        this.connectionId = connectionId;
        this.sessionId = sessionId;
    }

    boolean usable() {
        return established && !gone;
    }
}
