package io.paddock.core.zab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.Zxid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Seed S-004 (ZOOKEEPER-4646). Servers S0, S1, S2 are ids 1, 2, 3; all logged <1,1>..<1,3>, S2 also <1,4>. S0 and
 * S1 restart in turn (a majority is always up): while one syncs with S2 (leader of epoch 2, DIFF carrying <1,4>),
 * the other is down. The syncing one crashes right after its ACK of NEWLEADER reaches the leader, losing whatever
 * its disk had not completed, for every order of its disk completions against the sync. Property: once the leader
 * counts <1,4> committed, every later leader's history holds <1,4>, and every server that applies it agrees.
 */
class S004NothingAcknowledgedIsLostTest {
    private static final long S2 = 3;
    private static final long TXN_1_4 = Zxid.of(1, 4);

    @Test
    void s0CrashingRightAfterItsNewLeaderAckLosesNothingTheLeaderCommitted() {
        int schedules = everySchedule(1, 2, false, violation -> assertThat(violation).isEmpty());
        assertThat(schedules).isGreaterThan(1);
    }

    @Test
    void s1CrashingRightAfterItsNewLeaderAckLosesNothingTheLeaderCommitted() {
        int schedules = everySchedule(2, 1, false, violation -> assertThat(violation).isEmpty());
        assertThat(schedules).isGreaterThan(1);
    }

    /**
     * The protection matters: give S0 a broken disk that reports each append durable at once and writes the epochs
     * without flushing the appends first. S0 then acknowledges NEWLEADER with <1,4> still volatile, the crash loses
     * it, and the next leader (S0, on the strength of its saved epoch 2) has a history without <1,4>.
     */
    @Test
    void aDiskThatAcknowledgesBeforeItIsDurableLosesACommittedTxn() {
        List<String> violations = new ArrayList<>();
        everySchedule(1, 2, true, v -> v.ifPresent(violations::add));
        assertThat(violations).isNotEmpty().allMatch(v -> v.contains("lacks " + Zxid.hex(TXN_1_4)));
    }

    /**
     * The protection lives in the replica, not only in the disk: with an honest disk but a learner that records
     * epoch 2 at NEWLEADER, hands <1,4> to storage only after that barrier and acknowledges at once (ZOOKEEPER-4643's
     * order), every schedule loses <1,4>.
     */
    @Test
    void aLearnerThatAcknowledgesNewLeaderBeforeTheSyncIsDurableLosesACommittedTxn() {
        List<String> violations = new ArrayList<>();
        int schedules = everySchedule(1, 2, false, true, v -> v.ifPresent(violations::add));
        assertThat(violations).hasSize(schedules).allMatch(v -> v.equals(
                "the next leader, id 1 (epoch 3), lacks 0x100000004, which the epoch-2 leader (id 3) committed"));
    }

    /** Explores every schedule of {@code subject}; returns how many there were. */
    private static int everySchedule(long subject, long other, boolean brokenDisk,
                                     java.util.function.Consumer<Optional<String>> verdict) {
        return everySchedule(subject, other, brokenDisk, false, verdict);
    }

    private static int everySchedule(long subject, long other, boolean brokenDisk, boolean brokenLearner,
                                     java.util.function.Consumer<Optional<String>> verdict) {
        boolean[] crashed = new boolean[1];
        return Interleavings.forEvery(() -> {
            crashed[0] = false;
            Ensemble e = setUp(subject, other, brokenDisk);
            if (brokenLearner) {
                e.broken(subject, ProtocolBreakages.Switch.ACK_NEWLEADER_BEFORE_DURABLE);
            }
            return e;
        }, subject, e -> {
            e.deliverAll(env -> env.to() != subject);
            if (!crashed[0] && e.sent(subject, PeerMessage.Ack.class).stream()
                    .anyMatch(a -> ((PeerMessage.Ack) a).zxid() == Zxid.newLeader(2))) {
                crashed[0] = true;
                e.crash(subject); // right after its ACK of NEWLEADER reached the leader
            }
        }, o -> {
            assertThat(o.trace()).contains("recv Proposal " + Zxid.hex(TXN_1_4), "recv NewLeader");
            verdict.accept(laterLeadersKeep(o.ensemble(), subject, other));
        });
    }

    private static Ensemble setUp(long subject, long other, boolean brokenDisk) {
        Ensemble e = Ensemble.of(3, 0);
        List<PeerMessage.Proposal> upTo13 = LongStream.rangeClosed(1, 3).mapToObj(c -> proposal(Zxid.of(1, c))).toList();
        List<PeerMessage.Proposal> upTo14 = new ArrayList<>(upTo13);
        upTo14.add(proposal(TXN_1_4));
        e.disks.get(1L).holding(1, 1, upTo13);
        e.disks.get(2L).holding(1, 1, upTo13);
        e.disks.get(S2).holding(1, 1, upTo14);
        if (brokenDisk) {
            e.disks.get(subject).lyingDisk();
        } else {
            e.disks.get(subject).manual();
        }
        e.start(1, 2, S2);
        e.runUntil(Ensemble::onlyElection, x -> x.state(S2) == PeerState.LEADING
                && x.state(subject) == PeerState.FOLLOWING && x.state(other) == PeerState.FOLLOWING, 20);
        e.crash(other); // its turn to restart: it is down while the subject syncs
        return e;
    }

    /**
     * The property, checked from the end of one schedule on: if the leader counted <1,4> committed, the leader
     * crashes, the two others elect a leader from what their disks kept, then S2 returns; every leader after the
     * commit must hold <1,4>, and every server that applied <1,4> must have applied the same txn at the same point.
     */
    static Optional<String> laterLeadersKeep(Ensemble e, long subject, long other) {
        if (!e.delivered(S2).contains(TXN_1_4)) {
            return Optional.of("the leader never counted " + Zxid.hex(TXN_1_4) + " committed (nothing to check)");
        }
        e.crash(S2);
        e.disks.get(subject).auto = true;
        e.disks.get(subject).lying = false;
        e.start(subject).start(other);
        e.runUntil(Ensemble::hasEstablishedLeader, 100);
        long leader = e.leader();
        if (e.replica(leader).tree().get(pathOf(TXN_1_4)) == null) {
            return Optional.of("the next leader, id " + leader + " (epoch " + e.replica(leader).currentEpochValue()
                    + "), lacks " + Zxid.hex(TXN_1_4) + ", which the epoch-2 leader (id 3) committed");
        }
        e.start(S2);
        e.runUntil(x -> x.isUp(S2) && x.state(S2) == PeerState.FOLLOWING
                && x.lastLeadership(S2).stream().anyMatch(a -> a instanceof ZabAction.LearnerSynced), 100);
        e.write(leader, "/after").deliverAll();
        e.runUntil(x -> LongStream.rangeClosed(1, 3).allMatch(id -> x.replica(id).tree().get("/after") != null), 20);
        Set<Long> digestsAt14 = new HashSet<>();
        for (long id = 1; id <= 3; id++) {
            e.actionsOf(id, ZabAction.Delivered.class).stream().filter(d -> d.header().zxid() == TXN_1_4)
                    .forEach(d -> digestsAt14.add(d.digest()));
            if (e.replica(id).tree().digest() != e.replica(leader).tree().digest()) {
                return Optional.of("id " + id + " disagrees with the leader, id " + leader + ", at the end");
            }
        }
        return digestsAt14.size() == 1 ? Optional.empty()
                : Optional.of("servers applied different states at " + Zxid.hex(TXN_1_4) + ": " + digestsAt14);
    }

    private static String pathOf(long zxid) {
        return "/n" + Long.toHexString(zxid);
    }

    private static PeerMessage.Proposal proposal(long zxid) {
        String path = pathOf(zxid);
        Txn txn = new Txn.Create(OpCode.CREATE, path, path.getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, false, -1);
        return new PeerMessage.Proposal(new TxnHeader(0, (int) Zxid.counter(zxid), zxid, 0, OpCode.CREATE), txn);
    }
}
