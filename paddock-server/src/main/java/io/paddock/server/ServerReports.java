package io.paddock.server;

import io.paddock.core.node.ServerView;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The four-letter words that report the loop's state, in Apache ZooKeeper's exact layouts. Loop thread only. */
final class ServerReports {

    /** What {@code srvr} and {@code mntr} report as the version: the ZooKeeper release whose protocol we speak. */
    static final String FULL_VERSION = "3.9.5-paddock, built on unknown";

    private static final String MODE = "standalone";

    private final int tickTime;

    ServerReports(int tickTime) {
        this.tickTime = tickTime;
    }

    /** {@code srvr}, or {@code stat} when {@code withClients}. */
    String srvr(LoopState state, boolean withClients) {
        StringBuilder out = new StringBuilder();
        out.append("Zookeeper version: ").append(FULL_VERSION).append('\n');
        if (withClients) {
            out.append("Clients:\n");
            for (ConnectionState connection : state.connections()) {
                connectionInfo(out, state.view(), connection, true);
                out.append('\n');
            }
            out.append('\n');
        }
        ServerStats stats = state.serverStats();
        LatencyStats latency = stats.latency();
        out.append("Latency min/avg/max: ").append(latency.min()).append('/').append(latency.avg()).append('/')
                .append(latency.max()).append('\n');
        out.append("Received: ").append(stats.packetsReceived()).append('\n');
        out.append("Sent: ").append(stats.packetsSent()).append('\n');
        out.append("Connections: ").append(state.connections().size()).append('\n');
        out.append("Outstanding: ").append(state.view().outstandingRequests()).append('\n');
        out.append("Zxid: 0x").append(Long.toHexString(state.view().lastProcessedZxid())).append('\n');
        out.append("Mode: ").append(MODE).append('\n');
        out.append("Node count: ").append(state.view().nodeCount()).append('\n');
        return out.toString();
    }

    String cons(LoopState state) {
        StringBuilder out = new StringBuilder();
        for (ConnectionState connection : state.connections()) {
            connectionInfo(out, state.view(), connection, false);
            out.append('\n');
        }
        out.append('\n');
        return out.toString();
    }

    private static void connectionInfo(StringBuilder out, ServerView view, ConnectionState c, boolean brief) {
        int interestOps = c.connection.interestOps();
        out.append(' ').append(c.connection.remoteAddress()).append('[')
                .append(interestOps == 0 ? "0" : Integer.toHexString(interestOps))
                .append("](queued=").append(c.outstanding())
                .append(",recved=").append(c.packetsReceived)
                .append(",sent=").append(c.packetsSent);
        long sessionId = view.sessionOf(c.id);
        if (!brief && sessionId != 0) {
            Integer timeout = view.sessionTimeouts().get(sessionId);
            out.append(",sid=0x").append(Long.toHexString(sessionId))
                    .append(",lop=").append(c.lastOp())
                    .append(",est=").append(c.establishedMillis)
                    .append(",to=").append(timeout == null ? 0 : timeout);
            if (c.lastCxid() >= 0) {
                out.append(",lcxid=0x").append(Long.toHexString(c.lastCxid()));
            }
            out.append(",lzxid=0x").append(Long.toHexString(c.lastZxid()))
                    .append(",lresp=").append(c.lastResponseTime())
                    .append(",llat=").append(c.lastLatency())
                    .append(",minlat=").append(c.minLatency())
                    .append(",avglat=").append(c.avgLatency())
                    .append(",maxlat=").append(c.maxLatency());
        }
        out.append(')');
    }

    String mntr(LoopState state, long nowMillis) {
        ServerView view = state.view();
        ServerStats stats = state.serverStats();
        StringBuilder out = new StringBuilder();
        metric(out, "version", FULL_VERSION);
        metric(out, "server_state", MODE);
        metric(out, "avg_latency", Double.toString(stats.latency().avg()));
        metric(out, "max_latency", stats.latency().max());
        metric(out, "min_latency", stats.latency().min());
        metric(out, "packets_received", stats.packetsReceived());
        metric(out, "packets_sent", stats.packetsSent());
        metric(out, "num_alive_connections", state.connections().size());
        metric(out, "outstanding_requests", view.outstandingRequests());
        metric(out, "uptime", stats.uptimeMillis(nowMillis));
        metric(out, "znode_count", view.nodeCount());
        metric(out, "watch_count", view.watchCount());
        metric(out, "ephemerals_count", view.ephemeralCount());
        metric(out, "approximate_data_size", view.approximateDataSize());
        metric(out, "global_sessions", view.sessionCount());
        metric(out, "local_sessions", 0);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            metric(out, "open_file_descriptor_count", unix.getOpenFileDescriptorCount());
            metric(out, "max_file_descriptor_count", unix.getMaxFileDescriptorCount());
        }
        metric(out, "connection_drop_probability", "0.0");
        return out.toString();
    }

    private static void metric(StringBuilder out, String key, Object value) {
        out.append("zk_").append(key).append('\t').append(value).append('\n');
    }

    String wchs(LoopState state) {
        ServerView view = state.view();
        return view.watchingConnectionCount() + " connections watching " + view.watchedPathCount() + " paths\n"
                + "Total watches:" + view.watchCount() + "\n";
    }

    /** Watches by connection, each connection shown by its session id as ZooKeeper does. */
    String wchc(LoopState state) {
        ServerView view = state.view();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Long, List<String>> e : view.watchedPathsByConnection().entrySet()) {
            out.append("0x").append(Long.toHexString(view.sessionOf(e.getKey()))).append('\n');
            for (String path : e.getValue()) {
                out.append('\t').append(path).append('\n');
            }
        }
        out.append('\n');
        return out.toString();
    }

    String wchp(LoopState state) {
        ServerView view = state.view();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Long>> e : view.watchingConnectionsByPath().entrySet()) {
            out.append(e.getKey()).append('\n');
            for (long connectionId : e.getValue()) {
                out.append("\t0x").append(Long.toHexString(view.sessionOf(connectionId))).append('\n');
            }
        }
        out.append('\n');
        return out.toString();
    }

    /**
     * Sessions grouped into expiry sets, then ephemerals per session. The core does not expose when each session
     * will expire, so a set here is the sessions sharing a timeout, dated as if they had just been heard from
     * (rounded up to a tick, as ZooKeeper rounds its expiry times).
     */
    String dump(LoopState state, long nowMillis) {
        ServerView view = state.view();
        Map<Long, List<Long>> byExpiry = new TreeMap<>();
        for (Map.Entry<Long, Integer> e : view.sessionTimeouts().entrySet()) {
            long expiry = roundUpToTick(nowMillis + e.getValue());
            byExpiry.computeIfAbsent(expiry, k -> new ArrayList<>()).add(e.getKey());
        }
        StringBuilder out = new StringBuilder("SessionTracker dump:\n");
        out.append("Session Sets (").append(byExpiry.size()).append(")/(").append(view.sessionCount())
                .append("):\n");
        for (Map.Entry<Long, List<Long>> set : byExpiry.entrySet()) {
            out.append(set.getValue().size()).append(" expire at ").append(new Date(set.getKey())).append(":\n");
            for (long sessionId : set.getValue()) {
                out.append("\t0x").append(Long.toHexString(sessionId)).append('\n');
            }
        }
        out.append("ephemeral nodes dump:\n");
        Map<Long, List<String>> ephemerals = view.ephemeralsBySession();
        out.append("Sessions with Ephemerals (").append(ephemerals.size()).append("):\n");
        for (Map.Entry<Long, List<String>> e : ephemerals.entrySet()) {
            out.append("0x").append(Long.toHexString(e.getKey())).append(":\n");
            for (String path : e.getValue()) {
                out.append('\t').append(path).append('\n');
            }
        }
        out.append("Connections dump:\n");
        return out.toString();
    }

    private long roundUpToTick(long millis) {
        return (millis / tickTime + 1) * tickTime;
    }
}
