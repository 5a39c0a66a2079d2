package io.paddock.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line: drives Paddock and/or Apache ZooKeeper with the official client and prints comparable numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        version = "paddock-bench 0.1.0-SNAPSHOT (official ZooKeeper client 3.9.5)",
        description = {
            "Side-by-side load on a standalone Paddock and a standalone Apache ZooKeeper 3.9.5 server,"
                + " both started in this JVM on 127.0.0.1 (or one running server given with --connect), driven by the"
                + " official ZooKeeper client's async API. Prints ops/s and latency percentiles per server and"
                + " workload, then a side-by-side table with the ratio Paddock/ZooKeeper.",
            "Both servers force (fsync) their txn log before acknowledging a write; --zk-no-fsync turns that off"
                + " for ZooKeeper only, so writes are then not compared at equal durability."})
public final class LoadGenerator implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", defaultValue = "both", paramLabel = "paddock|zookeeper|both",
            description = "Which in-process server(s) to start, each fresh for each workload (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--connect", paramLabel = "host:port",
            description = "Drive a server already running on this machine instead (loopback addresses only).")
    String connect;

    @Option(names = {"-w", "--workload"}, split = ",", defaultValue = "mixed",
            paramLabel = "create|setData|getData|mixed|all",
            description = "Workload(s), comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--value-size", defaultValue = "100", description = "Bytes per value (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = {"-c", "--clients"}, defaultValue = "8", description = "Sessions (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--outstanding", defaultValue = "100",
            description = "Async requests in flight per session (default: ${DEFAULT-VALUE}).")
    int outstanding;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--measure", defaultValue = "15", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int measure;

    @Option(names = "--znodes", defaultValue = "1000",
            description = "Fixed znodes for getData/setData/mixed (default: ${DEFAULT-VALUE}).")
    int znodes;

    @Option(names = "--zk-no-fsync",
            description = "Run ZooKeeper with zookeeper.forceSync=no (Paddock still fsyncs: writes are then not like for like).")
    boolean zkNoFsync;

    @Option(names = "--zk-cnxn-factory", defaultValue = "NIO", paramLabel = "nio|netty",
            description = "ZooKeeper's server connection factory (default: ${DEFAULT-VALUE}).")
    ZkCnxnFactory zkCnxnFactory;

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            exitCode = commandLine().execute(args);
        } finally {
            // Always exit: a server thread left behind by a failure must not keep the JVM alive.
            System.exit(exitCode);
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new LoadGenerator()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        BenchSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<RunResult> results = Benchmark.run(settings, System.out);
        return results.stream().allMatch(RunResult::clean) ? 0 : 2;
    }

    /** The settings these options describe; IllegalArgumentException says what is wrong with them. */
    BenchSettings settings() {
        return BenchSettings.defaults()
                .withServers(servers(target))
                .withWorkloads(workloads(workloads))
                .withLoad(clients, outstanding, valueSize)
                .withDuration(warmup, measure)
                .withZnodes(znodes)
                .withZooKeeper(!zkNoFsync, zkCnxnFactory)
                .withExternal(connect == null ? null : ExternalServer.parse(connect).connectString());
    }

    static List<ServerKind> servers(String target) {
        return switch (target.toLowerCase(Locale.ROOT)) {
            case "paddock" -> List.of(ServerKind.PADDOCK);
            case "zookeeper", "zk" -> List.of(ServerKind.ZOOKEEPER);
            case "both" -> List.of(ServerKind.PADDOCK, ServerKind.ZOOKEEPER);
            default -> throw new IllegalArgumentException("--target must be paddock, zookeeper or both, not '"
                    + target + "'");
        };
    }

    static List<Workload> workloads(List<String> names) {
        List<Workload> list = new ArrayList<>();
        for (String name : names) {
            if (name.strip().equalsIgnoreCase("all")) {
                list.addAll(List.of(Workload.values()));
            } else {
                list.add(Workload.parse(name));
            }
        }
        return list.stream().distinct().toList();
    }
}
