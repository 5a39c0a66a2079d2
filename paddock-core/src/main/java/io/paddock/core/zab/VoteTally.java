package io.paddock.core.zab;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The votes one election has heard, the latest per sender, each with the state its sender announced.
 * Answers the two questions FLE asks of them: does a quorum of voters agree with a vote, and is that vote's
 * leader confirmed. Only the config decides who counts, so observers and strangers may be recorded but
 * never tip a quorum.
 */
final class VoteTally {

    /** A vote as heard, with the state its sender was in. */
    record Ballot(Vote vote, PeerState state) {
    }

    private final Map<Long, Ballot> bySender = new TreeMap<>();

    void record(long sender, Vote vote, PeerState state) {
        bySender.put(sender, new Ballot(vote, state));
    }

    void clear() {
        bySender.clear();
    }

    boolean isEmpty() {
        return bySender.isEmpty();
    }

    /** Whether a quorum of {@code config}'s voters cast a ballot that agrees with {@code target}. */
    boolean quorumAgrees(Ballot target, QuorumConfig config) {
        Set<Long> agreeing = new TreeSet<>();
        bySender.forEach((sender, ballot) -> {
            if (agree(ballot, target)) {
                agreeing.add(sender);
            }
        });
        return config.isQuorum(agreeing);
    }

    /**
     * Whether {@code leader} may be followed: either this server is that leader and the vote is of its own
     * round, or the leader itself told us it is LEADING. Without this check a quorum that still follows a
     * dead leader would draw a newcomer to it (ZooKeeper's checkLeader).
     */
    boolean leaderConfirmed(long leader, long electionEpoch, long myId, long myLogicalClock) {
        if (leader == myId) {
            return myLogicalClock == electionEpoch;
        }
        Ballot fromLeader = bySender.get(leader);
        return fromLeader != null && fromLeader.state() == PeerState.LEADING;
    }

    /**
     * ZooKeeper's vote equality. While either side is LOOKING the whole vote must match, round included. Between
     * servers that left the election only the leader and its epoch count: their zxids and rounds drift apart
     * once they serve (ZOOKEEPER-1805, ZOOKEEPER-1732), yet they follow the same leader in the same epoch.
     */
    static boolean agree(Ballot a, Ballot b) {
        Vote x = a.vote();
        Vote y = b.vote();
        if (a.state() == PeerState.LOOKING || b.state() == PeerState.LOOKING) {
            return x.proposedLeader() == y.proposedLeader() && x.proposedZxid() == y.proposedZxid()
                    && x.electionEpoch() == y.electionEpoch() && x.peerEpoch() == y.peerEpoch();
        }
        return x.proposedLeader() == y.proposedLeader() && x.peerEpoch() == y.peerEpoch();
    }
}
