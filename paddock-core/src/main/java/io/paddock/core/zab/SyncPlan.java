package io.paddock.core.zab;

/**
 * How a leader brings one learner's history to its own, chosen from the learner's last zxid alone (as in
 * ZooKeeper). {@code base} is the zxid the learner's history ends at once the plan's first packet is applied;
 * the leader then sends every txn of its history after {@code base}.
 *
 * <ul>
 *   <li>DIFF: the learner's last zxid is in the leader's history (from the window base on): send what follows.</li>
 *   <li>TRUNC: the learner has txns the leader does not: it drops everything after the leader's greatest zxid
 *       below its last, then receives what follows. Those txns were never committed, or the leader, elected with
 *       every committed txn, would have them.</li>
 *   <li>SNAP: the learner is behind the leader's window: it gets the whole applied tree, then what follows.</li>
 * </ul>
 */
public record SyncPlan(Kind kind, long base) {
    public enum Kind { DIFF, TRUNC, SNAP }

    /**
     * @param learnerLastZxid the last zxid the learner reported in ACKEPOCH
     * @param windowBase      the zxid the leader's kept window of applied txns starts from
     * @param appliedZxid     the leader's last applied (committed) zxid — what a SNAP carries
     * @param leaderLastZxid  the last zxid of the leader's history
     * @param inHistory       whether the leader's history holds exactly {@code learnerLastZxid}
     * @param greatestBelow   the leader's greatest zxid (from the window base on) below {@code learnerLastZxid}
     */
    static SyncPlan choose(long learnerLastZxid, long windowBase, long appliedZxid, long leaderLastZxid,
                           boolean inHistory, long greatestBelow) {
        if (learnerLastZxid == leaderLastZxid) {
            return new SyncPlan(Kind.DIFF, learnerLastZxid);
        }
        if (learnerLastZxid > leaderLastZxid) {
            return new SyncPlan(Kind.TRUNC, leaderLastZxid);
        }
        if (learnerLastZxid < windowBase) {
            return new SyncPlan(Kind.SNAP, appliedZxid);
        }
        if (inHistory) {
            return new SyncPlan(Kind.DIFF, learnerLastZxid);
        }
        return new SyncPlan(Kind.TRUNC, greatestBelow);
    }
}
