package io.paddock.core.zab;

/** The leader's view of one learner: where it is in discovery, sync and broadcast. */
final class LearnerHandler {
    enum Stage {
        /** FOLLOWERINFO / OBSERVERINFO received; LEADERINFO sent once the epoch is decided. */
        DISCOVERY,
        /** ACKEPOCH received; waiting for a quorum of them before sync starts. */
        EPOCH_ACKED,
        /** The sync and NEWLEADER were sent; the learner is in the forwarding set; waiting for its ACK of NEWLEADER. */
        SYNCING,
        /** NEWLEADER acknowledged; UPTODATE follows as soon as the leader is established. */
        NEWLEADER_ACKED,
        /** UPTODATE sent: the learner serves clients and takes part in broadcast. */
        BROADCAST
    }

    final long id;
    final boolean voter;
    Stage stage = Stage.DISCOVERY;
    long lastZxid;
    /** The last txn the sync sent this learner; commits up to it go as COMMIT even to observers. */
    long syncedThrough;
    long lastHeardTick;

    LearnerHandler(long id, boolean voter, long lastZxid, long tick) {
        this.id = id;
        this.voter = voter;
        this.lastZxid = lastZxid;
        this.lastHeardTick = tick;
    }

    /** Whether proposals and commits are forwarded to this learner (it has its sync). */
    boolean forwarding() {
        return stage == Stage.SYNCING || stage == Stage.NEWLEADER_ACKED || stage == Stage.BROADCAST;
    }

    /** Whether the learner has made the leader's history durable (its ACK of NEWLEADER arrived). */
    boolean acknowledgedNewLeader() {
        return stage == Stage.NEWLEADER_ACKED || stage == Stage.BROADCAST;
    }
}
