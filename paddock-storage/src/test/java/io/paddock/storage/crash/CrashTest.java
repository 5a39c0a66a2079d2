package io.paddock.storage.crash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 3's first proof: for many seeds, crash at every force point and between steps, recover, and check that
 * every write acknowledged before the crash is there with its exact value and Stat, that every session a
 * client was told it has survives, and that nothing else was invented. More seeds: -Dcrash.seeds=N; one
 * seed: -Dcrash.firstSeed=S -Dcrash.seeds=1.
 */
class CrashTest {
    @Test
    void everyAcknowledgedWriteSurvivesACrashAtEveryForcePointAndNothingIsInvented() throws Exception {
        int seeds = Integer.getInteger("crash.seeds", 200);
        long first = Long.getLong("crash.firstSeed", 1);
        DriverStats stats = new DriverStats();
        for (long seed = first; seed < first + seeds; seed++) {
            new CrashScenario(seed, stats).runAll();
        }
        System.out.println("crash test, seeds " + first + ".." + (first + seeds - 1) + ": " + stats);
        assertThat(stats.crashesAtForce).as("crashes at force points").isPositive();
        assertThat(stats.crashesBetweenSteps).isEqualTo(2L * seeds);
        assertThat(stats.acknowledgedWrites).isPositive();
        assertThat(stats.expectationsChecked).as("acknowledged results read back").isPositive();
        assertThat(stats.sessionsResumed).as("sessions resumed after recovery").isPositive();
        assertThat(stats.txnsRecovered).isPositive();
        assertThat(stats.lostUnacknowledged).as("unacknowledged txns lost (so crashes really lose data)").isPositive();
        if (seeds >= 20) {
            assertThat(stats.snapshotsFinished).isPositive();
            assertThat(stats.recoveredFromSnapshot).as("recoveries that started from a snapshot").isPositive();
            assertThat(stats.recoveryWarnings).as("torn tails repaired").isPositive();
            assertThat(stats.purgeDeletions).as("snapshots and segments purged").isPositive();
            assertThat(stats.crashesDuringRecovery).isPositive();
        }
    }
}
