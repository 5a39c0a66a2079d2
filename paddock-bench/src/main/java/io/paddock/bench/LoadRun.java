package io.paddock.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * One workload against one server: connect the sessions, make the znodes it needs, load for warm-up + measure
 * seconds while printing a line a second, stop, wait for the last replies, and tell what the window measured.
 */
final class LoadRun {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long BATCH_TIMEOUT_SECONDS = 120;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final BenchSettings settings;
    private final Workload workload;
    private final BenchServer server;
    private final PrintStream out;
    private final byte[] value;
    private final String root;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final ErrorCounts errors = new ErrorCounts();
    private final SessionEvents sessionEvents;
    private final List<BenchClient> clients = new ArrayList<>();
    private String[] fixedPaths = new String[0];

    LoadRun(BenchSettings settings, Workload workload, BenchServer server, PrintStream out) {
        this.settings = settings;
        this.workload = workload;
        this.server = server;
        this.out = out;
        this.value = new byte[settings.valueSize()];
        ThreadLocalRandom.current().nextBytes(value);
        this.root = "/paddock-bench-" + workload.label() + "-" + Long.toHexString(System.nanoTime());
        this.sessionEvents = new SessionEvents(out);
    }

    RunResult run() throws Exception {
        try {
            for (int i = 0; i < settings.clients(); i++) {
                clients.add(BenchClient.connect(i, server.connectString(), settings.sessionTimeoutMs(),
                        settings.outstanding(), sessionEvents));
            }
            setUp(clients.get(0).zk());
            return load();
        } finally {
            try {
                if (server.needsCleanup() && !clients.isEmpty()) {
                    cleanUp(clients.get(0).zk());
                }
            } finally {
                for (BenchClient client : clients) {
                    client.close();
                }
            }
        }
    }

    private RunResult load() throws InterruptedException {
        clients.forEach(client -> client.startIssuing(this::issueOne));
        Histogram interval = null;
        long warmupStart = System.nanoTime();
        long previous = warmupStart;
        for (int second = 1; second <= settings.warmupSeconds(); second++) {
            sleepUntil(warmupStart + second * SECOND);
            interval = recorder.getIntervalHistogram(interval);
            long now = System.nanoTime();
            progress("warm-up", second, settings.warmupSeconds(), interval.getTotalCount(), now - previous, -1);
            previous = now;
        }
        // The window opens here: whatever arrived since the last warm-up sample is dropped with it.
        interval = recorder.getIntervalHistogram(interval);
        Map<String, Long> errorsBefore = errors.snapshot();
        long measureStart = System.nanoTime();
        Histogram total = new Histogram(SIGNIFICANT_DIGITS);
        previous = measureStart;
        for (int second = 1; second <= settings.measureSeconds(); second++) {
            sleepUntil(measureStart + second * SECOND);
            interval = recorder.getIntervalHistogram(interval);
            long now = System.nanoTime();
            total.add(interval);
            double soFar = total.getTotalCount() / ((now - measureStart) / 1e9);
            progress("measure", second, settings.measureSeconds(), interval.getTotalCount(), now - previous, soFar);
            previous = now;
        }
        long measureEnd = previous;
        Map<String, Long> windowErrors = ErrorCounts.since(errorsBefore, errors.snapshot());
        for (BenchClient client : clients) {
            client.stopIssuing();
        }
        long unanswered = drain();
        return new RunResult(server.name(), workload, total.getTotalCount(), (measureEnd - measureStart) / 1e9,
                total, windowErrors, errors.total(), unanswered, sessionEvents.all(), null);
    }

    /** Waits (bounded) for the replies to requests already sent; returns how many never came. */
    private long drain() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        long left = inFlight();
        if (left > 0) {
            out.printf("  !! %d requests still unanswered %d s after the load stopped%n", left,
                    TimeUnit.NANOSECONDS.toSeconds(DRAIN_TIMEOUT_NANOS));
        }
        return left;
    }

    private long inFlight() {
        return clients.stream().mapToLong(BenchClient::outstanding).sum();
    }

    private void progress(String phase, int second, int of, long replies, long elapsedNanos, double soFar) {
        double rate = replies / (elapsedNanos / 1e9);
        long inFlight = inFlight();
        StringBuilder line = new StringBuilder(String.format("  [%-9s %-7s] %-7s %3d/%-3d %,12.0f ops/s", server.name(),
                workload.label(), phase, second, of, rate));
        line.append(soFar >= 0 ? String.format("   so far %,12.0f ops/s", soFar) : " ".repeat(28));
        line.append(String.format("   errors %,d   in flight %,d", errors.total(), inFlight));
        if (replies == 0 && inFlight > 0) {
            line.append("   << NO REPLIES THIS SECOND");
        }
        out.println(line);
    }

    private void issueOne(BenchClient client) {
        ZooKeeper zk = client.zk();
        long start = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (workload == Workload.CREATE) {
            zk.create(createParent(client.index()) + "/n", value, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL, (rc, path, ctx, name) -> finished(client, rc, start), null);
        } else if (random.nextInt(100) < workload.readPercent()) {
            zk.getData(fixedPaths[random.nextInt(fixedPaths.length)], false,
                    (rc, path, ctx, data, stat) -> finished(client, rc, start), null);
        } else {
            zk.setData(fixedPaths[random.nextInt(fixedPaths.length)], value, -1,
                    (rc, path, ctx, stat) -> finished(client, rc, start), null);
        }
    }

    private void finished(BenchClient client, int rc, long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        if (rc == Code.OK.intValue()) {
            recorder.recordValue(Math.max(1, elapsed));
        } else {
            errors.record(rc);
        }
        client.completed();
    }

    private String createParent(int client) {
        return root + "/c" + client;
    }

    private void setUp(ZooKeeper zk) throws KeeperException, InterruptedException, TimeoutException {
        zk.create(root, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        if (workload.usesFixedNodes()) {
            fixedPaths = new String[settings.znodes()];
            for (int i = 0; i < fixedPaths.length; i++) {
                fixedPaths[i] = String.format("%s/z%06d", root, i);
            }
            AsyncBatch.run(zk, fixedPaths.length, BATCH_TIMEOUT_SECONDS, Set.of(), (session, i, done) ->
                    session.create(fixedPaths[i], value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                            (rc, path, ctx, name) -> done.accept(rc), null));
        } else {
            for (int i = 0; i < settings.clients(); i++) {
                zk.create(createParent(i), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
        }
    }

    /** Removes what the run made, for servers that outlive it. */
    private void cleanUp(ZooKeeper zk) throws KeeperException, InterruptedException, TimeoutException {
        if (workload.usesFixedNodes()) {
            deleteAll(zk, fixedPaths);
        } else {
            for (int i = 0; i < settings.clients(); i++) {
                String parent = createParent(i);
                Stat stat = zk.exists(parent, false);
                if (stat == null) {
                    continue;
                }
                // Sequential names count the parent's child creations; nothing here deletes children during the
                // run, so the names are exactly n0000000000 .. n(cversion-1).
                String[] children = new String[stat.getCversion()];
                for (int seq = 0; seq < children.length; seq++) {
                    children[seq] = String.format("%s/n%010d", parent, seq);
                }
                deleteAll(zk, children);
                zk.delete(parent, -1);
            }
        }
        zk.delete(root, -1);
    }

    private static void deleteAll(ZooKeeper zk, String[] paths) throws InterruptedException, TimeoutException {
        AsyncBatch.run(zk, paths.length, BATCH_TIMEOUT_SECONDS, Set.of(Code.NONODE), (session, i, done) ->
                session.delete(paths[i], -1, (rc, path, ctx) -> done.accept(rc), null));
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
