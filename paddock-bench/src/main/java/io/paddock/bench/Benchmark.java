package io.paddock.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Runs every workload against every server, each server fresh for each workload, and prints the report. */
public final class Benchmark {
    private Benchmark() {
    }

    public static List<RunResult> run(BenchSettings settings, PrintStream out) {
        Report.header(settings, out);
        List<RunResult> results = new ArrayList<>();
        for (Workload workload : settings.workloads()) {
            if (settings.external() != null) {
                results.add(runOne(settings, workload, null, out));
            } else {
                for (ServerKind kind : settings.servers()) {
                    results.add(runOne(settings, workload, kind, out));
                }
            }
        }
        Report.table(settings, results, out);
        return results;
    }

    private static RunResult runOne(BenchSettings settings, Workload workload, ServerKind kind, PrintStream out) {
        String name = kind == null ? "external" : kind.label();
        // Leave the previous run's garbage out of this one's numbers.
        System.gc();
        BenchServer server;
        try {
            server = kind == null ? ExternalServer.parse(settings.external()) : kind.start(settings);
        } catch (Exception | LinkageError e) {
            out.printf("%n-- %s / %s: FAILED to start the server: %s%n", name, workload.label(), e);
            return RunResult.failed(name, workload, "server did not start: " + e);
        }
        try (server) {
            out.printf("%n-- %s / %s: %s%n", name, workload.label(), server.description());
            RunResult result = new LoadRun(settings, workload, server, out).run();
            Report.summary(result, out);
            return result;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            out.printf("  !! %s / %s FAILED: %s%n", name, workload.label(), e);
            return RunResult.failed(name, workload, e.toString());
        }
    }
}
