package io.paddock.core.node;

import java.util.List;
import java.util.Map;

/**
 * Read-only facts about a server's state for four-letter words, the admin surface and metrics. Must be
 * called on the thread that owns the core.
 */
public interface ServerView {
    long lastProcessedZxid();

    int nodeCount();

    /** Sum of path lengths and data lengths of all znodes, as ZooKeeper's approximate_data_size. */
    long approximateDataSize();

    int sessionCount();

    /** Each live session's id and its negotiated timeout in ms. */
    Map<Long, Integer> sessionTimeouts();

    /** Paths of ephemeral znodes per owning session (the {@code dump} word). */
    Map<Long, List<String>> ephemeralsBySession();

    int ephemeralCount();

    /** Connections with at least one watch. */
    int watchingConnectionCount();

    int watchedPathCount();

    int watchCount();

    /** For each connection that has watches, the watched paths ({@code wchc}). */
    Map<Long, List<String>> watchedPathsByConnection();

    /** For each watched path, the connections watching it ({@code wchp}). */
    Map<String, List<Long>> watchingConnectionsByPath();

    /** Requests received and not yet answered. */
    int outstandingRequests();

    /** The session a connection is attached to, or 0 if it has none yet. */
    long sessionOf(long connectionId);
}
