package io.paddock.bench;

import java.util.List;

/**
 * One invocation of the generator: which servers, which workloads, and the load shape. Validated here so that
 * a run is always bounded in sessions, requests in flight and time.
 *
 * @param servers       in-process servers to start, one after the other (ignored when {@code external} is set)
 * @param external      a running server on this machine to drive instead, or null
 * @param workloads     workloads to run against each server, in order
 * @param valueSize     bytes of data per create/setData (and in each fixed znode)
 * @param clients       ZooKeeper sessions, each with its own issuing thread
 * @param outstanding   async requests in flight per session
 * @param warmupSeconds seconds of load before measuring
 * @param measureSeconds seconds of load that are measured
 * @param znodes        size of the fixed set of znodes for getData/setData/mixed
 */
public record BenchSettings(
        List<ServerKind> servers,
        String external,
        List<Workload> workloads,
        int valueSize,
        int clients,
        int outstanding,
        int warmupSeconds,
        int measureSeconds,
        int znodes,
        boolean zkForceSync,
        ZkCnxnFactory zkCnxnFactory,
        int tickTime,
        int maxClientCnxns,
        int sessionTimeoutMs) {

    static final int MAX_CLIENTS = 50;
    static final int MAX_OUTSTANDING = 10_000;
    static final int MAX_SECONDS = 600;
    static final int MAX_ZNODES = 100_000;
    /** jute.maxbuffer is 1 MiB less a byte; keep the value well inside it. */
    static final int MAX_VALUE_SIZE = 512 * 1024;

    public BenchSettings {
        servers = List.copyOf(servers);
        workloads = List.copyOf(workloads);
        require(external != null || !servers.isEmpty(), "no server to drive");
        require(!workloads.isEmpty(), "no workload");
        require(valueSize >= 0 && valueSize <= MAX_VALUE_SIZE, "value size must be 0.." + MAX_VALUE_SIZE);
        require(clients >= 1 && clients <= MAX_CLIENTS, "clients must be 1.." + MAX_CLIENTS);
        require(clients < maxClientCnxns, "clients must stay below maxClientCnxns " + maxClientCnxns);
        require(outstanding >= 1 && outstanding <= MAX_OUTSTANDING, "outstanding must be 1.." + MAX_OUTSTANDING);
        require(warmupSeconds >= 0 && warmupSeconds <= MAX_SECONDS, "warm-up must be 0.." + MAX_SECONDS + " s");
        require(measureSeconds >= 1 && measureSeconds <= MAX_SECONDS, "measure must be 1.." + MAX_SECONDS + " s");
        require(znodes >= 1 && znodes <= MAX_ZNODES, "znodes must be 1.." + MAX_ZNODES);
        require(tickTime > 0, "tickTime must be positive");
        require(sessionTimeoutMs >= 2 * tickTime && sessionTimeoutMs <= 20 * tickTime,
                "session timeout must lie within the servers' bounds (2..20 ticks)");
        java.util.Objects.requireNonNull(zkCnxnFactory, "zkCnxnFactory");
    }

    /** The defaults of the command line: both servers, mixed, 100 bytes, 8 x 100, 5 s + 15 s. */
    public static BenchSettings defaults() {
        return new BenchSettings(List.of(ServerKind.PADDOCK, ServerKind.ZOOKEEPER), null, List.of(Workload.MIXED),
                100, 8, 100, 5, 15, 1000, true, ZkCnxnFactory.NIO, 2000, 60, 30_000);
    }

    public BenchSettings withServers(List<ServerKind> kinds) {
        return new BenchSettings(kinds, external, workloads, valueSize, clients, outstanding, warmupSeconds,
                measureSeconds, znodes, zkForceSync, zkCnxnFactory, tickTime, maxClientCnxns, sessionTimeoutMs);
    }

    public BenchSettings withWorkloads(List<Workload> list) {
        return new BenchSettings(servers, external, list, valueSize, clients, outstanding, warmupSeconds,
                measureSeconds, znodes, zkForceSync, zkCnxnFactory, tickTime, maxClientCnxns, sessionTimeoutMs);
    }

    public BenchSettings withLoad(int clientCount, int outstandingPerClient, int valueBytes) {
        return new BenchSettings(servers, external, workloads, valueBytes, clientCount, outstandingPerClient,
                warmupSeconds, measureSeconds, znodes, zkForceSync, zkCnxnFactory, tickTime, maxClientCnxns,
                sessionTimeoutMs);
    }

    public BenchSettings withDuration(int warmup, int measure) {
        return new BenchSettings(servers, external, workloads, valueSize, clients, outstanding, warmup, measure,
                znodes, zkForceSync, zkCnxnFactory, tickTime, maxClientCnxns, sessionTimeoutMs);
    }

    public BenchSettings withZnodes(int count) {
        return new BenchSettings(servers, external, workloads, valueSize, clients, outstanding, warmupSeconds,
                measureSeconds, count, zkForceSync, zkCnxnFactory, tickTime, maxClientCnxns, sessionTimeoutMs);
    }

    public BenchSettings withZooKeeper(boolean forceSync, ZkCnxnFactory factory) {
        return new BenchSettings(servers, external, workloads, valueSize, clients, outstanding, warmupSeconds,
                measureSeconds, znodes, forceSync, factory, tickTime, maxClientCnxns, sessionTimeoutMs);
    }

    public BenchSettings withExternal(String hostPort) {
        return new BenchSettings(servers, hostPort, workloads, valueSize, clients, outstanding, warmupSeconds,
                measureSeconds, znodes, zkForceSync, zkCnxnFactory, tickTime, maxClientCnxns, sessionTimeoutMs);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
