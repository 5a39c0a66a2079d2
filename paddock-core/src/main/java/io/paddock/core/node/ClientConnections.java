package io.paddock.core.node;

import io.paddock.core.tree.WatchTrigger;
import io.paddock.core.watch.WatchDelivery;
import io.paddock.core.watch.WatchTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's client connections, the session each is attached to, and the watches they hold: what a standalone
 * {@link Peer} and an ensemble's {@link ReplicatedPeer} keep alike. A session is attached to at most one open
 * connection; closing a connection drops its queued work and its watches.
 */
final class ClientConnections {
    private final Map<Long, Connection> byId = new HashMap<>();
    private final Map<Long, Connection> bySession = new HashMap<>();
    private final WatchTable watches = new WatchTable();

    WatchTable watches() {
        return watches;
    }

    void opened(long connectionId, String remoteHost) {
        byId.put(connectionId, new Connection(connectionId, remoteHost));
    }

    Connection get(long connectionId) {
        return byId.get(connectionId);
    }

    /** The open connection {@code sessionId} is attached to, or null. */
    Connection ofSession(long sessionId) {
        return bySession.get(sessionId);
    }

    Collection<Connection> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    void attach(Connection conn, long sessionId) {
        conn.sessionId = sessionId;
        bySession.put(sessionId, conn);
    }

    /** Closes the connection (once), dropping its queued work and watches, and asks the runtime to close it. */
    void close(Connection conn, String reason, List<Action> out) {
        if (conn.state == Connection.State.CLOSED) {
            return;
        }
        conn.state = Connection.State.CLOSED;
        conn.queue.clear();
        conn.deferred.clear();
        detach(conn);
        out.add(new Action.CloseConnection(conn.id, reason));
    }

    /** The runtime reports the connection gone. */
    void closed(long connectionId) {
        Connection conn = byId.remove(connectionId);
        if (conn != null) {
            conn.state = Connection.State.CLOSED;
            detach(conn);
        }
    }

    private void detach(Connection conn) {
        if (conn.sessionId != 0 && bySession.get(conn.sessionId) == conn) {
            bySession.remove(conn.sessionId);
        }
        watches.removeConnection(conn.id);
    }

    /** Fires the watches txn {@code zxid} triggered, for the connections allowed to read each node. */
    void fire(List<WatchTrigger> triggers, long zxid, List<Action> out) {
        for (WatchTrigger trigger : triggers) {
            List<WatchDelivery> deliveries = watches.trigger(trigger.path(), trigger.eventType(),
                    connectionId -> ReadEvaluator.mayRead(byId.get(connectionId), trigger.acl()));
            for (WatchDelivery d : deliveries) {
                out.add(new Action.SendWatchEvent(d.connectionId(), zxid, ReadEvaluator.event(d)));
            }
        }
    }

    /** A snapshot of the open connections, for closing them all. */
    List<Connection> copy() {
        return new ArrayList<>(byId.values());
    }
}
