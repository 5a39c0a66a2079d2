package io.paddock.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs many seeds, several at a time: each run is single-threaded and deterministic on its own, so running them
 * side by side changes nothing about any of them. Failed runs are kept (with their trace tails); passing runs are
 * dropped as soon as they are counted.
 */
public final class SimRunner {
    private SimRunner() {
    }

    /** Where a batch stands: runs finished, failures among them, throughput so far. */
    public record Progress(long done, long total, long failures, double seedsPerSecond) {
    }

    /** A finished batch: how many runs, the failed ones by seed, how long it took. */
    public record Summary(long runs, List<SimResult> failures, double seconds) {
        public boolean ok() {
            return failures.isEmpty();
        }

        public double seedsPerSecond() {
            return seconds == 0 ? 0 : runs / seconds;
        }
    }

    /**
     * Runs seeds {@code first .. first+count-1} on {@code threads} threads. {@code progress} hears of every finished
     * run, {@code failed} of every failed one, as they finish (both from worker threads, one call at a time).
     */
    public static Summary run(long first, long count, SimOptions options, int threads, Consumer<Progress> progress,
                              Consumer<SimResult> failed) {
        if (count < 0 || threads < 1) {
            throw new IllegalArgumentException("count " + count + ", threads " + threads);
        }
        long started = System.nanoTime();
        AtomicLong next = new AtomicLong(first);
        Object lock = new Object();
        List<SimResult> failures = new ArrayList<>();
        long[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sim-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    long seed;
                    while ((seed = next.getAndIncrement()) < first + count) {
                        SimResult result = Simulation.run(seed, options);
                        synchronized (lock) {
                            done[0]++;
                            if (!result.ok()) {
                                failures.add(result);
                                failed.accept(result);
                            }
                            double seconds = (System.nanoTime() - started) / 1e9;
                            progress.accept(new Progress(done[0], count, failures.size(), done[0] / seconds));
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a simulation worker failed outside any run", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        failures.sort(Comparator.comparingLong(SimResult::seed));
        return new Summary(done[0], List.copyOf(failures), (System.nanoTime() - started) / 1e9);
    }
}
