package io.paddock.sim;

import io.paddock.sim.check.Checker;
import io.paddock.sim.check.Violation;
import io.paddock.sim.client.ClientChecks;
import io.paddock.sim.client.ClientViolation;
import io.paddock.sim.client.LinearizabilityChecker;
import io.paddock.sim.session.RandomWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One deterministic run: a seed and options in, a {@link SimResult} out; the same seed and options give the same
 * run, event for event. Servers boot at random moments in the first tick; writes and faults run through the fault
 * phase; at its end every fault heals; a quiet phase follows; then the checkers read the history.
 */
public final class Simulation {
    private Simulation() {
    }

    public static SimResult run(long seed, SimOptions options) {
        World world = new World(seed, options);
        Throwable failure = null;
        try {
            drive(world);
        } catch (RuntimeException | AssertionError e) {
            failure = e;
            world.trace.add(world.now(), -1, "XX", "run failed: " + e);
        }
        List<Violation> violations = new ArrayList<>();
        if (failure == null) {
            for (Checker checker : options.checkers()) {
                try {
                    violations.addAll(checker.check(world.history));
                } catch (RuntimeException | AssertionError e) {
                    failure = new IllegalStateException("checker '" + checker.property() + "' threw " + e, e);
                    break;
                }
            }
        }
        if (failure == null && world.clients != null) {
            violations.addAll(clientViolations(world));
        }
        return new SimResult(seed, world.ensemble.toString(), failure, violations, world.stats(), world.trace,
                world.history);
    }

    /** From this long after the heal clients must not be disrupted (a leader stands within 10 s, see SimDefaults). */
    static final long CLIENT_SETTLE_MS = 15_000;
    /** Every client must have had a reply this recently when the run ends. */
    static final long CLIENT_RECENT_REPLY_MS = 3_000;

    /** What the clients saw, checked: FIFO, monotonic zxids, no stale read, watches, linearizable writes. */
    private static List<Violation> clientViolations(World world) {
        ClientChecks.Report report = ClientChecks.run(world.clients.logs(), LinearizabilityChecker.DEFAULT_MAX_STATES,
                RandomWorkload.PERSISTENT_PATHS::contains);
        List<Violation> violations = new ArrayList<>();
        for (ClientViolation v : report.violations()) {
            violations.add(new Violation("client: " + v.property(), -1, v.client() + " session 0x"
                    + Long.toHexString(v.session()) + ": " + v.message()));
        }
        world.undecidedPaths = report.undecided().size();
        long healedAt = world.options.faultPhaseMs();
        violations.addAll(world.clients.liveness(healedAt, healedAt + world.options.quietMs(), CLIENT_SETTLE_MS,
                CLIENT_RECENT_REPLY_MS));
        return violations;
    }

    private static void drive(World world) {
        SplittableRandom random = new SplittableRandom(world.seed ^ 0x5eed_5eedL);
        world.trace.add(0, -1, "==", "seed " + world.seed + ": " + world.ensemble + ", faults " + world.options.faults());
        for (SimPeer peer : world.peers.values()) {
            world.scheduler.at(random.nextInt(world.options.tickMs()), peer::start);
        }
        new Workload(world, random.split()).start();
        new FaultInjector(world, random.split()).start();
        if (world.options.clients() > 0) {
            world.clients = new ClientFleet(world, random.split());
            world.clients.start(world.options.clients());
        }
        long end = world.options.faultPhaseMs() + world.options.quietMs();
        while (world.scheduler.runNext(end)) {
            // every step is a scheduled task
        }
        world.trace.add(world.now(), -1, "==", "run ends");
    }
}
