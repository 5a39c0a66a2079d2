package io.paddock.core.node;

import java.util.List;
import java.util.Map;

/** Placeholder with the final signature so the runtime can be written against it; replaced by the real core. */
public final class Peer implements ServerView {
    public Peer(CoreConfig config, long startWallTimeMillis) {
    }

    public List<Action> step(Event event) {
        return List.of();
    }

    public long lastProcessedZxid() { return 0; }
    public int nodeCount() { return 0; }
    public long approximateDataSize() { return 0; }
    public int sessionCount() { return 0; }
    public Map<Long, Integer> sessionTimeouts() { return Map.of(); }
    public Map<Long, List<String>> ephemeralsBySession() { return Map.of(); }
    public int ephemeralCount() { return 0; }
    public int watchingConnectionCount() { return 0; }
    public int watchedPathCount() { return 0; }
    public int watchCount() { return 0; }
    public Map<Long, List<String>> watchedPathsByConnection() { return Map.of(); }
    public Map<String, List<Long>> watchingConnectionsByPath() { return Map.of(); }
    public int outstandingRequests() { return 0; }
    public long sessionOf(long connectionId) { return 0; }
}
