package io.paddock.core.zab;

import java.util.Comparator;

/**
 * A server's current choice in Fast Leader Election: who it proposes as leader, that candidate's last
 * zxid and epoch, the election round (logical clock) it was cast in, and the config version it was cast
 * under.
 */
public record Vote(long proposedLeader, long proposedZxid, long electionEpoch, long peerEpoch, long configVersion) {

    /**
     * FLE's total order on votes: the higher peer epoch wins; on equal epochs the higher zxid; on equal
     * zxids the higher server id. The election round and config version take no part: rounds are compared
     * before votes are, and configs are compared on their own.
     */
    public static final Comparator<Vote> TOTAL_ORDER = Comparator.comparingLong(Vote::peerEpoch)
            .thenComparingLong(Vote::proposedZxid)
            .thenComparingLong(Vote::proposedLeader);

    /** Whether this vote beats {@code other} in FLE's total order (strictly; equal votes do not beat each other). */
    public boolean isBetterThan(Vote other) {
        return TOTAL_ORDER.compare(this, other) > 0;
    }

    /**
     * As {@link #isBetterThan(Vote)}, but a vote for a server that is not a voter of {@code config} never
     * wins: an observer or a stranger cannot be elected (ZooKeeper gives them weight zero).
     */
    public boolean isBetterThan(Vote other, QuorumConfig config) {
        return config.isVoter(proposedLeader) && isBetterThan(other);
    }
}
