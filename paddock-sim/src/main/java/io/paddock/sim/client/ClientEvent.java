package io.paddock.sim.client;

import java.util.Objects;

/**
 * What one simulated client saw, in the order it saw it: the record simulated clients write and the client
 * checkers (FIFO, monotonic zxids, no stale read after a newer one, watches, linearizable writes) read. Times are
 * the simulator's clock in milliseconds; {@code session} is the ZooKeeper session id (0 until the first connect
 * succeeds); {@code server} is the server the client was connected to when it saw the event.
 */
public sealed interface ClientEvent {

    long session();

    long at();

    /** The client sent request {@code xid} (a {@link Command}, or a sync when {@code command} is null). */
    record Invoked(long session, long at, long server, int xid, Command command, boolean watch) implements ClientEvent {
    }

    /**
     * The reply to {@code xid}: {@code zxid} is the reply header's zxid; {@code mzxid} the znode's Stat.mzxid when
     * the reply carries a Stat (reads that found the node, setData), else -1. A reply that never comes is recorded
     * as {@link Lost} when the client gives up on it.
     */
    record Replied(long session, long at, long server, int xid, long zxid, Outcome outcome, long mzxid)
            implements ClientEvent {
        public Replied {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Request {@code xid} will never be answered (connection lost with it outstanding): ConnectionLoss. */
    record Lost(long session, long at, long server, int xid) implements ClientEvent {
    }

    /** A watch notification: {@code eventType} is ZooKeeper's (1 created, 2 deleted, 3 data changed, 4 children). */
    record WatchFired(long session, long at, long server, long zxid, String path, int eventType) implements ClientEvent {
    }

    /** The session was established or resumed on {@code server}; {@code lastZxidSeen} is what the client sent. */
    record Connected(long session, long at, long server, long lastZxidSeen) implements ClientEvent {
    }

    /** The server refused or dropped the connection; the client will try another server. */
    record Disconnected(long session, long at, long server, String why) implements ClientEvent {
    }

    /** The session is gone: the server said it expired (or the client closed it). Nothing follows for it. */
    record Expired(long session, long at, long server) implements ClientEvent {
    }
}
