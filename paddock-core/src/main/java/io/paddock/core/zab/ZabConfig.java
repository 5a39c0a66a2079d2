package io.paddock.core.zab;

/**
 * A replica's settings, all in ticks.
 *
 * @param serverId          this server's id (myid)
 * @param quorum            the membership in force
 * @param initLimitTicks    how long discovery and sync may take before the leader or learner gives up
 * @param syncLimitTicks    how long a synced learner or leader may go without hearing from the other side
 * @param finalizeWaitTicks FLE: how long a peer waits for a better vote once a quorum agrees (0: decide at once)
 * @param maxNotificationIntervalTicks FLE: the cap of the doubling interval at which a LOOKING peer re-sends
 * @param committedLogWindow how many committed txns a leader keeps in memory to sync learners by DIFF
 */
public record ZabConfig(long serverId, QuorumConfig quorum, int initLimitTicks, int syncLimitTicks,
                        int finalizeWaitTicks, int maxNotificationIntervalTicks, int committedLogWindow) {
    public ZabConfig {
        if (!quorum.contains(serverId)) {
            throw new IllegalArgumentException("server " + serverId + " is not in its own config");
        }
        if (initLimitTicks <= 0 || syncLimitTicks <= 0) {
            throw new IllegalArgumentException("initLimit and syncLimit must be positive");
        }
        if (finalizeWaitTicks < 0 || maxNotificationIntervalTicks <= 0 || committedLogWindow < 0) {
            throw new IllegalArgumentException("bad FLE timing or committed log window");
        }
    }

    public boolean isObserver() {
        return !quorum.isVoter(serverId);
    }
}
