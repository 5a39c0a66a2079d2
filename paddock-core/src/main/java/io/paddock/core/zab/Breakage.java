package io.paddock.core.zab;

/**
 * Protections of this core that a test may remove, one at a time, to prove that a scenario fails without them
 * (docs/REPLICATION.md, SCENARIOS.md: "each scenario fails when its protection is removed"). Package-private, and
 * switched on only through {@link Replica#breakForTesting}, which is package-private too: production code outside
 * this package cannot reach it; the test tree's {@code ProtocolBreakages} bridge can. Each constant names the
 * ZooKeeper bug whose behaviour it restores.
 */
enum Breakage {
    /**
     * S-004, ZOOKEEPER-4643/4646: the learner holds the sync's txns back, records the new epoch at NEWLEADER, only
     * then hands the txns to storage, and acknowledges NEWLEADER at once, before they are durable. Removes both
     * guards: the ACK no longer waits for the txns, and the epoch barrier no longer flushes them (they are written
     * after it).
     */
    ACK_NEWLEADER_BEFORE_DURABLE,
    /**
     * S-3911, ZOOKEEPER-3911: the learner acknowledges NEWLEADER at once and hands the sync's txns to storage only
     * when UPTODATE arrives, after the leader may have committed them.
     */
    PERSIST_SYNC_AT_UPTODATE,
    /**
     * S-002, ZOOKEEPER-4685: the learner acknowledges each proposal (the sync's included) as soon as it is durable,
     * without waiting for its ACK of NEWLEADER to go first.
     */
    PROPOSAL_ACKS_OVERTAKE_NEWLEADER,
    /**
     * S-003, ZOOKEEPER-2959: the leader counts an observer's LEARNERINFO towards the quorum that decides the new
     * epoch, and counts ids rather than voters.
     */
    OBSERVERS_COUNT_IN_QUORUM,
    /**
     * S-2845, ZOOKEEPER-2845: on TRUNC the learner truncates its log but keeps its in-memory history (ZooKeeper kept
     * its database across elections), so txns the leader never had stay and get applied on the next commit.
     */
    KEEP_HISTORY_ACROSS_TRUNC,
    /**
     * S-4712, ZOOKEEPER-4712: a role that ended keeps acting: the replica still hands it peer messages and storage
     * reports, so a late message from the old leader reaches the log after the role changed.
     */
    ROLE_ACTS_AFTER_LEAVE,
    /**
     * SProposalAckFollowsDurability (no single ZooKeeper bug; the shape of ZooKeeper run with
     * {@code zookeeper.forceSync=no}, whose follower acknowledges a logged proposal without an fsync): in
     * broadcast, the learner acknowledges each proposal as soon as it has handed it to storage, not once it is
     * durable, so a leader may count a txn committed that a crash then erases from the follower that made the quorum.
     */
    ACK_PROPOSAL_BEFORE_DURABLE
}
