package io.paddock.sim.client;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reply-header zxids a session sees never decrease, across reconnects too. The facts (ZooKeeper 3.9): every reply
 * header, for reads, writes and errors alike, carries the answering server's last processed zxid at reply time
 * (FinalRequestProcessor), which only grows on one server and a session's requests are answered in order; a server
 * refuses to resume a session whose lastZxidSeen is ahead of it (ZooKeeperServer.processConnectRequest), and the
 * client sends the last header zxid it saw. Rules, per session:
 * <ul>
 *   <li>a Replied zxid is at least every earlier Replied zxid of the session;</li>
 *   <li>a Replied zxid is at least the lastZxidSeen of the session's latest Connected (the server accepted it, so
 *       it had processed that much);</li>
 *   <li>a Connected's lastZxidSeen is at least the largest zxid the session saw (else the simulated client sent a
 *       stale lastZxidSeen and the server could not protect it: a client bug, reported here).</li>
 * </ul>
 * Not flagged: zxids &lt;= 0 (the ZooKeeper client ignores them too), watch notification zxids (they are not reply
 * headers; see {@link WatchCheck}), and anything across two different sessions of one client (a new session starts
 * from lastZxidSeen 0 and may land on a server that is behind).
 */
public final class MonotonicZxidCheck implements ClientCheck {

    private record Seen(long zxid, int xid, long server) {
    }

    @Override
    public List<ClientViolation> check(Map<?, ? extends List<? extends ClientEvent>> logs) {
        return ClientCheck.eachClient(logs, MonotonicZxidCheck::checkClient);
    }

    private static void checkClient(String client, List<? extends ClientEvent> log, List<ClientViolation> found) {
        Map<Long, Seen> highest = new HashMap<>();
        Map<Long, ClientEvent.Connected> accepted = new HashMap<>();
        for (ClientEvent event : log) {
            switch (event) {
                case ClientEvent.Replied r when r.zxid() > 0 -> {
                    Seen before = highest.get(r.session());
                    if (before != null && r.zxid() < before.zxid()) {
                        found.add(new ClientViolation(Property.MONOTONIC_ZXID, client, r.session(), "reply to xid "
                                + r.xid() + " from server " + r.server() + " carries zxid " + ClientViolation.hex(r.zxid())
                                + ", but the session already saw zxid " + ClientViolation.hex(before.zxid())
                                + " in the reply to xid " + before.xid() + " from server " + before.server()));
                    } else {
                        ClientEvent.Connected connect = accepted.get(r.session());
                        if (connect != null && r.zxid() < connect.lastZxidSeen()) {
                            found.add(new ClientViolation(Property.MONOTONIC_ZXID, client, r.session(), "reply to xid "
                                    + r.xid() + " from server " + r.server() + " carries zxid "
                                    + ClientViolation.hex(r.zxid()) + ", below lastZxidSeen "
                                    + ClientViolation.hex(connect.lastZxidSeen()) + " that server " + connect.server()
                                    + " accepted at " + connect.at()));
                        }
                    }
                    if (before == null || r.zxid() > before.zxid()) {
                        highest.put(r.session(), new Seen(r.zxid(), r.xid(), r.server()));
                    }
                }
                case ClientEvent.Connected c -> {
                    Seen before = highest.get(c.session());
                    if (before != null && c.lastZxidSeen() < before.zxid()) {
                        found.add(new ClientViolation(Property.MONOTONIC_ZXID, client, c.session(),
                                "client bug: resumed the session on server " + c.server() + " at " + c.at()
                                        + " with lastZxidSeen " + ClientViolation.hex(c.lastZxidSeen())
                                        + ", but it had seen zxid " + ClientViolation.hex(before.zxid())
                                        + " in the reply to xid " + before.xid()));
                    }
                    accepted.put(c.session(), c);
                }
                default -> { }
            }
        }
    }
}
