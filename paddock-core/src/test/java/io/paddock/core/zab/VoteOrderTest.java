package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * FLE's total order (ZooKeeper's totalOrderPredicate): a vote beats another when its peer epoch is higher;
 * on equal epochs when its zxid is higher; on equal zxids when its proposed server id is higher. A vote for
 * a server without a vote (an observer, weight zero) never beats anything.
 */
class VoteOrderTest {

    private static Vote vote(long leader, long zxid, long peerEpoch) {
        return new Vote(leader, zxid, 1, peerEpoch, 0);
    }

    @Test
    void aHigherPeerEpochWinsOverAHigherZxidAndId() {
        Vote newerEpoch = vote(1, 0x1_0000_0001L, 2);
        Vote moreHistory = vote(9, 0x1_0000_00ffL, 1);

        assertThat(newerEpoch.isBetterThan(moreHistory)).isTrue();
        assertThat(moreHistory.isBetterThan(newerEpoch)).isFalse();
    }

    @Test
    void onEqualEpochsTheHigherZxidWinsOverAHigherId() {
        Vote moreHistory = vote(1, 0x2_0000_0005L, 2);
        Vote higherId = vote(9, 0x2_0000_0004L, 2);

        assertThat(moreHistory.isBetterThan(higherId)).isTrue();
        assertThat(higherId.isBetterThan(moreHistory)).isFalse();
    }

    @Test
    void onEqualEpochsAndZxidsTheHigherServerIdWins() {
        Vote three = vote(3, 0x2_0000_0005L, 2);
        Vote two = vote(2, 0x2_0000_0005L, 2);

        assertThat(three.isBetterThan(two)).isTrue();
        assertThat(two.isBetterThan(three)).isFalse();
    }

    @Test
    void aVoteDoesNotBeatItselfNorAnEqualVoteFromAnotherRoundOrConfig() {
        Vote v = vote(3, 7, 2);
        Vote sameButOtherRoundAndConfig = new Vote(3, 7, 99, 2, 42);

        assertThat(v.isBetterThan(v)).isFalse();
        assertThat(v.isBetterThan(sameButOtherRoundAndConfig)).isFalse();
        assertThat(sameButOtherRoundAndConfig.isBetterThan(v)).isFalse();
    }

    @Test
    void aVoteForAnObserverOrAStrangerNeverWins() {
        QuorumConfig config = QuorumConfigTest.config(java.util.Set.of(1L, 2L, 3L), java.util.Set.of(4L));
        Vote forObserver = vote(4, 100, 9);
        Vote forStranger = vote(5, 100, 9);
        Vote forVoter = vote(1, 0, 0);

        assertThat(forObserver.isBetterThan(forVoter, config)).isFalse();
        assertThat(forStranger.isBetterThan(forVoter, config)).isFalse();
        assertThat(forVoter.isBetterThan(forObserver, config)).isFalse(); // the observer's vote is simply higher
        assertThat(vote(3, 100, 9).isBetterThan(forObserver, config)).isFalse(); // equal, not better
        assertThat(vote(3, 101, 9).isBetterThan(forObserver, config)).isTrue();
    }

    @Property
    void theOrderIsTotalAndAntisymmetric(@ForAll("votes") Vote a, @ForAll("votes") Vote b) {
        boolean aWins = a.isBetterThan(b);
        boolean bWins = b.isBetterThan(a);
        boolean tie = a.peerEpoch() == b.peerEpoch() && a.proposedZxid() == b.proposedZxid()
                && a.proposedLeader() == b.proposedLeader();

        assertThat(aWins && bWins).isFalse();
        assertThat(aWins || bWins || tie).isTrue();
        assertThat(tie).isEqualTo(!aWins && !bWins);
    }

    @Property
    void theBestOfManyBeatsEveryOtherVoteAndIsFoundInAnyOrder(@ForAll("voteLists") List<Vote> votes) {
        // Whatever order notifications arrive in, adopting every better vote ends on the same maximum.
        Vote adopted = votes.getFirst();
        for (Vote v : votes) {
            if (v.isBetterThan(adopted)) {
                adopted = v;
            }
        }
        List<Vote> reversed = new ArrayList<>(votes).reversed();
        Vote adoptedBackwards = reversed.getFirst();
        for (Vote v : reversed) {
            if (v.isBetterThan(adoptedBackwards)) {
                adoptedBackwards = v;
            }
        }

        assertThat(Vote.TOTAL_ORDER.compare(adopted, adoptedBackwards)).isZero();
        for (Vote v : votes) {
            assertThat(v.isBetterThan(adopted)).isFalse();
        }
    }

    @Provide
    Arbitrary<Vote> votes() {
        // small ranges so ties on each field are common
        return Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 2), Arbitraries.longs().between(0, 2))
                .as(Vote::new);
    }

    @Provide
    Arbitrary<List<Vote>> voteLists() {
        return votes().list().ofMinSize(1).ofMaxSize(8);
    }
}
