package io.paddock.core.zab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.ZabAction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Seed S-003 (ZOOKEEPER-2959): one leader, two followers, one observer. S1, S2, S3 vote; S4 observes. With only the
 * leader-to-be S3 and the observer S4 up, no epoch may be proposed or acknowledged and no write served: two
 * servers of four are up, but only one voter of three. When one follower returns, the ensemble recovers.
 */
class S003OnlyVotersMakeAQuorumTest {
    private static final long LEADER = 3;
    private static final long OBSERVER = 4;

    @Test
    void theLeaderToBeAndTheObserverAloneNeverEstablishAnEpochNorServeAWrite() {
        Ensemble e = Ensemble.of(3, 1);
        e.start(LEADER, OBSERVER); // S1 and S2 are down
        for (int t = 0; t < 60; t++) {
            e.deliverAll().tickAll();
            if (t % 10 == 0) {
                e.write(LEADER, "/at-leader-" + t).write(OBSERVER, "/at-observer-" + t).deliverAll();
            }
        }
        assertNothingEstablished(e);

        // S2 returns: three voters' worth of quorum is two, and now there are two
        e.start(2);
        e.runUntil(Ensemble::hasEstablishedLeader, 200);
        assertRecovers(e, List.of(2L, LEADER, OBSERVER));
    }

    @Test
    void aLeaderWhoseOnlyFollowerLeftDuringDiscoveryDoesNotCountTheObserver() {
        Ensemble e = Ensemble.of(3, 1);
        e.start(2, LEADER, OBSERVER); // S1 is down
        // S2's vote makes S3 leader; then S2 crashes before its FOLLOWERINFO reaches S3
        e.runUntil(Ensemble::onlyElection, x -> x.state(LEADER) == PeerState.LEADING && x.state(2) == PeerState.FOLLOWING
                && x.state(OBSERVER) == PeerState.OBSERVING, 20);
        e.crash(2);
        // the observer introduces itself; it even claims to be a follower (a forged FOLLOWERINFO): neither counts
        e.deliverAll();
        assertThat(e.received.get(LEADER)).anyMatch(env -> env.from() == OBSERVER && env.message() instanceof PeerMessage.ObserverInfo);
        e.inject(OBSERVER, LEADER, new PeerMessage.FollowerInfo(OBSERVER, 0, 0, 1));
        for (int t = 0; t < 30; t++) {
            e.write(LEADER, "/w" + t).write(OBSERVER, "/o" + t).deliverAll().tickAll();
        }
        assertNothingEstablished(e);
        assertThat(e.actionsOf(LEADER, ZabAction.Trace.class)).as("the leader saw through the forged FOLLOWERINFO")
                .anyMatch(tr -> tr.message().contains("ignores S4"));

        e.start(2);
        e.runUntil(Ensemble::hasEstablishedLeader, 200);
        assertRecovers(e, List.of(2L, LEADER, OBSERVER));
    }

    /**
     * The protection matters: a leader that counts the observer's OBSERVERINFO towards its epoch quorum (and counts
     * ids, not voters, as ZOOKEEPER-2959's did) proposes an epoch with one voter of three.
     */
    @Test
    void aLeaderCountingTheObserverProposesAnEpochWithoutAQuorumOfVoters() {
        Ensemble e = Ensemble.of(3, 1);
        e.broken(LEADER, ProtocolBreakages.Switch.OBSERVERS_COUNT_IN_QUORUM);
        e.start(2, LEADER, OBSERVER);
        e.runUntil(Ensemble::onlyElection, x -> x.state(LEADER) == PeerState.LEADING && x.state(2) == PeerState.FOLLOWING
                && x.state(OBSERVER) == PeerState.OBSERVING, 20);
        e.crash(2);
        for (int t = 0; t < 30; t++) {
            e.deliverAll().tickAll();
        }
        assertThat(somethingEstablished(e)).hasValue("S3 proposed an epoch (LEADERINFO)");
    }

    private static void assertNothingEstablished(Ensemble e) {
        assertThat(somethingEstablished(e)).isEmpty();
    }

    /** The property: empty, or the first thing the leader-to-be or the observer did that needs a quorum of voters. */
    private static Optional<String> somethingEstablished(Ensemble e) {
        for (long id : List.of(LEADER, OBSERVER)) {
            String s = "S" + id + " ";
            if (!e.sent(id, PeerMessage.LeaderInfo.class).isEmpty()) {
                return Optional.of(s + "proposed an epoch (LEADERINFO)");
            }
            if (!e.sent(id, PeerMessage.AckEpoch.class).isEmpty()) {
                return Optional.of(s + "acknowledged an epoch");
            }
            if (!e.actionsOf(id, ZabAction.SaveEpochs.class).isEmpty()) {
                return Optional.of(s + "accepted an epoch");
            }
            if (!e.actionsOf(id, ZabAction.LeaderEstablished.class).isEmpty()) {
                return Optional.of(s + "was established as leader");
            }
            if (!e.sent(id, PeerMessage.Proposal.class).isEmpty()) {
                return Optional.of(s + "proposed a write");
            }
            if (!e.actionsOf(id, ZabAction.PersistTxn.class).isEmpty()) {
                return Optional.of(s + "logged a write");
            }
            if (!e.delivered(id).isEmpty()) {
                return Optional.of(s + "served a write");
            }
        }
        return Optional.empty();
    }

    private static void assertRecovers(Ensemble e, List<Long> live) {
        long leader = e.leader();
        assertThat(leader).isIn(2L, LEADER);
        e.runUntil(x -> live.stream().filter(id -> id != leader)
                .allMatch(id -> !x.actionsOf(id, ZabAction.LearnerSynced.class).isEmpty()), 50);
        e.write(OBSERVER, "/after-recovery").deliverAll();
        e.runUntil(x -> live.stream().allMatch(id -> x.replica(id).tree().get("/after-recovery") != null), 20);
        long digest = e.replica(leader).tree().digest();
        for (long id : live) {
            assertThat(e.replica(id).tree().digest()).as("S%d agrees with the leader", id).isEqualTo(digest);
        }
    }
}
