package io.paddock.sim.check;

import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.List;

/** The checkers a simulation run is judged by. */
public final class Checkers {
    private Checkers() {
    }

    /** Every safety checker: Zab's properties over delivered txns, leaders, tracked histories and storage. */
    public static List<Checker> safety() {
        return List.of(
                new LeaderUniquenessChecker(),
                new PrefixConsistencyChecker(),
                new IntegrityChecker(),
                new AgreementChecker(),
                new TotalOrderChecker(),
                new LocalPrimaryOrderChecker(),
                new GlobalPrimaryOrderChecker(),
                new PrimaryIntegrityChecker(),
                new CommittedLogRegressionChecker(),
                new CommittedTruncationChecker(),
                new SyncedHistoryChecker(),
                new DigestAgreementChecker(),
                new RecoveryChecker());
    }

    /** Progress after faults heal, bounds in virtual milliseconds (see {@link LivenessChecker}). */
    public static Checker liveness(long leaderBoundMs, long settleMs, long writeBoundMs) {
        return new LivenessChecker(leaderBoundMs, settleMs, writeBoundMs);
    }

    /** Every violation any of {@code checkers} finds in {@code history}, checker by checker. */
    public static List<Violation> check(List<Checker> checkers, List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        for (Checker checker : checkers) {
            violations.addAll(checker.check(history));
        }
        return violations;
    }
}
