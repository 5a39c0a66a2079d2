package io.paddock.core.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Live sessions and their expiry, counted in ticks. A session touched at tick t with timeout T ms expires
 * at the first tick boundary after t + T, as ZooKeeper's expiry queue rounds up to the next tickTime. Sessions
 * sit in one bucket per expiry tick, so a tick only looks at the sessions due then.
 */
public final class SessionTable {
    private final int tickTimeMillis;
    private final Map<Long, Session> sessions = new HashMap<>();
    private final TreeMap<Long, Set<Long>> buckets = new TreeMap<>();
    private long nextSessionId;

    /**
     * @param serverId       occupies the top byte of every id, so ids from different servers never collide
     * @param startTimeMillis the clock when the server started; its low bits make ids unique across restarts
     */
    public SessionTable(long serverId, int tickTimeMillis, long startTimeMillis) {
        this.tickTimeMillis = tickTimeMillis;
        long id = ((startTimeMillis << 24) >>> 8) | (serverId << 56);
        if (id == Long.MIN_VALUE) {
            id++; // Long.MIN_VALUE marks containers
        }
        this.nextSessionId = id;
    }

    public long allocateId() {
        return nextSessionId++;
    }

    /** Starts tracking a session (or updates its timeout) and schedules its expiry from {@code nowTick}. */
    public Session track(long sessionId, int timeoutMillis, long nowTick) {
        Session s = sessions.computeIfAbsent(sessionId, id -> new Session(id, timeoutMillis));
        s.timeoutMillis(timeoutMillis);
        touch(s, timeoutMillis, nowTick);
        return s;
    }

    public Session get(long sessionId) {
        return sessions.get(sessionId);
    }

    /** Pushes a live, not-closing session's expiry out; false when there is no such session. */
    public boolean touch(long sessionId, long nowTick) {
        Session s = sessions.get(sessionId);
        if (s == null || s.isClosing()) {
            return false;
        }
        touch(s, s.timeoutMillis(), nowTick);
        return true;
    }

    /** A reconnect renews with the newly negotiated timeout (the stored one is kept, as ZooKeeper does). */
    public boolean touch(long sessionId, int timeoutMillis, long nowTick) {
        Session s = sessions.get(sessionId);
        if (s == null || s.isClosing()) {
            return false;
        }
        touch(s, timeoutMillis, nowTick);
        return true;
    }

    private void touch(Session s, int timeoutMillis, long nowTick) {
        long due = nowTick + timeoutMillis / tickTimeMillis + 1;
        if (due == s.expiryTick() && containsInBucket(s)) {
            return;
        }
        unschedule(s);
        s.expiryTick(due);
        buckets.computeIfAbsent(due, t -> new LinkedHashSet<>()).add(s.id());
    }

    private boolean containsInBucket(Session s) {
        Set<Long> bucket = buckets.get(s.expiryTick());
        return bucket != null && bucket.contains(s.id());
    }

    private void unschedule(Session s) {
        Set<Long> bucket = buckets.get(s.expiryTick());
        if (bucket != null) {
            bucket.remove(s.id());
            if (bucket.isEmpty()) {
                buckets.remove(s.expiryTick());
            }
        }
    }

    /** Marks a session closing (no further requests); it leaves the table when its closeSession txn applies. */
    public void markClosing(long sessionId) {
        Session s = sessions.get(sessionId);
        if (s != null) {
            s.markClosing();
            unschedule(s);
        }
    }

    public void remove(long sessionId) {
        Session s = sessions.remove(sessionId);
        if (s != null) {
            unschedule(s);
        }
    }

    /** Sessions whose expiry tick is at or before {@code nowTick}; they are marked closing. */
    public List<Long> expire(long nowTick) {
        List<Long> expired = new ArrayList<>();
        while (!buckets.isEmpty() && buckets.firstKey() <= nowTick) {
            for (long id : buckets.pollFirstEntry().getValue()) {
                Session s = sessions.get(id);
                assert s != null && !s.isClosing() : "a scheduled session must be live: " + id;
                s.markClosing();
                expired.add(id);
            }
        }
        return expired;
    }

    public int size() {
        return sessions.size();
    }

    public Collection<Session> all() {
        return sessions.values();
    }
}
