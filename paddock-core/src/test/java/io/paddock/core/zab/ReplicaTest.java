package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery, sync and broadcast on a small in-memory ensemble, one exact schedule per test. */
class ReplicaTest {

    @Test
    void threeVotersAndAnObserverElectCommitAndAgree() {
        ZabCluster c = ZabCluster.of(3, 1);
        c.start();
        c.runUntil(ZabCluster::established, 100);
        // FLE: equal histories, so the highest voter id wins; the observer never leads
        assertThat(c.leader()).isEqualTo(3);
        c.runUntil(x -> x.actionsOf(4, ZabAction.LearnerSynced.class).size() == 1
                && x.actionsOf(1, ZabAction.LearnerSynced.class).size() == 1
                && x.actionsOf(2, ZabAction.LearnerSynced.class).size() == 1, 50);
        assertThat(c.actionsOf(4, ZabAction.RoleChanged.class)).last().extracting(ZabAction.RoleChanged::state)
                .isEqualTo(PeerState.OBSERVING);
        for (long id = 1; id <= 4; id++) {
            c.write(id, "/w" + id);
            c.deliverAll();
        }
        c.runUntil(x -> x.replicas.values().stream().allMatch(r -> r.tree().get("/w4") != null), 20);
        List<Long> leaderOrder = c.delivered(3);
        assertThat(leaderOrder).hasSize(4);
        for (long id = 1; id <= 4; id++) {
            assertThat(c.delivered(id)).as("S%d delivers the leader's order", id).isEqualTo(leaderOrder);
            assertThat(c.replicas.get(id).tree().digest()).isEqualTo(c.replicas.get(3L).tree().digest());
        }
        // the observer learns commits whole (INFORM), never as proposals it would acknowledge
        assertThat(c.actionsOf(4, ZabAction.Send.class)).noneMatch(s -> s.message() instanceof PeerMessage.Ack a
                && Zxid.counter(a.zxid()) != 0);
    }

    @Test
    void anObserverNeverCompletesAQuorum() {
        ZabCluster c = ZabCluster.of(3, 1);
        c.isolate(1);
        c.isolate(2);
        c.start();
        for (int t = 0; t < 60; t++) {
            c.deliverAll();
            c.tickAll();
        }
        // S3 and the observer S4 are up: two of four servers, but only one of three voters
        for (long id : List.of(3L, 4L)) {
            assertThat(c.actionsOf(id, ZabAction.LeaderEstablished.class)).isEmpty();
            assertThat(c.actionsOf(id, ZabAction.Send.class)).noneMatch(s -> s.message() instanceof PeerMessage.LeaderInfo);
        }
        c.rejoin(2);
        c.runUntil(ZabCluster::established, 200);
        assertThat(c.leader()).isIn(2L, 3L);
    }

    @Test
    void aFollowerAcknowledgesNewLeaderOnlyOnceTheSyncIsDurableAndBeforeAnyProposal() {
        ZabCluster c = ZabCluster.of(3, 0);
        c.start();
        c.runUntil(ZabCluster::established, 100);
        c.runUntil(x -> x.actionsOf(1, ZabAction.LearnerSynced.class).size() == 1, 50);
        c.isolate(1);
        for (int i = 0; i < 3; i++) {
            c.write(3, "/while-away-" + i);
            c.deliverAll();
        }
        assertThat(c.delivered(3)).hasSize(3);
        // S1 comes back with a disk that only completes when told: it is synced by DIFF with the three txns
        c.manualDisk.add(1L);
        c.rejoin(1);
        int before = c.actions.get(1L).size();
        c.runUntil(x -> x.actions.get(1L).stream().skip(before).anyMatch(a -> a instanceof ZabAction.Send s
                && s.message() instanceof PeerMessage.AckEpoch), 50);
        c.deliverAll();
        c.write(3, "/after-newleader");
        c.deliverAll();
        List<ZabAction> sinceRejoin = c.actions.get(1L).subList(before, c.actions.get(1L).size());
        assertThat(sinceRejoin).as("S1's actions since it rejoined: %s", sinceRejoin).filteredOn(a -> a instanceof ZabAction.PersistTxn).hasSize(4);
        assertThat(sinceRejoin).as("nothing acknowledged before the disk reports").noneMatch(a -> a instanceof ZabAction.Send s
                && s.message() instanceof PeerMessage.Ack);
        c.persist(1);
        List<ZabAction> after = c.actions.get(1L).subList(before, c.actions.get(1L).size());
        List<Long> acks = after.stream().filter(a -> a instanceof ZabAction.Send s && s.message() instanceof PeerMessage.Ack)
                .map(a -> ((PeerMessage.Ack) ((ZabAction.Send) a).message()).zxid()).toList();
        long epoch = Zxid.epoch(c.delivered(3).get(0));
        // NEWLEADER's ACK first (seed 002), then the proposal that came after NEWLEADER; the DIFF's txns need none
        assertThat(acks).containsExactly(Zxid.newLeader(epoch), c.replicas.get(3L).lastLoggedZxid());
        int epochSaved = indexOf(after, a -> a instanceof ZabAction.SaveEpochs s && s.currentEpoch() == epoch);
        int ackSent = indexOf(after, a -> a instanceof ZabAction.Send s && s.message() instanceof PeerMessage.Ack);
        assertThat(epochSaved).as("the new epoch is durable before NEWLEADER is acknowledged").isLessThan(ackSent);
        c.runUntil(x -> x.replicas.get(1L).tree().get("/after-newleader") != null, 20);
        assertThat(c.replicas.get(1L).tree().digest()).isEqualTo(c.replicas.get(3L).tree().digest());
    }

    private static int indexOf(List<ZabAction> actions, java.util.function.Predicate<ZabAction> p) {
        for (int i = 0; i < actions.size(); i++) {
            if (p.test(actions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Seeds 2054, 3321, 3446 (simulator): one link carries every learner session between two servers, so packets a
     * leader sent to a follower's earlier session can arrive after the follower has started a new one. Everything
     * of the new session follows LEADERINFO, so a follower still waiting for it ignores what comes before.
     */
    @Test
    void aFollowerWaitingForLeaderInfoIgnoresPacketsSentToItsEarlierSession() {
        ZabCluster c = ZabCluster.of(3, 0);
        c.start();
        c.runUntil(ZabCluster::established, 50);
        long leader = c.leader();
        long follower = leader == 1 ? 2 : 1;
        c.write(leader, "/a");
        c.deliverAll();
        PeerMessage.Proposal stale = c.actionsOf(leader, ZabAction.Send.class).stream()
                .map(ZabAction.Send::message).filter(m -> m instanceof PeerMessage.Proposal)
                .map(PeerMessage.Proposal.class::cast).findFirst().orElseThrow();

        // the follower loses its leader and settles on it again: a new learner session, waiting for LEADERINFO
        c.step(follower, new ZabEvent.Disconnected(leader));
        c.runUntil(x -> x.replicas.get(follower).state() == PeerState.FOLLOWING, 20);
        int before = c.actions.get(follower).size();
        c.step(follower, new ZabEvent.MessageReceived(leader, stale));
        c.step(follower, new ZabEvent.MessageReceived(leader, new PeerMessage.Commit(stale.zxid())));

        assertThat(c.actions.get(follower).subList(before, c.actions.get(follower).size()))
                .allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(ZabAction.Trace.class,
                        t -> assertThat(t.message()).contains("sent to an earlier session")))
                .hasSize(2);
        c.runUntil(x -> x.actionsOf(follower, ZabAction.LearnerSynced.class).size() == 2, 50);
    }
}
