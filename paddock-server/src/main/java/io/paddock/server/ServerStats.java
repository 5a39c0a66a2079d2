package io.paddock.server;

/** Server-wide counters for srvr, stat and mntr, reset by srst. Loop thread only. */
final class ServerStats {
    private final long startMillis;
    private long packetsReceived;
    private long packetsSent;
    private final LatencyStats latency = new LatencyStats();

    ServerStats(long startMillis) {
        this.startMillis = startMillis;
    }

    void packetReceived() {
        packetsReceived++;
    }

    void packetSent() {
        packetsSent++;
    }

    long packetsReceived() {
        return packetsReceived;
    }

    long packetsSent() {
        return packetsSent;
    }

    LatencyStats latency() {
        return latency;
    }

    long uptimeMillis(long nowMillis) {
        return nowMillis - startMillis;
    }

    void reset() {
        packetsReceived = 0;
        packetsSent = 0;
        latency.reset();
    }
}
