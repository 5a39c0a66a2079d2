package io.paddock.core.zab;

import static io.paddock.core.zab.FleFixtures.config;
import static io.paddock.core.zab.FleFixtures.election;
import static io.paddock.core.zab.FleFixtures.looking;
import static io.paddock.core.zab.FleFixtures.note;
import static io.paddock.core.zab.FleFixtures.sent;
import static io.paddock.core.zab.FleFixtures.vote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.zab.FastLeaderElection.Elected;
import io.paddock.core.zab.FleFixtures.Sent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One server's Fast Leader Election, rule by rule, as seed 003 and ZooKeeper 3.9's FastLeaderElection describe
 * it. Each test drives one instance with hand-written notifications and checks what it sends and decides.
 */
class FastLeaderElectionTest {
    private static final QuorumConfig THREE = config(List.of(1L, 2L, 3L), List.of());
    private static final QuorumConfig FOUR = config(List.of(1L, 2L, 3L, 4L), List.of());
    private static final QuorumConfig FIVE = config(List.of(1L, 2L, 3L, 4L, 5L), List.of());
    private static final QuorumConfig THREE_AND_OBSERVERS = config(List.of(1L, 2L, 3L), List.of(4L, 5L));

    private final List<ZabAction> out = new ArrayList<>();

    private List<Sent> drain() {
        List<Sent> s = sent(out);
        out.clear();
        return s;
    }

    @Nested
    class StartingARound {
        @Test
        void aVoterProposesItselfAndTellsEveryOtherVoterInIdOrder() {
            FastLeaderElection fle = election(2, THREE_AND_OBSERVERS, 0, 8);

            fle.lookForLeader(0x3_0000_0007L, 3, out);

            Vote mine = vote(2, 0x3_0000_0007L, 1, 3);
            assertThat(drain()).containsExactly(
                    new Sent(1, PeerState.LOOKING, 2, mine, Long.toString(FleFixtures.CONFIG_VERSION)),
                    new Sent(3, PeerState.LOOKING, 2, mine, Long.toString(FleFixtures.CONFIG_VERSION)));
            assertThat(fle.looking()).isTrue();
            assertThat(fle.state()).isEqualTo(PeerState.LOOKING);
            assertThat(fle.currentVote()).isEqualTo(mine);
        }

        @Test
        void anObserverProposesNoOneAndTellsEveryVoter() {
            FastLeaderElection fle = election(4, THREE_AND_OBSERVERS, 0, 8);

            fle.lookForLeader(0x3_0000_0007L, 3, out);

            Vote noOne = vote(FastLeaderElection.NO_CANDIDATE, Long.MIN_VALUE, 1, Long.MIN_VALUE);
            assertThat(drain()).extracting(Sent::to, Sent::vote)
                    .containsExactly(tuple(1, noOne), tuple(2, noOne), tuple(3, noOne));
        }

        @Test
        void eachRoundMovesTheLogicalClockOnAndForgetsTheLastResult() {
            FastLeaderElection fle = election(1, THREE, 0, 8);
            assertThat(fle.logicalClock()).isZero();
            assertThatThrownBy(fle::currentVote).isInstanceOf(IllegalStateException.class);

            fle.lookForLeader(5, 1, out);
            fle.onNotification(2, looking(2, 1, 5, 1, 1), out);
            assertThat(fle.settled()).isPresent();
            fle.lookForLeader(5, 1, out);

            assertThat(fle.logicalClock()).isEqualTo(2);
            assertThat(fle.settled()).isEmpty();
            assertThat(fle.currentVote().electionEpoch()).isEqualTo(2);
        }

        @Test
        void aSingleVoterElectsItselfOnceTheFinalizeWaitIsOver() {
            FastLeaderElection fle = election(1, config(List.of(1L), List.of(2L)), 2, 8);

            fle.lookForLeader(9, 4, out);

            assertThat(drain()).isEmpty(); // no other voter to tell
            assertThat(fle.onTick(out)).isEmpty();
            assertThat(fle.onTick(out)).contains(new Elected(vote(1, 9, 1, 4), PeerState.LEADING));
        }
    }

    @Nested
    class LookingPeers {
        @Test
        void aHigherRoundIsAdoptedAndMyOwnVoteKeptWhenItIsBetter() {
            FastLeaderElection fle = election(1, THREE, 0, 8);
            fle.lookForLeader(0x1_0000_0009L, 1, out);
            drain();

            fle.onNotification(2, looking(2, 2, 0x1_0000_0001L, 5, 1), out);

            assertThat(fle.logicalClock()).isEqualTo(5);
            Vote mineInRound5 = vote(1, 0x1_0000_0009L, 5, 1);
            assertThat(drain()).extracting(Sent::to, Sent::vote).containsExactly(tuple(2, mineInRound5), tuple(3, mineInRound5));
        }

        @Test
        void aHigherRoundIsAdoptedWithItsVoteWhenThatIsBetter() {
            FastLeaderElection fle = election(1, THREE, 0, 8);
            fle.lookForLeader(0x1_0000_0001L, 1, out);
            drain();

            fle.onNotification(3, looking(3, 3, 0x1_0000_0009L, 5, 1), out);

            assertThat(fle.currentVote()).isEqualTo(vote(3, 0x1_0000_0009L, 5, 1));
            assertThat(drain()).extracting(Sent::to).containsExactly(2L, 3L);
        }

        @Test
        void adoptingAHigherRoundForgetsTheVotesOfTheOldOne() {
            FastLeaderElection fle = election(1, FIVE, 0, 8);
            fle.lookForLeader(9, 1, out);
            fle.onNotification(2, looking(2, 1, 9, 1, 1), out); // 2 agrees in round 1: {1, 2}

            fle.onNotification(3, looking(3, 3, 1, 2, 1), out); // round 2: my vote is better, kept
            Optional<Elected> afterFour = fle.onNotification(4, looking(4, 1, 9, 2, 1), out);

            // {1, 4} in round 2; 2's round-1 vote no longer counts, else {1, 2, 4} would be a quorum
            assertThat(afterFour).isEmpty();
            assertThat(fle.onNotification(5, looking(5, 1, 9, 2, 1), out))
                    .contains(new Elected(vote(1, 9, 2, 1), PeerState.LEADING));
        }

        @Test
        void aBetterVoteInMyRoundIsAdoptedAndToldToEveryone() {
            FastLeaderElection fle = election(1, THREE, 0, 8);
            fle.lookForLeader(5, 1, out);
            drain();

            fle.onNotification(2, looking(2, 2, 6, 1, 1), out);

            assertThat(fle.currentVote()).isEqualTo(vote(2, 6, 1, 1));
            assertThat(drain()).extracting(Sent::to, Sent::vote)
                    .containsExactly(tuple(2, vote(2, 6, 1, 1)), tuple(3, vote(2, 6, 1, 1)));
        }

        @Test
        void aWorseVoteInMyRoundChangesNothingAndIsNotAnswered() {
            FastLeaderElection fle = election(3, THREE, 0, 8);
            fle.lookForLeader(5, 1, out);
            drain();

            fle.onNotification(1, looking(1, 1, 5, 1, 1), out);

            assertThat(fle.currentVote()).isEqualTo(vote(3, 5, 1, 1));
            assertThat(drain()).isEmpty();
        }

        @Test
        void anOlderRoundIsAnsweredWithMyVoteButNeverCounted() {
            FastLeaderElection fle = election(1, THREE, 0, 8);
            fle.lookForLeader(9, 1, out);
            fle.lookForLeader(9, 1, out); // round 2
            drain();

            // 2 votes for me, but in round 1: counted, {1, 2} would be a quorum
            Optional<Elected> result = fle.onNotification(2, looking(2, 1, 9, 1, 1), out);

            assertThat(result).isEmpty();
            assertThat(drain()).containsExactly(new Sent(2, PeerState.LOOKING, 1, vote(1, 9, 2, 1),
                    Long.toString(FleFixtures.CONFIG_VERSION)));
        }

        @Test
        void aVoteForAServerThatDoesNotVoteIsIgnored() {
            FastLeaderElection fle = election(1, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(1, 1, out);
            drain();

            fle.onNotification(2, looking(2, 4, 99, 1, 9), out); // for observer 4, with the best zxid and epoch

            assertThat(fle.currentVote()).isEqualTo(vote(1, 1, 1, 1));
            assertThat(drain()).isEmpty();
        }

        @Test
        void aServerWithoutHistoryTakesNoPartInLookingVotes() {
            // ZooKeeper skips LOOKING notifications whose zxid is -1, and all of them while its own is -1
            FastLeaderElection fle = election(1, THREE, 0, 8);
            fle.lookForLeader(0, 1, out);

            assertThat(fle.onNotification(2, looking(2, 2, -1, 1, 5), out)).isEmpty();
            assertThat(fle.currentVote()).isEqualTo(vote(1, 0, 1, 1));
        }
    }

    @Nested
    class QuorumMath {
        @Test
        void aMajorityOfVotersIncludingMyOwnVoteDecides() {
            FastLeaderElection fle = election(2, THREE, 0, 8);
            fle.lookForLeader(5, 1, out);

            Optional<Elected> result = fle.onNotification(3, looking(3, 3, 7, 1, 1), out);

            // 3's vote is better: I adopt it, and {2, 3} of 3 voters agree
            assertThat(result).contains(new Elected(vote(3, 7, 1, 1), PeerState.FOLLOWING));
            assertThat(fle.looking()).isFalse();
        }

        @Test
        void observersAndStrangersNeverCountButAreAnswered() {
            FastLeaderElection fle = election(1, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(9, 1, out);
            drain();

            assertThat(fle.onNotification(4, looking(4, 1, 9, 1, 1), out)).isEmpty();
            assertThat(fle.onNotification(5, looking(5, 1, 9, 1, 1), out)).isEmpty();
            assertThat(fle.onNotification(77, looking(77, 1, 9, 1, 1), out)).isEmpty();
            assertThat(drain()).extracting(Sent::to, Sent::state, Sent::vote).containsExactly(
                    tuple(4, PeerState.LOOKING, vote(1, 9, 1, 1)),
                    tuple(5, PeerState.LOOKING, vote(1, 9, 1, 1)),
                    tuple(77, PeerState.LOOKING, vote(1, 9, 1, 1)));

            assertThat(fle.onNotification(2, looking(2, 1, 9, 1, 1), out))
                    .contains(new Elected(vote(1, 9, 1, 1), PeerState.LEADING));
        }

        @Test
        void withFourVotersTwoAreATieNotAMajority() {
            FastLeaderElection fle = election(1, config(List.of(1L, 2L, 3L, 4L), List.of()), 0, 8);
            fle.lookForLeader(9, 1, out);

            assertThat(fle.onNotification(2, looking(2, 1, 9, 1, 1), out)).isEmpty();
            assertThat(fle.onNotification(3, looking(3, 1, 9, 1, 1), out)).isPresent();
        }

        @Test
        void votesMustMatchWholeWhileLooking() {
            FastLeaderElection fle = election(1, THREE, 0, 8);
            fle.lookForLeader(9, 2, out);

            // same leader, but another zxid or epoch: a different vote
            assertThat(fle.onNotification(2, looking(2, 1, 8, 1, 2), out)).isEmpty();
            assertThat(fle.onNotification(3, looking(3, 1, 9, 1, 1), out)).isEmpty();
            assertThat(fle.onNotification(3, looking(3, 1, 9, 1, 2), out)).isPresent();
        }
    }

    @Nested
    class FinalizeWait {
        @Test
        void aQuorumDecidesOnlyAfterTheFinalizeWait() {
            FastLeaderElection fle = election(1, THREE, 3, 8);
            fle.lookForLeader(9, 1, out);

            assertThat(fle.onNotification(2, looking(2, 1, 9, 1, 1), out)).isEmpty();
            assertThat(fle.onTick(out)).isEmpty();
            assertThat(fle.onTick(out)).isEmpty();
            assertThat(fle.looking()).isTrue();
            assertThat(fle.onTick(out)).contains(new Elected(vote(1, 9, 1, 1), PeerState.LEADING));
        }

        @Test
        void aBetterVoteDuringTheWaitInterruptsIt() {
            FastLeaderElection fle = election(1, FIVE, 3, 8);
            fle.lookForLeader(5, 1, out);
            fle.onNotification(2, looking(2, 1, 5, 1, 1), out);
            fle.onNotification(4, looking(4, 1, 5, 1, 1), out); // {1, 2, 4} agree on me: waiting
            fle.onTick(out);
            drain();

            fle.onNotification(3, looking(3, 3, 7, 1, 1), out); // {1, 3} agree on 3: no quorum yet

            assertThat(fle.currentVote()).isEqualTo(vote(3, 7, 1, 1));
            assertThat(drain()).extracting(Sent::to).containsExactly(2L, 3L, 4L, 5L);
            for (int i = 0; i < 5; i++) {
                assertThat(fle.onTick(out)).as("tick %d after the better vote", i).isEmpty();
            }
            assertThat(fle.looking()).isTrue();
        }

        @Test
        void aFreshQuorumAfterTheInterruptionWaitsAgainThenDecides() {
            FastLeaderElection fle = election(1, THREE, 2, 8);
            fle.lookForLeader(5, 1, out);
            fle.onNotification(2, looking(2, 1, 5, 1, 1), out);
            fle.onNotification(3, looking(3, 3, 7, 1, 1), out); // {1, 3} agree on 3 at once: waiting again

            assertThat(fle.onTick(out)).isEmpty();
            assertThat(fle.onTick(out)).contains(new Elected(vote(3, 7, 1, 1), PeerState.FOLLOWING));
        }

        @Test
        void aVoteThatIsNotBetterDuringTheWaitIsDroppedAndTheWaitEndsOnTime() {
            FastLeaderElection fle = election(2, THREE, 2, 8);
            fle.lookForLeader(5, 1, out);
            fle.onNotification(1, looking(1, 2, 5, 1, 1), out); // {1, 2} agree on me
            fle.onTick(out);
            drain();

            assertThat(fle.onNotification(3, looking(3, 1, 1, 1, 1), out)).isEmpty();

            assertThat(drain()).isEmpty();
            assertThat(fle.onTick(out)).contains(new Elected(vote(2, 5, 1, 1), PeerState.LEADING));
        }

        @Test
        void aLookingVoterInANewerRoundEndsTheWaitEvenWithAVoteThatIsNotBetter() {
            FastLeaderElection fle = election(3, FOUR, 1, 8);
            fle.lookForLeader(5, 1, out);
            fle.onNotification(4, looking(4, 4, 5, 1, 1), out);
            fle.onNotification(1, looking(1, 4, 5, 1, 1), out); // {1, 3, 4} agree on 4 in round 1: waiting
            drain();

            // 2 is in round 2 and votes for itself, worse than 4: 2 no longer counts round 1, nor will 1 once it
            // hears 2. Deciding on round 1 would leave 1 and 2 LOOKING in round 2 for ever (see the exchange below)
            assertThat(fle.onNotification(2, looking(2, 2, 5, 2, 1), out)).isEmpty();

            assertThat(fle.logicalClock()).isEqualTo(2);
            Vote mineInRound2 = vote(3, 5, 2, 1); // the round's votes are forgotten: my own is better than 2's
            assertThat(drain()).extracting(Sent::to, Sent::vote)
                    .containsExactly(tuple(1, mineInRound2), tuple(2, mineInRound2), tuple(4, mineInRound2));
            for (int i = 0; i < 5; i++) {
                assertThat(fle.onTick(out)).as("tick %d after the newer round", i).isEmpty();
            }
            assertThat(fle.looking()).isTrue();
        }

        @Test
        void anOlderOrSettledRoundDuringTheWaitDoesNotEndIt() {
            FastLeaderElection fle = election(3, FOUR, 1, 8);
            fle.lookForLeader(5, 1, out);
            fle.lookForLeader(5, 1, out); // round 2
            fle.onNotification(4, looking(4, 4, 5, 2, 1), out);
            fle.onNotification(1, looking(1, 4, 5, 2, 1), out); // waiting on 4 in round 2
            drain();

            fle.onNotification(2, looking(2, 2, 5, 1, 1), out); // a laggard: pulled into round 2, not counted
            fle.onNotification(2, note(PeerState.FOLLOWING, 2, vote(1, 5, 7, 1)), out); // settled in a later round

            assertThat(drain()).extracting(Sent::to).containsExactly(2L);
            assertThat(fle.onTick(out)).contains(new Elected(vote(4, 5, 2, 1), PeerState.FOLLOWING));
        }
    }

    @Nested
    class Settled {
        private FastLeaderElection follower() {
            FastLeaderElection fle = election(2, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(5, 1, out);
            fle.onNotification(3, looking(3, 3, 7, 1, 1), out);
            drain();
            return fle;
        }

        @Test
        void aLookingVoterIsAnsweredWithTheSettledVote() {
            FastLeaderElection fle = follower();

            fle.onNotification(1, looking(1, 1, 9, 4, 1), out);

            assertThat(drain()).containsExactly(new Sent(1, PeerState.FOLLOWING, 2, vote(3, 7, 1, 1),
                    Long.toString(FleFixtures.CONFIG_VERSION)));
            assertThat(fle.state()).isEqualTo(PeerState.FOLLOWING);
        }

        @Test
        void aLookingObserverIsAnsweredToo() {
            FastLeaderElection fle = follower();

            fle.onNotification(4, looking(4, FastLeaderElection.NO_CANDIDATE, Long.MIN_VALUE, 1, Long.MIN_VALUE), out);

            assertThat(drain()).extracting(Sent::to, Sent::state, Sent::vote)
                    .containsExactly(tuple(4, PeerState.FOLLOWING, vote(3, 7, 1, 1)));
        }

        @Test
        void settledServersDoNotAnswerEachOther() {
            FastLeaderElection fle = follower();

            fle.onNotification(3, note(PeerState.LEADING, 3, vote(3, 7, 1, 1)), out);
            fle.onNotification(1, note(PeerState.FOLLOWING, 1, vote(3, 7, 1, 1)), out);
            fle.onNotification(4, note(PeerState.OBSERVING, 4, vote(3, 7, 1, 1)), out);

            assertThat(drain()).isEmpty();
        }

        @Test
        void theSettledVoteNamesTheEpochTheServerServesIn() {
            FastLeaderElection fle = follower();

            fle.updateSettledEpoch(2);
            fle.onNotification(1, looking(1, 1, 9, 4, 1), out);

            assertThat(drain()).extracting(Sent::vote).containsExactly(vote(3, 7, 1, 2));
        }

        @Test
        void ticksDoNothing() {
            FastLeaderElection fle = follower();

            for (int i = 0; i < 20; i++) {
                assertThat(fle.onTick(out)).isEmpty();
            }
            assertThat(drain()).isEmpty();
        }
    }

    @Nested
    class JoiningAnEstablishedEnsemble {
        @Test
        void aQuorumFollowingALeaderThatSaysItLeadsIsJoined() {
            FastLeaderElection fle = election(3, THREE, 0, 8);
            fle.lookForLeader(0, 0, out);

            // 1 and 2 were elected in round 7; their zxids moved on since, so the votes differ in zxid
            assertThat(fle.onNotification(2, note(PeerState.FOLLOWING, 2, vote(1, 0x4_0000_0001L, 7, 4)), out)).isEmpty();
            Optional<Elected> result = fle.onNotification(1, note(PeerState.LEADING, 1, vote(1, 0x4_0000_0009L, 7, 4)), out);

            assertThat(result).contains(new Elected(vote(1, 0x4_0000_0009L, 7, 4), PeerState.FOLLOWING));
            assertThat(fle.logicalClock()).isEqualTo(7);
        }

        @Test
        void aQuorumFollowingALeaderNobodyHeardLeadIsNotJoined() {
            FastLeaderElection fle = election(5, FIVE, 0, 8);
            fle.lookForLeader(0, 0, out);

            for (long follower = 2; follower <= 4; follower++) {
                assertThat(fle.onNotification(follower, note(PeerState.FOLLOWING, follower, vote(1, 9, 7, 4)), out))
                        .as("follower %d", follower).isEmpty();
            }
            assertThat(fle.onNotification(1, note(PeerState.LEADING, 1, vote(1, 9, 7, 4)), out))
                    .map(Elected::state).contains(PeerState.FOLLOWING);
        }

        @Test
        void followersOfTheSameLeaderInDifferentEpochsDoNotAgree() {
            FastLeaderElection fle = election(3, THREE, 0, 8);
            fle.lookForLeader(0, 0, out);

            fle.onNotification(2, note(PeerState.FOLLOWING, 2, vote(1, 9, 7, 3)), out);

            assertThat(fle.onNotification(1, note(PeerState.LEADING, 1, vote(1, 9, 7, 4)), out)).isEmpty();
        }

        @Test
        void inMyOwnRoundLookingVotesAndFollowersCountTogether() {
            FastLeaderElection fle = election(3, FIVE, 0, 8);
            fle.lookForLeader(0, 0, out);
            fle.onNotification(4, looking(4, 1, 9, 1, 4), out); // adopted: better than my own
            // my vote and 4's are LOOKING votes for (1, 9, round 1, epoch 4); 1 says it leads with that vote
            assertThat(fle.currentVote()).isEqualTo(vote(1, 9, 1, 4));

            Optional<Elected> result = fle.onNotification(1, note(PeerState.LEADING, 1, vote(1, 9, 1, 4)), out);

            assertThat(result).contains(new Elected(vote(1, 9, 1, 4), PeerState.FOLLOWING));
        }

        @Test
        void joiningAnOlderRoundNeverMovesTheLogicalClockBack() {
            FastLeaderElection fle = election(3, THREE, 0, 8);
            for (int i = 0; i < 10; i++) {
                fle.lookForLeader(0, 0, out);
            }

            fle.onNotification(2, note(PeerState.FOLLOWING, 2, vote(1, 9, 3, 4)), out);
            Optional<Elected> result = fle.onNotification(1, note(PeerState.LEADING, 1, vote(1, 9, 3, 4)), out);

            assertThat(result).map(e -> e.vote().electionEpoch()).contains(3L);
            assertThat(fle.logicalClock()).isEqualTo(10);
        }
    }

    @Nested
    class Observers {
        @Test
        void anObserverLearnsTheLeaderFromTheSettledEnsemble() {
            FastLeaderElection fle = election(4, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(0, 0, out);

            fle.onNotification(3, note(PeerState.FOLLOWING, 3, vote(2, 9, 4, 1)), out);
            Optional<Elected> result = fle.onNotification(2, note(PeerState.LEADING, 2, vote(2, 9, 4, 1)), out);

            assertThat(result).contains(new Elected(vote(2, 9, 4, 1), PeerState.OBSERVING));
        }

        @Test
        void anObserverFollowsTheVotersElectionWithoutCountingItself() {
            FastLeaderElection fle = election(4, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(0, 0, out);
            drain();

            // the voters answer with their votes in their round (higher than mine): adopted, then counted
            fle.onNotification(1, looking(1, 3, 9, 2, 1), out);
            assertThat(fle.currentVote()).isEqualTo(vote(3, 9, 2, 1));
            assertThat(drain()).extracting(Sent::to).containsExactly(1L, 2L, 3L);
            Optional<Elected> result = fle.onNotification(2, looking(2, 3, 9, 2, 1), out);

            assertThat(result).contains(new Elected(vote(3, 9, 2, 1), PeerState.OBSERVING));
        }

        @Test
        void anObserverDoesNotAnswerALaggingVoter() {
            FastLeaderElection fle = election(4, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(0, 0, out);
            fle.lookForLeader(0, 0, out);
            drain();

            fle.onNotification(1, looking(1, 1, 9, 1, 1), out);

            assertThat(drain()).isEmpty();
        }

        @Test
        void aVoterDoesNotAnswerAnObserverThatIsNotLooking() {
            FastLeaderElection fle = election(1, THREE_AND_OBSERVERS, 0, 8);
            fle.lookForLeader(0, 0, out);
            drain();

            fle.onNotification(4, note(PeerState.OBSERVING, 4, vote(2, 9, 4, 1)), out);

            assertThat(drain()).isEmpty();
        }
    }

    @Nested
    class Resending {
        @Test
        void aQuietRoundResendsAtADoublingIntervalUpToTheCap() {
            FastLeaderElection fle = election(1, THREE, 0, 4);
            fle.lookForLeader(0, 0, out);
            drain();

            List<Integer> resendTicks = new ArrayList<>();
            for (int tick = 1; tick <= 20; tick++) {
                fle.onTick(out);
                List<Sent> s = drain();
                if (!s.isEmpty()) {
                    assertThat(s).extracting(Sent::to).containsExactly(2L, 3L);
                    resendTicks.add(tick);
                }
            }

            // intervals 1, 2, 4, then capped at 4
            assertThat(resendTicks).containsExactly(1, 3, 7, 11, 15, 19);
        }

        @Test
        void aNotificationRestartsTheQuietCountButNotTheInterval() {
            FastLeaderElection fle = election(3, THREE, 0, 8);
            fle.lookForLeader(5, 0, out);
            fle.onTick(out); // resend at 1, interval now 2
            fle.onTick(out);
            drain();

            fle.onNotification(1, looking(1, 1, 0, 1, 0), out); // worse: no answer, but not quiet
            fle.onTick(out);
            assertThat(drain()).isEmpty();
            fle.onTick(out);
            assertThat(drain()).hasSize(2);
        }
    }

    /**
     * The exchange the lossless property found (a server still LOOKING after 200,000 steps), over FIFO links as
     * ZooKeeper's TCP connections are: two servers settle on round 1 while the other two have moved to round 2.
     */
    @Nested
    class ARoundThatOvertakesTheWait {
        private final Map<Long, FastLeaderElection> servers = new TreeMap<>();
        /** In flight per link (from, to), oldest first. */
        private final Map<List<Long>, ArrayDeque<PeerMessage.Notification>> links = new LinkedHashMap<>();

        private void start(long id, int rounds) {
            FastLeaderElection fle = election(id, FOUR, 1, 8);
            servers.put(id, fle);
            for (int i = 1; i < rounds; i++) {
                fle.lookForLeader(5, 1, new ArrayList<>()); // rounds whose notifications were lost
            }
            List<ZabAction> sends = new ArrayList<>();
            fle.lookForLeader(5, 1, sends);
            enqueue(id, sends);
        }

        private void deliver(long from, long to) {
            PeerMessage.Notification n = links.get(List.of(from, to)).removeFirst();
            List<ZabAction> sends = new ArrayList<>();
            servers.get(to).onNotification(from, n, sends);
            enqueue(to, sends);
        }

        private void enqueue(long from, List<ZabAction> sends) {
            for (Sent s : sent(sends)) {
                links.computeIfAbsent(List.of(from, s.to()), k -> new ArrayDeque<>())
                        .addLast(note(s.state(), s.sender(), s.vote()));
            }
        }

        /** Delivers link by link in a fixed order and ticks everyone when nothing is in flight. */
        private void runUntilSettledOrGivenUp() {
            for (int step = 0; step < 10_000 && servers.values().stream().anyMatch(FastLeaderElection::looking); step++) {
                Optional<List<Long>> busy = links.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(Map.Entry::getKey).findFirst();
                if (busy.isPresent()) {
                    deliver(busy.get().get(0), busy.get().get(1));
                } else {
                    servers.forEach((id, fle) -> {
                        List<ZabAction> sends = new ArrayList<>();
                        fle.onTick(sends);
                        enqueue(id, sends);
                    });
                }
            }
        }

        @Test
        void everyoneStillElectsTheBestServerInTheNewerRound() {
            // equal histories, so 4 is the best; 2 lost one round before and starts in round 2
            start(1, 1);
            start(2, 2);
            start(3, 1);
            start(4, 1);
            deliver(4, 1); // 1 adopts 4 and tells 2, 3, 4
            deliver(4, 3); // 3 adopts 4 and tells 1, 2, 4
            deliver(1, 3);
            deliver(1, 3); // 3 has {1, 3, 4} on 4 in round 1: waiting
            deliver(1, 4);
            deliver(1, 4);
            deliver(3, 4);
            deliver(3, 4); // 4 has {1, 3, 4} on itself in round 1: waiting
            deliver(2, 1); // 1 moves to round 2 and votes 2 (better than its own 1)
            deliver(2, 3);
            deliver(1, 3); // round 2 reaches 3 and 4 while they wait. Dropped, they would settle on round 1 and
            deliver(2, 4); // answer 1 and 2 with it; round 2 never counts those answers, and two servers
            deliver(1, 4); // following 4 are not a quorum of four for joining: 1 and 2 looked for ever

            runUntilSettledOrGivenUp();

            assertThat(servers).allSatisfy((id, fle) -> assertThat(fle.looking()).as("%d looking", id).isFalse());
            assertThat(servers.values()).extracting(fle -> fle.currentVote().proposedLeader()).containsOnly(4L);
            assertThat(servers.values()).extracting(fle -> fle.currentVote().electionEpoch()).containsOnly(2L);
            assertThat(servers.get(4L).state()).isEqualTo(PeerState.LEADING);
        }
    }

    @Nested
    class WhatFleAloneDoesNotPromise {
        @Test
        void aLostVoteLetsTwoServersLeadInTheSameRound() {
            // equal histories: 3 is the best candidate. 3's notification to 2 is lost.
            FastLeaderElection one = election(1, THREE, 0, 8);
            FastLeaderElection two = election(2, THREE, 0, 8);
            FastLeaderElection three = election(3, THREE, 0, 8);
            one.lookForLeader(5, 1, out);
            two.lookForLeader(5, 1, out);
            three.lookForLeader(5, 1, out);
            drain();

            one.onNotification(2, looking(2, 2, 5, 1, 1), out); // 1 adopts 2 and tells 2 and 3
            Optional<Elected> twoDecides = two.onNotification(1, looking(1, 2, 5, 1, 1), out);
            one.onNotification(3, looking(3, 3, 5, 1, 1), out); // then 1 adopts 3
            Optional<Elected> threeDecides = three.onNotification(1, looking(1, 3, 5, 1, 1), out);

            assertThat(twoDecides).map(Elected::state).contains(PeerState.LEADING);
            assertThat(threeDecides).map(Elected::state).contains(PeerState.LEADING);
            assertThat(twoDecides.orElseThrow().vote().electionEpoch())
                    .isEqualTo(threeDecides.orElseThrow().vote().electionEpoch());
            // Zab's discovery settles it: 1 follows one of them, the other never gathers a quorum of followers
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        Object[] widened = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i] instanceof Integer n ? Long.valueOf(n) : values[i];
        }
        return org.assertj.core.groups.Tuple.tuple(widened);
    }
}
