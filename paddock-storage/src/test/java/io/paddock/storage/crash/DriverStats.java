package io.paddock.storage.crash;

/** Counts over a whole crash test, so it can show it exercised what it claims to (and fail if it did not). */
final class DriverStats {
    long runs;
    long crashesAtForce;
    long crashesBetweenSteps;
    long acknowledgedWrites;
    long expectationsChecked;
    long snapshotsFinished;
    long recoveredFromSnapshot;
    long recoveryWarnings;
    long sessionsResumed;
    long txnsRecovered;
    long lostUnacknowledged;
    long sessionsRecoveredWithoutDurableCreate;
    long purgeDeletions;
    long crashesDuringRecovery;

    @Override
    public String toString() {
        return "runs=" + runs + " crashesAtForce=" + crashesAtForce + " crashesBetweenSteps=" + crashesBetweenSteps
                + " acknowledgedWrites=" + acknowledgedWrites + " expectationsChecked=" + expectationsChecked
                + " snapshotsFinished=" + snapshotsFinished + " recoveredFromSnapshot=" + recoveredFromSnapshot
                + " recoveryWarnings=" + recoveryWarnings + " sessionsResumed=" + sessionsResumed
                + " txnsRecovered=" + txnsRecovered + " lostUnacknowledgedTxns=" + lostUnacknowledged
                + " sessionsRecoveredWithoutDurableCreate=" + sessionsRecoveredWithoutDurableCreate
                + " purgeDeletions=" + purgeDeletions + " crashesDuringRecovery=" + crashesDuringRecovery;
    }
}
