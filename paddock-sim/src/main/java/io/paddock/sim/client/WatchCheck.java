package io.paddock.sim.client;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watch guarantees, per session. Facts (ZooKeeper 3.9): getData registers a data watch only when the node exists,
 * exists registers one whether or not it does (DataTree.getData / statNode); the server keeps at most one
 * registration per path and connection (WatchManager holds a set) and removes it when it fires; a txn triggers its
 * watches while it is applied, before the server's last processed zxid moves to it, and the notification carries
 * the txn's zxid; on reconnect the client re-sends its armed watches (setWatches) and the new server either
 * re-arms them or fires them at once, with no zxid (-1). Rules:
 * <ul>
 *   <li>at most once: a data event (created, deleted, data changed) on path p needs an armed registration on p,
 *       armed by a reply to a watching read that registers (getData found, exists found or not), and consumed by
 *       the event. Reads on an armed path do not add a second registration; a reconnect keeps it armed;</li>
 *   <li>events carrying a zxid arrive in non-decreasing zxid order;</li>
 *   <li>an event for txn Z arrives before any reply whose header zxid is &gt;= Z ("see the event before the new
 *       data").</li>
 * </ul>
 * An event that arrives while a watching read on its path is still unanswered is charged to that read (the server
 * may already have registered it). Not flagged: child events (type 4; no command here registers a child watch),
 * which kind of data event fires which registration, a watch that never fires (the log may end first, and a
 * missed event is not visible in one session's log), events with zxid &lt;= 0 in the ordering rules, and nothing
 * across sessions (watches die with their session).
 */
public final class WatchCheck implements ClientCheck {

    private static final int NODE_CREATED = 1;
    private static final int NODE_DELETED = 2;
    private static final int NODE_DATA_CHANGED = 3;

    private record Registration(int xid, long at) {
    }

    private record Fired(long zxid, long at, String path) {
    }

    private static final class Session {
        final Map<String, Registration> armed = new HashMap<>();
        final Map<String, Fired> lastFiredOn = new HashMap<>();
        final Map<String, Integer> earlyEvents = new HashMap<>();
        long highestReply;
        int highestReplyXid;
        Fired latestEvent;
    }

    @Override
    public List<ClientViolation> check(Map<?, ? extends List<? extends ClientEvent>> logs) {
        return ClientCheck.eachClient(logs, WatchCheck::checkClient);
    }

    private static void checkClient(String client, List<? extends ClientEvent> log, List<ClientViolation> found) {
        Map<Long, Session> sessions = new HashMap<>();
        Map<Integer, Command> watchingReads = new HashMap<>(); // per client: a read sent before the first connect has session 0
        for (ClientEvent event : log) {
            Session s = sessions.computeIfAbsent(event.session(), id -> new Session());
            switch (event) {
                case ClientEvent.Invoked i -> {
                    if (i.watch() && i.command() != null && i.command().readOnly()) {
                        watchingReads.put(i.xid(), i.command());
                    }
                }
                case ClientEvent.Lost l -> {
                    // the server may have registered it before the connection went: charge an early event to it
                    Command read = watchingReads.remove(l.xid());
                    if (read != null) takeEarly(s, read.path());
                }
                case ClientEvent.Replied r -> {
                    Command read = watchingReads.remove(r.xid());
                    if (read != null) replied(client, s, read, r, watchingReads, found);
                    if (r.zxid() > s.highestReply) {
                        s.highestReply = r.zxid();
                        s.highestReplyXid = r.xid();
                    }
                }
                case ClientEvent.WatchFired w -> fired(client, s, w, watchingReads, found);
                case ClientEvent.Expired x -> sessions.remove(x.session());
                case ClientEvent.Connected c -> { }
                case ClientEvent.Disconnected d -> { }
            }
        }
    }

    private static void replied(String client, Session s, Command read, ClientEvent.Replied r,
                                Map<Integer, Command> watchingReads, List<ClientViolation> found) {
        String path = read.path();
        Outcome outcome = r.outcome();
        boolean registers = outcome instanceof Outcome.Read || outcome instanceof Outcome.Found
                || outcome instanceof Outcome.NoNode && read instanceof Command.Exists;
        if (registers) {
            if (!takeEarly(s, path)) s.armed.putIfAbsent(path, new Registration(r.xid(), r.at()));
            return;
        }
        // this read registered nothing: an event charged to it early had no registration after all
        int early = s.earlyEvents.getOrDefault(path, 0);
        if (early > pendingOn(watchingReads, path)) {
            takeEarly(s, path);
            found.add(new ClientViolation(Property.WATCH, client, r.session(), "a watch event on " + path
                    + " arrived while xid " + r.xid() + " was outstanding, but that read registered no watch ("
                    + outcome + ") and no other watch on " + path + " was armed"));
        }
    }

    private static void fired(String client, Session s, ClientEvent.WatchFired w, Map<Integer, Command> watchingReads,
                              List<ClientViolation> found) {
        String where = "watch event type " + w.eventType() + " on " + w.path() + " (zxid " + ClientViolation.hex(w.zxid())
                + ") at " + w.at() + " from server " + w.server();
        if (w.eventType() == NODE_CREATED || w.eventType() == NODE_DELETED || w.eventType() == NODE_DATA_CHANGED) {
            if (s.armed.remove(w.path()) == null) {
                int early = s.earlyEvents.getOrDefault(w.path(), 0);
                if (pendingOn(watchingReads, w.path()) > early) {
                    s.earlyEvents.put(w.path(), early + 1);
                } else {
                    Fired before = s.lastFiredOn.get(w.path());
                    found.add(new ClientViolation(Property.WATCH, client, w.session(), where
                            + ", but the session holds no watch on " + w.path() + (before == null
                            ? " (none was registered)"
                            : ": its last one already fired at " + before.at() + " (zxid "
                                    + ClientViolation.hex(before.zxid()) + ") and no read re-registered it")));
                }
            }
            s.lastFiredOn.put(w.path(), new Fired(w.zxid(), w.at(), w.path()));
        }
        if (w.zxid() <= 0) return;
        if (s.latestEvent != null && w.zxid() < s.latestEvent.zxid()) {
            found.add(new ClientViolation(Property.WATCH, client, w.session(), where + " arrived after the event on "
                    + s.latestEvent.path() + " with the larger zxid " + ClientViolation.hex(s.latestEvent.zxid())
                    + ": events out of zxid order"));
        }
        if (w.zxid() <= s.highestReply) {
            found.add(new ClientViolation(Property.WATCH, client, w.session(), where + " arrived after the reply to xid "
                    + s.highestReplyXid + " with zxid " + ClientViolation.hex(s.highestReply)
                    + ": the session saw newer data before the event"));
        }
        if (s.latestEvent == null || w.zxid() >= s.latestEvent.zxid()) {
            s.latestEvent = new Fired(w.zxid(), w.at(), w.path());
        }
    }

    private static boolean takeEarly(Session s, String path) {
        int early = s.earlyEvents.getOrDefault(path, 0);
        if (early == 0) return false;
        if (early == 1) s.earlyEvents.remove(path); else s.earlyEvents.put(path, early - 1);
        return true;
    }

    private static int pendingOn(Map<Integer, Command> watchingReads, String path) {
        int n = 0;
        for (Command c : watchingReads.values()) if (c.path().equals(path)) n++;
        return n;
    }
}
