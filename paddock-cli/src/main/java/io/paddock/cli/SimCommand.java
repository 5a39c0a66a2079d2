package io.paddock.cli;

import io.paddock.sim.FaultKind;
import io.paddock.sim.SimDefaults;
import io.paddock.sim.SimOptions;
import io.paddock.sim.SimResult;
import io.paddock.sim.SimRunner;
import io.paddock.sim.Simulation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paddock sim}: seeded deterministic simulation runs of the replication core under faults. */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run whole servers in the deterministic simulator: 3 or 5 voters (sometimes an observer),",
            "simulated ZooKeeper clients and server-side writes, random faults for 60 virtual seconds, then",
            "everything healed and 30 quiet seconds; every run is checked for Zab's safety properties, liveness",
            "after the heal, and what clients are promised (FIFO, monotonic zxids, no stale read, watches,",
            "linearizable writes).",
            "A failing seed replays exactly: paddock sim --seed S --trace.",
            "Exit status: 0 when every run passed, 1 when any failed, 2 on bad usage."})
final class SimCommand implements Callable<Integer> {
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds (default: ${DEFAULT-VALUE}).",
            defaultValue = "100")
    private long seeds;

    @Option(names = "--first", paramLabel = "S", description = "The first seed of a --seeds batch (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    private long first;

    @Option(names = "--seed", paramLabel = "S", description = "Run this one seed and report it in full.")
    private Long seed;

    @Option(names = "--trace", description = "With --seed: print the run's whole trace.")
    private boolean trace;

    @Option(names = "--faults", paramLabel = "KINDS",
            description = "Fault kinds, comma-separated: crash,partition,drop,delay,slowdisk, or none (default: all).",
            defaultValue = "all")
    private String faults;

    @Option(names = "--clients", paramLabel = "N",
            description = "Simulated ZooKeeper clients per run; 0 runs the replication core alone (default: 4).")
    private Integer clients;

    @Option(names = "--jobs", paramLabel = "J", description = "Runs side by side (default: the number of CPUs).")
    private Integer jobs;

    @Option(names = "--tail", paramLabel = "LINES", description = "Trace lines shown for a failed run (default: ${DEFAULT-VALUE}).",
            defaultValue = "200")
    private int tail;

    private final SimOptions base;

    SimCommand() {
        this(null);
    }

    /** {@code base} null: the real replica and every checker (tests pass a stand-in). */
    SimCommand(SimOptions base) {
        this.base = base;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<FaultKind> kinds;
        try {
            kinds = FaultKind.parse(faults);
        } catch (IllegalArgumentException e) {
            err.println("paddock sim: " + e.getMessage());
            return StartCommand.EXIT_USAGE;
        }
        if (seeds < 1 || tail < 0 || (jobs != null && jobs < 1) || (trace && seed == null)
                || (clients != null && clients < 0)) {
            err.println("paddock sim: --seeds and --jobs must be positive, --tail and --clients not negative, --trace"
                    + " needs --seed");
            return StartCommand.EXIT_USAGE;
        }
        SimOptions options = base != null ? base
                : clients != null && clients == 0 ? SimDefaults.replicationOnly() : SimDefaults.options();
        if (clients != null && clients > 0) {
            options = options.withClients(clients);
        }
        options = options.withFaults(kinds);
        return seed != null ? replay(seed, options, out) : batch(options, out, err);
    }

    private int replay(long s, SimOptions options, PrintWriter out) {
        SimResult result = Simulation.run(s, options.withTraceCapacity(trace ? 0 : Math.max(tail, 1)));
        if (trace) {
            result.trace().forEach(out::println);
        }
        out.println(result.summary());
        if (!result.ok()) {
            reportFailure(result, out, !trace);
        }
        out.flush();
        return result.ok() ? 0 : StartCommand.EXIT_FAILURE;
    }

    private int batch(SimOptions options, PrintWriter out, PrintWriter err) {
        int threads = jobs != null ? jobs : Math.max(1, Runtime.getRuntime().availableProcessors());
        long[] lastPrint = {0};
        SimRunner.Summary summary = SimRunner.run(first, seeds, options, threads, p -> {
            long now = System.nanoTime();
            if (now - lastPrint[0] >= PROGRESS_EVERY_NANOS || p.done() == p.total()) {
                lastPrint[0] = now;
                err.print(String.format(Locale.ROOT, "\rseeds %d/%d, %.1f seeds/s, %d failed ", p.done(), p.total(),
                        p.seedsPerSecond(), p.failures()));
                err.flush();
            }
        }, failed -> {
            err.println();
            reportFailure(failed, out, true);
            out.flush();
        });
        err.println();
        out.println(String.format(Locale.ROOT, "%d runs (seeds %d..%d) in %.1f s, %.1f seeds/s: %s", summary.runs(),
                first, first + seeds - 1, summary.seconds(), summary.seedsPerSecond(),
                summary.ok() ? "all passed" : summary.failures().size() + " FAILED, seeds "
                        + summary.failures().stream().map(r -> Long.toString(r.seed())).toList()));
        out.flush();
        return summary.ok() ? 0 : StartCommand.EXIT_FAILURE;
    }

    private void reportFailure(SimResult result, PrintWriter out, boolean withTail) {
        out.println("FAILED seed " + result.seed() + " (" + result.ensemble() + "):");
        for (String problem : result.problems()) {
            out.println("  " + problem);
        }
        if (withTail && tail > 0) {
            out.println("  last " + tail + " trace lines:");
            for (String line : result.trace().tail(tail)) {
                out.println("    " + line);
            }
        }
        out.println("  replay: paddock sim --seed " + result.seed() + " --trace"
                + (faults.equals("all") ? "" : " --faults " + faults));
    }
}
