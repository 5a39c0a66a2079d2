package io.paddock.sim.session;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A tiny deterministic world of {@link SimClient}s and {@link PeerServer}s with zero-latency, in-order delivery:
 * one FIFO queue of deliveries, drained after every step of time. Time advances in client ticks (every
 * {@code clientTickMillis}) and server ticks (every {@code serverTickMillis}). Servers can be made unreachable,
 * either refusing connections (and resetting the open ones) or silently dropping everything (a partition).
 */
public final class ClientNetwork {

    /** How a server can be reached. */
    public enum Reach {
        UP,
        /** Connections are refused and open ones reset, both ends told. */
        REFUSING,
        /** Nothing gets through either way and nobody is told: opens hang, frames vanish. */
        SILENT
    }

    private record Conn(long id, SimClient client, long server) {
    }

    /** A frame a client wrote, in the order written (whether or not it got through). */
    public record SentFrame(long at, long connectionId, long server, Outbound frame) {
    }

    private final long wallClockBase;
    private final int clientTickMillis;
    private final int serverTickMillis;
    private final Map<Long, PeerServer> servers = new TreeMap<>();
    private final Map<Long, Reach> reach = new HashMap<>();
    private final Map<Long, Conn> open = new HashMap<>();
    private final List<SimClient> clients = new ArrayList<>();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<SentFrame> sent = new ArrayList<>();
    private long now;
    private long nextConnectionId = 1;
    private long nextClientTick;
    private long nextServerTick;

    public ClientNetwork(long wallClockBase, int clientTickMillis, int serverTickMillis) {
        if (clientTickMillis < 1 || serverTickMillis < 1) throw new IllegalArgumentException("ticks must be positive");
        this.wallClockBase = wallClockBase;
        this.clientTickMillis = clientTickMillis;
        this.serverTickMillis = serverTickMillis;
        this.nextClientTick = clientTickMillis;
        this.nextServerTick = serverTickMillis;
    }

    public long now() {
        return now;
    }

    public void addServer(long id, PeerServer server) {
        if (servers.putIfAbsent(id, server) != null) throw new IllegalArgumentException("server " + id + " exists");
        reach.put(id, Reach.UP);
    }

    public PeerServer server(long id) {
        return servers.get(id);
    }

    /** A client of every server, started at once; it behaves by {@code workload}. */
    public SimClient addClient(ClientConfig config, ClientWorkload workload, SplittableRandom random) {
        Link link = new Link();
        SimClient client = new SimClient(config, List.copyOf(servers.keySet()), random, link, workload);
        link.owner = client;
        clients.add(client);
        client.start(now);
        runUntilQuiet();
        return client;
    }

    /** Every frame clients wrote so far. */
    public List<SentFrame> sentFrames() {
        return List.copyOf(sent);
    }

    public void setReach(long server, Reach newReach) {
        reach.put(server, newReach);
        if (newReach == Reach.REFUSING) {
            for (Conn c : List.copyOf(open.values())) {
                if (c.server() == server) {
                    closeOnServer(c);
                    queue.add(() -> c.client().onConnectionLost(c.id(), "connection reset", now));
                }
            }
        }
        runUntilQuiet();
    }

    /** Runs every delivery that is due now, including those it causes. */
    public void runUntilQuiet() {
        Runnable next;
        while ((next = queue.poll()) != null) next.run();
    }

    /** Advances time to {@code until}, ticking servers and clients on their schedules (servers first at a tie). */
    public void advanceTo(long until) {
        runUntilQuiet();
        while (Math.min(nextClientTick, nextServerTick) <= until) {
            if (nextServerTick <= nextClientTick) {
                now = nextServerTick;
                nextServerTick += serverTickMillis;
                for (Map.Entry<Long, PeerServer> s : servers.entrySet()) {
                    route(s.getKey(), s.getValue().step(new Event.Tick(wallClockBase + now)));
                }
            } else {
                now = nextClientTick;
                nextClientTick += clientTickMillis;
                for (SimClient c : clients) c.tick(now);
            }
            runUntilQuiet();
        }
        now = Math.max(now, until);
    }

    public void advanceBy(long millis) {
        advanceTo(now + millis);
    }

    // ---- delivery ----

    private void toServer(Conn c, Event event) {
        if (reach.get(c.server()) == Reach.SILENT) return;
        PeerServer server = servers.get(c.server());
        route(c.server(), server.step(event));
        if (server.hasUndurable()) {
            queue.add(() -> route(c.server(), server.makeDurable()));
        }
    }

    private void route(long serverId, List<Action> actions) {
        if (reach.get(serverId) == Reach.SILENT) return;
        for (Action action : actions) {
            Conn c = open.get(PeerServer.connectionOf(action));
            if (c == null) continue; // the client end is gone
            if (action instanceof Action.CloseConnection) closeOnServer(c);
            queue.add(() -> c.client().onServerAction(c.id(), action, now));
        }
    }

    /** Forgets the connection and tells its server it is gone. */
    private void closeOnServer(Conn c) {
        if (open.remove(c.id()) == null) return;
        queue.add(() -> toServer(c, new Event.ConnectionClosed(c.id())));
    }

    private final class Link implements ClientLink {
        private SimClient owner;

        @Override
        public long open(long server) {
            long id = nextConnectionId++;
            Conn c = new Conn(id, owner, server);
            switch (reach.get(server)) {
                case UP -> {
                    open.put(id, c);
                    queue.add(() -> toServer(c, new Event.ConnectionOpened(id, "10.0.0." + (clients.indexOf(owner) + 1))));
                    queue.add(() -> owner.onTransportOpen(id, now));
                }
                case REFUSING -> queue.add(() -> owner.onConnectionLost(id, "connection refused", now));
                case SILENT -> open.put(id, c); // the connect hangs until the client times out
            }
            return id;
        }

        @Override
        public void send(long connectionId, Outbound frame) {
            Conn c = open.get(connectionId);
            if (c == null) return;
            sent.add(new SentFrame(now, connectionId, c.server(), frame));
            queue.add(() -> toServer(c, frame.toEvent(connectionId, wallClockBase + now)));
        }

        @Override
        public void close(long connectionId) {
            Conn c = open.get(connectionId);
            if (c != null) closeOnServer(c);
        }
    }
}
