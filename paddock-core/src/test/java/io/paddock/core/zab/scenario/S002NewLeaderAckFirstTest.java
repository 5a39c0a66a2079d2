package io.paddock.core.zab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.Zxid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Seed S-002 (ZOOKEEPER-4685). Servers S0, S1, S2 are ids 1, 2, 3. S2 leads epoch 1, logs <1,1> and broadcasts
 * it; S0 restarts and S1 crashes before either receives the proposal. S2 is elected again (epoch 2) and syncs S0
 * by DIFF carrying <1,1>. For every order of S0's disk completions against its processing of the sync, NEWLEADER
 * and the proposals after it: the leader hears S0's ACK of NEWLEADER before any proposal ACK from S0, reaches a
 * quorum on NEWLEADER and enters broadcast without a new election.
 */
class S002NewLeaderAckFirstTest {
    private static final long S0 = 1;
    private static final long S1 = 2;
    private static final long S2 = 3;
    private static final long SEED_TXN = Zxid.of(1, 1);

    /** The state right after the re-election, and what happened before it. */
    private static final class Run {
        final Ensemble e;
        final int leaderMark;
        final int roleChangesAtLeader;
        boolean wrote;

        Run(Ensemble e) {
            this.e = e;
            this.leaderMark = e.actions.get(S2).size();
            this.roleChangesAtLeader = e.actionsOf(S2, ZabAction.RoleChanged.class).size();
        }

        /**
         * Everything but S0's inputs happens at once; once the leader is established and has sent S0 its NEWLEADER,
         * it takes two more writes, whose proposals reach S0 after NEWLEADER.
         */
        void settle(Ensemble x) {
            x.deliverAll(env -> env.to() != S0);
            if (!wrote && x.hasEstablishedLeader() && leaderSince().stream()
                    .anyMatch(a -> a instanceof ZabAction.Send s && s.to() == S0 && s.message() instanceof PeerMessage.NewLeader)) {
                wrote = true;
                x.write(S2, "/after-a").write(S2, "/after-b").deliverAll(env -> env.to() != S0);
            }
        }

        List<ZabAction> leaderSince() {
            return e.actions.get(S2).subList(leaderMark, e.actions.get(S2).size());
        }
    }

    private static Run reelected(boolean s1Returns) {
        return reelected(s1Returns, false);
    }

    private static Run reelected(boolean s1Returns, boolean broken) {
        Ensemble e = Ensemble.of(3, 0);
        if (broken) {
            e.broken(S0, ProtocolBreakages.Switch.PROPOSAL_ACKS_OVERTAKE_NEWLEADER);
        }
        e.start(S0, S1, S2);
        e.runUntil(x -> x.hasEstablishedLeader() && !x.actionsOf(S0, ZabAction.LearnerSynced.class).isEmpty()
                && !x.actionsOf(S1, ZabAction.LearnerSynced.class).isEmpty(), 100);
        assertThat(e.leader()).isEqualTo(S2);

        e.write(S2, "/seed"); // S2 logs <1,1> and sends its PROPOSAL to S0 and S1 ...
        assertThat(e.sent(S2, PeerMessage.Proposal.class)).extracting(p -> ((PeerMessage.Proposal) p).zxid())
                .containsExactly(SEED_TXN, SEED_TXN);
        e.crash(S0).crash(S1); // ... which neither receives: S0 restarts, S1 stays down
        assertThat(e.disks.get(S0).durableLog()).isEmpty();
        e.disks.get(S0).manual(); // from now on the script decides when S0's writes complete
        e.start(S0);

        // S2 loses its quorum, steps down, and is elected again by S0 (its history is longer)
        e.runUntil(Ensemble::onlyElection, x -> x.actionsOf(S2, ZabAction.RoleChanged.class).stream()
                .filter(r -> r.state() == PeerState.LEADING).count() == 2 && x.state(S0) == PeerState.FOLLOWING, 60);
        if (s1Returns) {
            // S1 comes back and settles too: the leader can be established by S1 while S0's NEWLEADER ACK waits
            e.start(S1);
            e.runUntil(Ensemble::onlyElection, x -> x.state(S1) == PeerState.FOLLOWING, 5);
        }
        return new Run(e);
    }

    @Test
    void everyOrderOfS0sDiskAgainstNewLeaderKeepsTheAckOfNewLeaderFirst() {
        everyOrder(false);
    }

    /**
     * The same with S1 back in time to establish the leader: now proposals reach S0 after NEWLEADER while its ACK
     * of NEWLEADER still waits for the disk (ZOOKEEPER-4685's window); they are acknowledged only after it.
     */
    @Test
    void everyOrderWhileProposalsArriveBeforeS0AcknowledgesNewLeader() {
        int proposalsBeforeAck = everyOrder(true);
        assertThat(proposalsBeforeAck).as("schedules where <2,1> reached S0 before <1,1> was durable").isPositive();
    }

    /** Returns how many schedules delivered a proposal of epoch 2 to S0 before <1,1> was durable there. */
    private static int everyOrder(boolean s1Returns) {
        List<Interleavings.Outcome> persistedBeforeNewLeader = new ArrayList<>();
        List<Interleavings.Outcome> persistedAfterNewLeader = new ArrayList<>();
        Run[] current = new Run[1];
        int[] early = new int[1];
        int schedules = Interleavings.forEvery(() -> (current[0] = reelected(s1Returns)).e, S0, x -> current[0].settle(x), o -> {
            Run run = current[0];
            Ensemble e = o.ensemble();
            assertThat(o.trace()).startsWith("recv LeaderInfo", "recv Diff 0x0", "recv Proposal " + Zxid.hex(SEED_TXN));
            assertThat(newLeaderAckFirst(e, 2)).isEmpty();
            assertThat(run.leaderSince()).as("no new election").noneMatch(a -> a instanceof ZabAction.RoleChanged);
            assertThat(run.leaderSince()).filteredOn(a -> a instanceof ZabAction.LeaderEstablished)
                    .containsExactly(new ZabAction.LeaderEstablished(2, SEED_TXN));
            assertThat(e.state(S2)).isEqualTo(PeerState.LEADING);
            assertThat(e.actionsOf(S0, ZabAction.LearnerSynced.class)).last().extracting(ZabAction.LearnerSynced::epoch)
                    .isEqualTo(2L);
            List<Long> expected = List.of(SEED_TXN, Zxid.of(2, 1), Zxid.of(2, 2));
            assertThat(e.delivered(S2)).endsWith(expected.toArray(Long[]::new));
            assertThat(e.delivered(S0)).as("S0 (restarted with nothing applied) commits what the leader did")
                    .isEqualTo(expected);
            assertThat(e.replica(S0).tree().digest()).isEqualTo(e.replica(S2).tree().digest());
            (o.indexOf("disk " + Zxid.hex(SEED_TXN)) < o.indexOf("recv NewLeader") ? persistedBeforeNewLeader
                    : persistedAfterNewLeader).add(o);
            if (o.indexOf("recv Proposal " + Zxid.hex(Zxid.of(2, 1))) < o.indexOf("disk " + Zxid.hex(SEED_TXN))) {
                early[0]++;
            }
        });
        assertThat(persistedBeforeNewLeader).as("some schedule made <1,1> durable before NEWLEADER arrived").isNotEmpty();
        assertThat(persistedAfterNewLeader).as("some schedule made <1,1> durable only after NEWLEADER").isNotEmpty();
        assertThat(schedules).isGreaterThan(persistedBeforeNewLeader.size());
        return early[0];
    }

    /**
     * The detector has teeth: a forged ACK of <1,1> from S0, arriving before its ACK of NEWLEADER (what
     * ZOOKEEPER-4685's follower sent), is what {@link #newLeaderAckFirst} reports; the leader ignores it, still
     * reaches its quorum on NEWLEADER and broadcasts without a new election.
     */
    @Test
    void aProposalAckAheadOfTheNewLeaderAckIsCaughtAndNotCounted() {
        Run run = reelected(false);
        Ensemble e = run.e;
        run.settle(e);
        while (!e.received.get(S0).stream().anyMatch(env -> env.message() instanceof PeerMessage.NewLeader)) {
            assertThat(e.deliverNextTo(S0)).isTrue();
            run.settle(e);
        }
        e.inject(S0, S2, new PeerMessage.Ack(SEED_TXN));
        assertThat(newLeaderAckFirst(e, 2)).hasValueSatisfying(v -> assertThat(v).contains("Ack " + Zxid.hex(SEED_TXN)));
        assertThat(run.leaderSince()).noneMatch(a -> a instanceof ZabAction.LeaderEstablished);
        assertThat(run.leaderSince()).anyMatch(a -> a instanceof ZabAction.Trace t && t.message().contains("ignores ACK"));
        for (int n = 0; n < 100 && (e.hasQueuedFor(S0) || e.disks.get(S0).hasPending()); n++) {
            e.persistAll(S0);
            e.deliverNextTo(S0);
            run.settle(e);
        }
        assertThat(run.leaderSince()).filteredOn(a -> a instanceof ZabAction.LeaderEstablished)
                .containsExactly(new ZabAction.LeaderEstablished(2, SEED_TXN));
        assertThat(run.leaderSince()).noneMatch(a -> a instanceof ZabAction.RoleChanged);
        assertThat(e.delivered(S0)).isEqualTo(List.of(SEED_TXN, Zxid.of(2, 1), Zxid.of(2, 2)));
    }

    /**
     * The ordering is what keeps the property: with it removed (S0 acknowledges each proposal once durable, as
     * ZOOKEEPER-4685's follower did), every schedule that makes <1,1> durable before NEWLEADER arrives sends its ACK
     * first, and the check reports it.
     */
    @Test
    void withoutTheOrderingAProposalAckOvertakesTheNewLeaderAck() {
        List<String> violations = new ArrayList<>();
        Run[] current = new Run[1];
        int schedules = Interleavings.forEvery(() -> (current[0] = reelected(false, true)).e, S0, x -> current[0].settle(x),
                o -> newLeaderAckFirst(o.ensemble(), 2).ifPresent(v -> {
                    assertThat(o.indexOf("disk " + Zxid.hex(SEED_TXN))).isLessThan(o.indexOf("recv NewLeader"));
                    violations.add(v);
                }));
        assertThat(violations).isNotEmpty().hasSizeLessThan(schedules)
                .allMatch(v -> v.equals("first ACK from S0 was Ack 0x100000001, before its ACK of NEWLEADER"));
    }

    /** Empty when the first ACK the leader got from S0 this epoch acknowledges NEWLEADER; else what came first. */
    static Optional<String> newLeaderAckFirst(Ensemble e, long epoch) {
        List<Long> acks = e.received.get(S2).stream().filter(env -> env.from() == S0)
                .map(Ensemble.Envelope::message).filter(m -> m instanceof PeerMessage.Ack)
                .map(m -> ((PeerMessage.Ack) m).zxid())
                .filter(z -> Zxid.epoch(z) == epoch || z == SEED_TXN) // this epoch's sync: NEWLEADER, <1,1>, <2,n>
                .toList();
        if (acks.isEmpty()) {
            return Optional.of("the leader never got an ACK from S0");
        }
        return acks.get(0) == Zxid.newLeader(epoch) ? Optional.empty()
                : Optional.of("first ACK from S0 was Ack " + Zxid.hex(acks.get(0)) + ", before its ACK of NEWLEADER");
    }
}
