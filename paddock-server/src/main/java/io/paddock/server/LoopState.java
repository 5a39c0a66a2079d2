package io.paddock.server;

import io.paddock.core.node.ServerView;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the peer loop owns besides the core, as queries see it. Loop thread only. */
final class LoopState {
    private final PeerCore core;
    private final Map<Long, ConnectionState> connections = new LinkedHashMap<>();
    private final ServerStats serverStats;

    LoopState(PeerCore core, long startMillis) {
        this.core = core;
        this.serverStats = new ServerStats(startMillis);
    }

    ServerView view() {
        return core.view();
    }

    PeerCore core() {
        return core;
    }

    ServerStats serverStats() {
        return serverStats;
    }

    /** Live connections in the order they were accepted. */
    Collection<ConnectionState> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    ConnectionState connection(long id) {
        return connections.get(id);
    }

    void add(ConnectionState connection) {
        ConnectionState previous = connections.putIfAbsent(connection.id, connection);
        if (previous != null) {
            throw new IllegalStateException("connection id reused: " + connection.id);
        }
    }

    void remove(long id) {
        connections.remove(id);
    }
}
