package io.paddock.storage.crash;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.storage.Recovery;
import io.paddock.storage.fs.SimulatedCrash;
import io.paddock.storage.fs.SimulatedFileSystem;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.snapshot.SnapshotFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One seed's workload, crashed at every point: first run without a crash to count its force points (and to
 * check the oracle against the live server), then once per force point (crash just before it, then just after
 * it) and twice between steps. After each crash: recover, check, resume clients and read back, run a little
 * more on the recovered server, crash again at a seeded point, recover and check again.
 */
final class CrashScenario {
    static final int PHASE_ONE_STEPS = 60;
    static final int PHASE_TWO_STEPS = 30;
    static final long START_MILLIS = 1_700_000_000_000L;
    static final long RESTART_MILLIS = 5_000;
    static final double TEAR_PROBABILITY = 0.5;

    private final long seed;
    private final DriverStats stats;
    private final LogOptions logOptions;

    CrashScenario(long seed, DriverStats stats) {
        this.seed = seed;
        this.stats = stats;
        Random r = Seeds.random(seed, 1);
        long[] segmentSizes = {700, 2_000, 16_000};
        long[] preallocations = {0, 512, 4_096};
        this.logOptions = new LogOptions(segmentSizes[r.nextInt(3)], preallocations[r.nextInt(3)]);
    }

    void runAll() throws Exception {
        int forces = countForces();
        for (int k = 1; k <= forces; k++) {
            for (SimulatedFileSystem.Moment moment : SimulatedFileSystem.Moment.values()) {
                run(CrashPoint.atForce(k, moment));
            }
        }
        run(CrashPoint.afterSteps(PHASE_ONE_STEPS));
        run(CrashPoint.afterSteps(1 + Seeds.random(seed, 2).nextInt(PHASE_ONE_STEPS)));
    }

    /** The uncrashed run: how many forces it makes, and whether the oracle's replay matches the live tree. */
    private int countForces() throws Exception {
        SimulatedFileSystem fs = new SimulatedFileSystem(seed);
        History history = new History();
        CrashRun run = new CrashRun(fs, history, new Workload(Seeds.random(seed, 0)), new DriverStats(),
                CrashRun.recover(fs, logOptions, new ArrayList<>()), START_MILLIS);
        run.steps(PHASE_ONE_STEPS);
        DataTree reference = new DataTree();
        for (LoggedTxn t : history.submitted.headMap(run.peer().lastProcessedZxid(), true).values()) {
            reference.apply(t.header(), t.txn(), new ArrayList<>(0));
        }
        List<NodeRecord> live = run.peer().startSnapshot().cursor().next(Integer.MAX_VALUE);
        if (!RecoveryChecks.records(reference).keySet().equals(live.stream().map(NodeRecord::path)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)))) {
            throw new AssertionError("seed " + seed + ": the oracle's replay differs from the live tree");
        }
        return fs.forceCount();
    }

    void run(CrashPoint point) throws Exception {
        try {
            runOnce(point);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("crash test seed " + seed + ", first crash " + point + " (rerun: -Dcrash.firstSeed="
                    + seed + " -Dcrash.seeds=1): " + e.getMessage(), e);
        }
    }

    private void runOnce(CrashPoint point) throws Exception {
        stats.runs++;
        SimulatedFileSystem fs = new SimulatedFileSystem(new SimulatedFileSystem.Options(Seeds.mix(seed, 5, point.force(),
                point.moment() == SimulatedFileSystem.Moment.AFTER ? 1 : 0, point.steps()), TEAR_PROBABILITY, 0));
        History history = new History();
        Workload workload = new Workload(Seeds.random(seed, 0));
        long now = START_MILLIS;
        if (point.atForce()) {
            fs.crashAtForce(point.force(), point.moment());
        }
        try {
            CrashRun run = new CrashRun(fs, history, workload, stats, CrashRun.recover(fs, logOptions, new ArrayList<>()), now);
            run.steps(point.atForce() ? PHASE_ONE_STEPS : point.steps());
            now = run.now();
            if (point.atForce()) {
                throw new AssertionError("force " + point.force() + " never came: the run is not deterministic");
            }
            fs.crash();
            stats.crashesBetweenSteps++;
        } catch (SimulatedCrash crash) {
            stats.crashesAtForce++;
        }
        fs.restart();
        fs.setForceObserver(null);
        now += RESTART_MILLIS + PHASE_ONE_STEPS * 200L;
        crashDuringRecovery(fs, Seeds.random(seed, 3, point.force(), point.steps()));
        CrashRun second = recoverAndCheck("first recovery", fs, history, workload, now);

        Random phaseTwo = Seeds.random(seed, 4, point.force(), point.steps());
        CrashPoint phaseTwoCrash = CrashPoint.atForce(fs.forceCount() + 1 + phaseTwo.nextInt(12),
                SimulatedFileSystem.Moment.values()[phaseTwo.nextInt(2)]);
        fs.crashAtForce(phaseTwoCrash.force(), phaseTwoCrash.moment());
        try {
            second.steps(PHASE_TWO_STEPS);
            fs.crash();
        } catch (SimulatedCrash crash) {
            // as planned
        }
        fs.restart();
        fs.setForceObserver(null);
        recoverAndCheck("second recovery (crash at " + phaseTwoCrash + " in the recovered run)", fs, history, workload,
                second.now() + RESTART_MILLIS + PHASE_TWO_STEPS * 200L);
    }

    /**
     * Half the time, a recovery (which may cut a torn tail and delete an unfinished snapshot, forcing both) is
     * itself crashed at one of its first forces; the next recovery must cope. When it finishes instead, it is
     * closed and the next recovery must find the same state.
     */
    private void crashDuringRecovery(SimulatedFileSystem fs, Random random) throws Exception {
        if (random.nextBoolean()) {
            return;
        }
        fs.crashAtForce(fs.forceCount() + 1 + random.nextInt(2), SimulatedFileSystem.Moment.values()[random.nextInt(2)]);
        try {
            Recovery.Recovered attempt = CrashRun.recover(fs, logOptions, new ArrayList<>());
            fs.setForceObserver(null);
            attempt.log().close();
        } catch (SimulatedCrash crash) {
            stats.crashesDuringRecovery++;
            fs.restart();
        }
        fs.setForceObserver(null);
    }

    private CrashRun recoverAndCheck(String which, SimulatedFileSystem fs, History history, Workload workload, long now)
            throws Exception {
        try {
            return recoverAndCheck(fs, history, workload, now);
        } catch (AssertionError e) {
            throw new AssertionError(which + ": " + e.getMessage(), e);
        }
    }

    private CrashRun recoverAndCheck(SimulatedFileSystem fs, History history, Workload workload, long now)
            throws Exception {
        List<String> warnings = new ArrayList<>();
        Recovery.Recovered recovered;
        try {
            recovered = CrashRun.recover(fs, logOptions, warnings);
        } catch (AssertionError | RuntimeException e) {
            List<java.nio.file.Path> snapshots = SnapshotFile.listNewestFirst(fs, CrashRun.SNAP_DIR);
            long snapshotZxid = snapshots.isEmpty() ? 0 : SnapshotFile.zxidOf(snapshots.get(0));
            throw new AssertionError("recovery failed: " + e + "; newest snapshot 0x" + Long.toHexString(snapshotZxid)
                    + ", submitted after it:" + history.describeAfter(snapshotZxid), e);
        }
        stats.recoveryWarnings += warnings.size();
        if (recovered.snapshotZxid() > 0) {
            stats.recoveredFromSnapshot++;
        }
        List<RecoveryChecks.Expect> expectations = RecoveryChecks.check(history, recovered, stats);
        history.recoveredThrough(recovered.state().lastZxid());
        CrashRun run = new CrashRun(fs, history, workload, stats, recovered, now);
        ClientViewChecks.check(run, history, recovered.state().sessionTimeouts().keySet(), expectations, stats);
        return run;
    }
}
