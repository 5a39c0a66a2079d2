package io.paddock.sim.client;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No stale read after a newer one: within a session, a read that finds a znode never returns a version older than
 * one the session already knows of. Facts: ZooKeeper promises a session never sees an older view of the tree, even
 * across reconnects (a session's requests are served in order, by a server at least as far as the session's
 * lastZxidSeen); a znode's Stat.mzxid strictly grows over its life, and a re-created znode gets a larger mzxid than
 * anything before it. Each fact the session learns about path p sets a floor under the mzxid of any later
 * successful read of p ("H" is the largest reply-header zxid the session had seen when it sent the request; every
 * request is served at a state at least H, and a write's txn zxid is above H):
 * <ul>
 *   <li>a read found p with mzxid m: later reads must show mzxid &gt;= m;</li>
 *   <li>its own setData succeeded with Stat.mzxid m: later reads must show mzxid &gt;= m;</li>
 *   <li>its own create of p succeeded: p was created at a zxid &gt; H, so later reads must show mzxid &gt; H;</li>
 *   <li>p was absent (own delete succeeded, or any request answered NoNode): p was absent at a state &gt;= H, so a
 *       version with mzxid &lt;= H had already gone; later reads must show mzxid &gt; H.</li>
 * </ul>
 * Deliberately not flagged: a NoNode (or a miss) after the session saw p present, even after its own create: another
 * session may have deleted p since, and one session's log cannot exclude that. Nor anything across sessions (a new
 * session may start on a lagging server), nor reads with no Stat (mzxid -1).
 */
public final class StaleReadCheck implements ClientCheck {

    private record Sent(ClientEvent.Invoked invoked, long headerBefore) {
    }

    private record Floor(long minMzxid, String because) {
    }

    private static final class Session {
        long highestHeader;
        final Map<String, Floor> floors = new HashMap<>();

        void raise(String path, long minMzxid, String because) {
            Floor floor = floors.get(path);
            if (floor == null || minMzxid > floor.minMzxid()) floors.put(path, new Floor(minMzxid, because));
        }
    }

    @Override
    public List<ClientViolation> check(Map<?, ? extends List<? extends ClientEvent>> logs) {
        return ClientCheck.eachClient(logs, StaleReadCheck::checkClient);
    }

    private static void checkClient(String client, List<? extends ClientEvent> log, List<ClientViolation> found) {
        Map<Long, Session> sessions = new HashMap<>();
        Map<Integer, Sent> pending = new HashMap<>(); // per client: a request sent before the first connect has session 0
        for (ClientEvent event : log) {
            Session s = sessions.computeIfAbsent(event.session(), id -> new Session());
            switch (event) {
                case ClientEvent.Invoked i -> pending.put(i.xid(), new Sent(i, s.highestHeader));
                case ClientEvent.Lost l -> pending.remove(l.xid());
                case ClientEvent.Replied r -> {
                    Sent sent = pending.remove(r.xid());
                    if (sent != null && sent.invoked().command() != null) {
                        learn(client, s, sent, r, found);
                    }
                    if (r.zxid() > s.highestHeader) s.highestHeader = r.zxid();
                }
                case ClientEvent.Expired x -> sessions.remove(x.session());
                default -> { }
            }
        }
    }

    private static void learn(String client, Session s, Sent sent, ClientEvent.Replied r, List<ClientViolation> found) {
        Command command = sent.invoked().command();
        String path = command.path();
        long h = sent.headerBefore();
        Outcome outcome = r.outcome();
        boolean foundNode = outcome instanceof Outcome.Read || outcome instanceof Outcome.Found;
        if (foundNode && r.mzxid() >= 0) {
            Floor floor = s.floors.get(path);
            if (floor != null && r.mzxid() < floor.minMzxid()) {
                found.add(new ClientViolation(Property.STALE_READ, client, r.session(), "xid " + r.xid() + " "
                        + command + " from server " + r.server() + " returned mzxid " + ClientViolation.hex(r.mzxid())
                        + " (reply zxid " + ClientViolation.hex(r.zxid()) + "), older than what the session already knew: "
                        + floor.because()));
            }
            s.raise(path, r.mzxid(), "xid " + r.xid() + " read " + path + " at mzxid " + ClientViolation.hex(r.mzxid()));
        } else if (outcome instanceof Outcome.Written && r.mzxid() >= 0) {
            s.raise(path, r.mzxid(), "its own setData xid " + r.xid() + " wrote mzxid " + ClientViolation.hex(r.mzxid()));
        } else if (command instanceof Command.Create && outcome instanceof Outcome.Ok) {
            s.raise(path, h + 1, "its own create xid " + r.xid() + ", sent after zxid " + ClientViolation.hex(h)
                    + ", made " + path + " at a later zxid");
        } else if (outcome instanceof Outcome.NoNode || command instanceof Command.Delete && outcome instanceof Outcome.Ok) {
            s.raise(path, h + 1, "xid " + r.xid() + " (" + command + " -> " + outcome + ", sent after zxid "
                    + ClientViolation.hex(h) + ") saw " + path + " absent, so versions up to that zxid were gone");
        }
    }
}
