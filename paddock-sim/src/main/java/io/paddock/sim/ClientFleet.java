package io.paddock.sim;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import io.paddock.sim.check.Violation;
import io.paddock.sim.client.ClientEvent;
import io.paddock.sim.session.ClientConfig;
import io.paddock.sim.session.ClientLink;
import io.paddock.sim.session.Outbound;
import io.paddock.sim.session.RandomWorkload;
import io.paddock.sim.session.SimClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated clients of a run and the client network between them and the servers: connections with a small
 * random latency, FIFO both ways; a connection to a server that is down is refused; a server crash resets every
 * connection to it. Client-server links are never partitioned (a partitioned server stops serving and closes its
 * connections itself); a client only sees a server's failure as ZooKeeper's client does, through its connection.
 */
final class ClientFleet {
    static final int CLIENT_TICK_MS = 10;
    private static final int MIN_LATENCY_MS = 1;
    private static final int MAX_LATENCY_MS = 4;
    /** Asked of the servers, which clamp it to 20 ticks (2 s at 100 ms ticks): sessions expire during long faults. */
    private static final int SESSION_TIMEOUT_MS = 4_000;
    private static final int MAX_THINK_MS = 200;

    /** One client connection as the network sees it. */
    private static final class Connection {
        final long id;
        final SimClient client;
        final long server;
        /** The server's life this connection reached; -1 until it is open. */
        long serverLife = -1;
        boolean closed;
        long lastToServer;
        long lastToClient;

        Connection(long id, SimClient client, long server) {
            this.id = id;
            this.client = client;
            this.server = server;
        }
    }

    private final World world;
    private final SplittableRandom random;
    private final Map<String, SimClient> clients = new LinkedHashMap<>();
    private final Map<Long, Connection> connections = new HashMap<>();
    private long nextConnection = 1;

    ClientFleet(World world, SplittableRandom random) {
        this.world = world;
        this.random = random;
    }

    void start(int count) {
        List<Long> servers = new ArrayList<>(world.peers.keySet());
        for (int i = 0; i < count; i++) {
            Link link = new Link();
            SimClient client = new SimClient(ClientConfig.defaults(SESSION_TIMEOUT_MS), servers, random.split(), link,
                    new RandomWorkload(i, random.split(), MAX_THINK_MS));
            link.client = client;
            clients.put("c" + i, client);
            // clients start once the ensemble has had a moment to elect; until then their connects are refused
            world.scheduler.at(500 + random.nextInt(1_000), () -> {
                client.start(world.now());
                scheduleTick(client);
            });
        }
    }

    private void scheduleTick(SimClient client) {
        world.scheduler.after(CLIENT_TICK_MS, () -> {
            client.tick(world.now());
            scheduleTick(client);
        });
    }

    /** Every client's log, by client name. */
    Map<String, List<ClientEvent>> logs() {
        Map<String, List<ClientEvent>> logs = new LinkedHashMap<>();
        clients.forEach((name, c) -> logs.put(name, c.events()));
        return logs;
    }

    /**
     * Clients are served once the faults have healed: from {@code settleMs} after the heal no client loses a
     * connection, a request or its session, and every client got a reply within the last {@code recentMs} of the
     * run (a request stuck behind one that never completes would stall its connection).
     */
    List<Violation> liveness(long healedAt, long end, long settleMs, long recentMs) {
        List<Violation> violations = new ArrayList<>();
        clients.forEach((name, client) -> {
            long lastReply = -1;
            for (ClientEvent e : client.events()) {
                if (e instanceof ClientEvent.Replied r) {
                    lastReply = Math.max(lastReply, r.at());
                }
                boolean disruption = e instanceof ClientEvent.Lost || e instanceof ClientEvent.Disconnected
                        || e instanceof ClientEvent.Expired;
                if (disruption && e.at() >= healedAt + settleMs) {
                    violations.add(new Violation("client liveness", e.at(), name + " session 0x"
                            + Long.toHexString(e.session()) + " was disrupted " + (e.at() - healedAt)
                            + " ms after the heal: " + e));
                    return;
                }
            }
            if (lastReply < end - recentMs) {
                violations.add(new Violation("client liveness", end, name + " got no reply in the"
                        + " last " + recentMs + " ms of the run (last at " + lastReply + ", state " + client.state() + ")"));
            }
        });
        return violations;
    }

    SimStats.ClientStats stats(long undecidedPaths) {
        long replies = 0;
        long lost = 0;
        long expiries = 0;
        long watchEvents = 0;
        Set<Long> sessions = new HashSet<>();
        for (SimClient client : clients.values()) {
            for (ClientEvent e : client.events()) {
                switch (e) {
                    case ClientEvent.Replied r -> replies++;
                    case ClientEvent.Lost l -> lost++;
                    case ClientEvent.Expired x -> expiries++;
                    case ClientEvent.WatchFired w -> watchEvents++;
                    case ClientEvent.Connected c -> sessions.add(c.session());
                    default -> {
                    }
                }
            }
        }
        return new SimStats.ClientStats(replies, lost, sessions.size(), expiries, watchEvents, undecidedPaths);
    }

    private long latency() {
        return MIN_LATENCY_MS + random.nextInt(MAX_LATENCY_MS - MIN_LATENCY_MS + 1);
    }

    /** What one client asks of the network. */
    private final class Link implements ClientLink {
        SimClient client;

        @Override
        public long open(long server) {
            Connection conn = new Connection(nextConnection++, client, server);
            connections.put(conn.id, conn);
            long at = world.now() + latency();
            conn.lastToServer = at;
            world.scheduler.at(at, () -> {
                SimPeer peer = world.peers.get(server);
                if (conn.closed) {
                    return;
                }
                if (!peer.isUp()) {
                    conn.closed = true;
                    client.onConnectionLost(conn.id, "connection refused: S" + server + " is down", world.now());
                    return;
                }
                conn.serverLife = peer.incarnation();
                peer.deliverClient(new Event.ConnectionOpened(conn.id, "10.0.1." + (conn.id % 250)));
                client.onTransportOpen(conn.id, world.now());
            });
            return conn.id;
        }

        @Override
        public void send(long connectionId, Outbound frame) {
            Connection conn = connections.get(connectionId);
            if (conn == null || conn.closed) {
                return;
            }
            long at = Math.max(world.now() + latency(), conn.lastToServer);
            conn.lastToServer = at;
            world.scheduler.at(at, () -> {
                SimPeer peer = world.peers.get(conn.server);
                if (!conn.closed && peer.incarnation() == conn.serverLife) {
                    peer.deliverClient(frame.toEvent(conn.id, World.WALL_CLOCK_BASE + world.now()));
                }
            });
        }

        @Override
        public void close(long connectionId) {
            Connection conn = connections.get(connectionId);
            if (conn == null || conn.closed) {
                return;
            }
            conn.closed = true;
            long at = Math.max(world.now() + latency(), conn.lastToServer);
            world.scheduler.at(at, () -> {
                SimPeer peer = world.peers.get(conn.server);
                if (peer.incarnation() == conn.serverLife) {
                    peer.deliverClient(new Event.ConnectionClosed(conn.id));
                }
                connections.remove(conn.id);
            });
        }
    }

    /** Server {@code server} acted toward its clients: each action travels its connection to the client. */
    void fromServer(long server, List<Action> actions) {
        for (Action action : actions) {
            long connectionId = switch (action) {
                case Action.SendConnectResponse r -> r.connectionId();
                case Action.SendReply r -> r.connectionId();
                case Action.SendWatchEvent w -> w.connectionId();
                case Action.CloseConnection c -> c.connectionId();
                case Action.Persist p -> throw new IllegalStateException("S" + server + ": an ensemble server persists through its replica");
                case Action.Trace t -> -1;
            };
            Connection conn = connections.get(connectionId);
            if (conn == null || conn.closed || conn.server != server) {
                continue;
            }
            long at = Math.max(world.now() + latency(), conn.lastToClient);
            conn.lastToClient = at;
            world.scheduler.at(at, () -> {
                if (!conn.closed) {
                    conn.client.onServerAction(conn.id, action, world.now());
                }
            });
        }
    }

    /** The server lost power: every connection to it is reset, as the clients' TCP stacks would report. */
    void serverCrashed(long server) {
        for (Connection conn : new ArrayList<>(connections.values())) {
            if (conn.server == server && !conn.closed && conn.serverLife >= 0) {
                conn.closed = true;
                connections.remove(conn.id);
                world.scheduler.after(latency(), () ->
                        conn.client.onConnectionLost(conn.id, "connection reset: S" + server + " crashed", world.now()));
            }
        }
    }
}
