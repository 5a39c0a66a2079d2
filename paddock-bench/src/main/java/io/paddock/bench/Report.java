package io.paddock.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.zookeeper.Version;

/** The printed report: a header that says what is being compared, a summary per run, and the side-by-side table. */
final class Report {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String ROW = "%-8s  %-11s %12s %9s %9s %9s %9s %9s %8s%n";

    private Report() {
    }

    static String zooKeeperVersion() {
        return Version.getFullVersion().split("[ ,-]")[0];
    }

    static void header(BenchSettings settings, PrintStream out) {
        out.println("=== Paddock vs Apache ZooKeeper: side-by-side load ===");
        for (String line : caveat(settings)) {
            out.println(line);
        }
        out.printf("client    official ZooKeeper client %s, async API: %d sessions x %d requests in flight, values of"
                        + " %d bytes%n", zooKeeperVersion(), settings.clients(), settings.outstanding(),
                settings.valueSize());
        out.printf("workloads %s; warm-up %d s, measure %d s each%n",
                settings.workloads().stream().map(w -> describe(w, settings)).collect(Collectors.joining("; ")),
                settings.warmupSeconds(), settings.measureSeconds());
        if (settings.external() != null) {
            out.printf("server    external, %s%n", settings.external());
        } else {
            out.printf("servers   %s: in-process in this JVM (the clients run here too), one after the other, a fresh"
                            + " server in its own temp dir for each workload; tickTime %d; 127.0.0.1, port 0%n",
                    settings.servers().stream().map(ServerKind::label).collect(Collectors.joining(" then ")),
                    settings.tickTime());
            if (settings.servers().contains(ServerKind.ZOOKEEPER)) {
                out.printf("          ZooKeeper connection factory: %s%n", settings.zkCnxnFactory().className());
            }
        }
        out.printf("machine   %s%n", machine());
    }

    /** The durability each side runs with, loud, because write numbers mean nothing without it. */
    static List<String> caveat(BenchSettings settings) {
        if (settings.external() != null) {
            return List.of("CAVEAT    external server: this tool does not know whether it fsyncs its writes.");
        }
        if (settings.zkForceSync()) {
            return List.of("DURABILITY Paddock: fsync on (group commit); ZooKeeper: fsync on. Like for like: each"
                    + " server forces its txn log before it acknowledges a write.");
        }
        String line = "CAVEAT    Paddock: fsync on (group commit); ZooKeeper: fsync OFF (--zk-no-fsync)";
        String bar = "!".repeat(line.length());
        return List.of(bar, line,
                "          Write numbers (create, setData, the writes in mixed) are NOT a like-for-like durability",
                "          comparison: ZooKeeper acknowledges writes from memory here. Reads (getData) are comparable.",
                bar);
    }

    private static String describe(Workload workload, BenchSettings settings) {
        return switch (workload) {
            case CREATE -> "create (persistent sequential, one parent per session)";
            case SET_DATA -> "setData (random znode of " + settings.znodes() + ")";
            case GET_DATA -> "getData (random znode of " + settings.znodes() + ")";
            case MIXED -> "mixed (" + workload.readPercent() + "% getData / " + (100 - workload.readPercent())
                    + "% setData on " + settings.znodes() + " znodes)";
        };
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("%d cores, %s %s %s, Java %s (%s), max heap %,d MiB, load average %.2f at start",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                runtime.maxMemory() / (1024 * 1024), load);
    }

    static void summary(RunResult result, PrintStream out) {
        out.printf("  => %s / %s: %,.0f ops/s over %.1f s (%,d ops, %,d errors)%n", result.server(),
                result.workload().label(), result.opsPerSecond(), result.seconds(), result.operations(),
                result.errorCount());
        out.printf("     latency us: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
                micros(result.percentileMicros(50)), micros(result.percentileMicros(90)),
                micros(result.percentileMicros(99)), micros(result.percentileMicros(99.9)), micros(result.maxMicros()));
        if (!result.errors().isEmpty()) {
            out.printf("     errors in the window by code: %s%n", result.errors());
        }
        if (result.errorsAllPhases() != result.errorCount()) {
            out.printf("     errors over the whole run (warm-up and drain too): %,d%n", result.errorsAllPhases());
        }
        if (result.unanswered() > 0) {
            out.printf("     UNANSWERED requests: %,d%n", result.unanswered());
        }
        for (String event : result.sessionEvents()) {
            out.printf("     connection event: %s%n", event);
        }
    }

    static void table(BenchSettings settings, List<RunResult> results, PrintStream out) {
        out.println();
        out.println("=== Side by side (latency in microseconds) ===");
        for (String line : caveat(settings)) {
            out.println(line);
        }
        out.printf(ROW, "workload", "server", "ops/s", "p50", "p90", "p99", "p99.9", "max", "errors");
        out.printf(ROW, "--------", "-----------", "------------", "---------", "---------", "---------", "---------",
                "---------", "--------");
        Map<Workload, Map<String, RunResult>> byWorkload = new LinkedHashMap<>();
        for (RunResult result : results) {
            byWorkload.computeIfAbsent(result.workload(), w -> new LinkedHashMap<>()).put(result.server(), result);
        }
        byWorkload.forEach((workload, byServer) -> {
            byServer.values().forEach(result -> out.print(row(result)));
            ratioRow(workload, byServer).ifPresent(out::print);
        });
        out.println();
        out.println("ratio = Paddock / ZooKeeper: above 1x for ops/s means Paddock did more; below 1x for a latency"
                + " means Paddock answered faster.");
        long troubled = results.stream().filter(result -> !result.clean()).count();
        if (troubled > 0) {
            out.printf("%d run(s) had failures, errors, unanswered requests or connection events: see above.%n",
                    troubled);
        }
    }

    static String row(RunResult result) {
        if (result.failure() != null) {
            return String.format("%-8s  %-11s FAILED: %s%n", result.workload().label(), result.server(),
                    result.failure());
        }
        return String.format(ROW, result.workload().label(), result.server(), String.format("%,.0f",
                        result.opsPerSecond()), micros(result.percentileMicros(50)),
                micros(result.percentileMicros(90)), micros(result.percentileMicros(99)),
                micros(result.percentileMicros(99.9)), micros(result.maxMicros()),
                String.format("%,d", result.errorCount()));
    }

    static Optional<String> ratioRow(Workload workload, Map<String, RunResult> byServer) {
        RunResult paddock = byServer.get(ServerKind.PADDOCK.label());
        RunResult zooKeeper = byServer.get(ServerKind.ZOOKEEPER.label());
        if (paddock == null || zooKeeper == null || paddock.failure() != null || zooKeeper.failure() != null) {
            return Optional.empty();
        }
        return Optional.of(String.format(ROW, workload.label(), "Paddock/ZK",
                ratio(paddock.opsPerSecond(), zooKeeper.opsPerSecond()),
                ratio(paddock.percentileMicros(50), zooKeeper.percentileMicros(50)),
                ratio(paddock.percentileMicros(90), zooKeeper.percentileMicros(90)),
                ratio(paddock.percentileMicros(99), zooKeeper.percentileMicros(99)),
                ratio(paddock.percentileMicros(99.9), zooKeeper.percentileMicros(99.9)),
                ratio(paddock.maxMicros(), zooKeeper.maxMicros()), ""));
    }

    static String ratio(double paddock, double zooKeeper) {
        return zooKeeper > 0 ? String.format("%.2fx", paddock / zooKeeper) : "n/a";
    }

    static String micros(double value) {
        return String.format("%,.0f", value);
    }
}
