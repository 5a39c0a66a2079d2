package io.paddock.bench;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one workload against one server measured. Only replies that arrived inside the measurement window count:
 * {@code operations} successful ones (their latencies in {@code latencyNanos}) and {@code errors} failed ones.
 *
 * @param server          "paddock", "zookeeper" or "external"
 * @param operations      successful replies in the window
 * @param seconds         length of the window
 * @param latencyNanos    request-to-reply times of the successful replies in the window, nanoseconds
 * @param errors          failed replies in the window by result code
 * @param errorsAllPhases failed replies during the whole run (warm-up and drain included)
 * @param unanswered      requests still unanswered when the generator gave up waiting after the load stopped
 * @param sessionEvents   disconnects, reconnects and expiries seen during the run
 * @param failure         why the run could not be carried out, or null
 */
public record RunResult(
        String server,
        Workload workload,
        long operations,
        double seconds,
        Histogram latencyNanos,
        Map<String, Long> errors,
        long errorsAllPhases,
        long unanswered,
        List<String> sessionEvents,
        String failure) {

    public RunResult {
        errors = Map.copyOf(errors);
        sessionEvents = List.copyOf(sessionEvents);
    }

    static RunResult failed(String server, Workload workload, String why) {
        return new RunResult(server, workload, 0, 0, new Histogram(3), Map.of(), 0, 0, List.of(), why);
    }

    public double opsPerSecond() {
        return seconds > 0 ? operations / seconds : 0;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Latency at the given percentile (0..100) in microseconds. */
    public double percentileMicros(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMicros() {
        return latencyNanos.getMaxValue() / 1000.0;
    }

    /** Ran to the end, with no failed or lost request and no connection trouble. */
    public boolean clean() {
        return failure == null && errorsAllPhases == 0 && unanswered == 0 && sessionEvents.isEmpty();
    }
}
