package io.paddock.sim.client;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZooKeeper's client order guarantee: a client's requests complete (reply or ConnectionLoss) in the order they were
 * sent. The client keeps one pending queue per connection, the server answers a session's requests in order, and
 * a reply whose xid is not the head of the queue is treated as a protocol error; when the connection goes, every
 * pending request fails with ConnectionLoss, in order. So:
 * <ul>
 *   <li>a Replied or Lost xid must be the oldest outstanding request of the client;</li>
 *   <li>once a request is Lost, or the connection is Disconnected, or the session Expired, every request that was
 *       outstanding at that moment must end Lost, never Replied.</li>
 * </ul>
 * Not flagged: requests still outstanding when the log ends (the simulation may simply have stopped), and requests
 * sent while disconnected that are answered after the next connect (ZooKeeper queues them).
 */
public final class FifoCheck implements ClientCheck {

    @Override
    public List<ClientViolation> check(Map<?, ? extends List<? extends ClientEvent>> logs) {
        return ClientCheck.eachClient(logs, FifoCheck::checkClient);
    }

    private static void checkClient(String client, List<? extends ClientEvent> log, List<ClientViolation> found) {
        Map<Integer, ClientEvent.Invoked> outstanding = new LinkedHashMap<>(); // invocation order
        Map<Integer, String> doomed = new HashMap<>(); // xid -> why its connection is gone
        for (ClientEvent event : log) {
            switch (event) {
                case ClientEvent.Invoked i -> {
                    if (outstanding.containsKey(i.xid()) || doomed.containsKey(i.xid())) {
                        found.add(new ClientViolation(Property.MALFORMED_LOG, client, i.session(),
                                "xid " + i.xid() + " invoked again at " + i.at() + " while still outstanding"));
                    } else {
                        outstanding.put(i.xid(), i);
                    }
                }
                case ClientEvent.Replied r -> {
                    String why = doomed.remove(r.xid());
                    if (why != null) {
                        found.add(new ClientViolation(Property.FIFO, client, r.session(), "xid " + r.xid()
                                + " replied (zxid " + ClientViolation.hex(r.zxid()) + ", " + r.outcome() + ") at "
                                + r.at() + " from server " + r.server() + ", but it was outstanding when " + why
                                + ", so it must have been lost"));
                    } else {
                        complete(client, r.session(), r.xid(), r.at(), "replied", outstanding, found);
                    }
                }
                case ClientEvent.Lost l -> {
                    if (doomed.remove(l.xid()) == null) {
                        if (complete(client, l.session(), l.xid(), l.at(), "lost", outstanding, found)) {
                            doom(outstanding, doomed, "xid " + l.xid() + " was lost at " + l.at());
                        }
                    }
                }
                case ClientEvent.Disconnected d -> doom(outstanding, doomed,
                        "the connection to server " + d.server() + " dropped at " + d.at() + " (" + d.why() + ")");
                case ClientEvent.Expired x -> doom(outstanding, doomed,
                        "session " + ClientViolation.hex(x.session()) + " expired at " + x.at());
                case ClientEvent.WatchFired w -> { }
                case ClientEvent.Connected c -> { }
            }
        }
    }

    /** Completes {@code xid}; false when it was not outstanding at all. */
    private static boolean complete(String client, long session, int xid, long at, String how,
                                    Map<Integer, ClientEvent.Invoked> outstanding, List<ClientViolation> found) {
        ClientEvent.Invoked invoked = outstanding.get(xid);
        if (invoked == null) {
            found.add(new ClientViolation(Property.MALFORMED_LOG, client, session,
                    "xid " + xid + " " + how + " at " + at + " but it is not outstanding (never invoked, or completed twice)"));
            return false;
        }
        ClientEvent.Invoked oldest = outstanding.values().iterator().next();
        if (oldest.xid() != xid) {
            found.add(new ClientViolation(Property.FIFO, client, session, "xid " + xid + " ("
                    + ClientViolation.describe(invoked.command()) + ", invoked at " + invoked.at() + ") " + how + " at "
                    + at + " while the earlier xid " + oldest.xid() + " (" + ClientViolation.describe(oldest.command())
                    + ", invoked at " + oldest.at() + ") was still outstanding"));
        }
        outstanding.remove(xid);
        return true;
    }

    private static void doom(Map<Integer, ClientEvent.Invoked> outstanding, Map<Integer, String> doomed, String why) {
        for (Integer xid : outstanding.keySet()) doomed.put(xid, why);
        outstanding.clear();
    }
}
