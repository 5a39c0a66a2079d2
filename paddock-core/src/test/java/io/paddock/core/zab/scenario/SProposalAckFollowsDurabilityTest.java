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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A follower acknowledges a broadcast proposal only once it is durable on its own disk. Servers S1, S2, S3 all
 * logged <1,1>; S3 (highest id) leads epoch 2 and all three reach broadcast. S2's link is then held, so the
 * quorum for anything new is {S3, S1}. S3 proposes <2,1> (and, in the interleaving tests, <2,2>); S1 receives it
 * and hands it to its disk, which completes only when the script says so. Right after S3 counts the last proposal
 * committed, S3 and S1 crash, S1 losing every write its disk had not completed; S1 restarts, S1 and S2 elect a
 * leader of epoch 3. Property ({@link ReplicationChecks#leaderLacksCommitted}): once the leader counted a txn
 * committed (delivered it), the next leader's history holds it. The protection: S1's ACK waits for the Persisted
 * report covering the proposal, so S3 cannot commit before S1's disk has it. Removed
 * ({@code ACK_PROPOSAL_BEFORE_DURABLE}), S1 acknowledges on receipt and the crash erases a committed txn.
 */
class SProposalAckFollowsDurabilityTest {
    private static final long S1 = 1;
    private static final long S2 = 2;
    private static final long S3 = 3;
    private static final long TXN_2_1 = Zxid.of(2, 1);
    private static final long TXN_2_2 = Zxid.of(2, 2);

    @Test
    void theLeaderCommitsOnlyAfterTheFollowersDiskHasTheProposal() {
        Ensemble e = inBroadcast(false);
        e.write(S3, "/k1");                                  // S3 proposes <2,1>; its own disk completes at once
        assertThat(e.deliverNextTo(S1)).isTrue();            // S1 receives it and hands it to storage
        assertThat(Interleavings.label(e.received.get(S1).getLast().message())).isEqualTo("Proposal 0x200000001");
        e.deliverAll(SProposalAckFollowsDurabilityTest::toLeaderOnly);
        assertThat(acksFrom(e, S1)).as("S1 has not acknowledged <2,1> before its disk has it").doesNotContain(TXN_2_1);
        assertThat(e.delivered(S3)).as("S3 alone (S2 held) cannot commit <2,1>").doesNotContain(TXN_2_1);

        assertThat(e.persistOne(S1)).isTrue();               // S1's disk completes <2,1>: Persisted, then the ACK
        assertThat(acksFrom(e, S1)).contains(TXN_2_1);
        e.deliverAll(SProposalAckFollowsDurabilityTest::toLeaderOnly);
        assertThat(e.delivered(S3)).as("S3 commits <2,1> on {S3, S1}").contains(TXN_2_1);

        e.crash(S3).crash(S1);
        assertThat(durableAt(e, S1)).contains(TXN_2_1);
        assertThat(nextLeaderLacksCommitted(e)).isEmpty();
        assertThat(e.leader()).as("S1 wins with <2,1>").isEqualTo(S1);
        assertThat(e.replica(S1).tree().get("/k1")).isNotNull();
    }

    @Test
    void aFollowerAckingBeforeItsDiskCompletesLetsTheLeaderCommitATxnTheCrashErases() {
        Ensemble e = inBroadcast(true);
        e.write(S3, "/k1");                                  // S3 proposes <2,1>
        assertThat(e.deliverNextTo(S1)).isTrue();            // S1 receives it and, broken, acknowledges at once
        assertThat(acksFrom(e, S1)).contains(TXN_2_1);
        assertThat(e.disks.get(S1).hasPending()).as("<2,1> is still only in S1's disk queue").isTrue();
        e.deliverAll(SProposalAckFollowsDurabilityTest::toLeaderOnly);
        assertThat(e.delivered(S3)).as("S3 commits <2,1> on {S3, S1}").contains(TXN_2_1);

        e.crash(S3).crash(S1);                               // S1 loses its unforced write
        assertThat(durableAt(e, S1)).doesNotContain(TXN_2_1);
        assertThat(nextLeaderLacksCommitted(e)).hasValue("leader S2 (epoch 3) lacks 0x200000001 (/k1), which S3 committed");
    }

    /**
     * Every order of S1's inputs (the proposals <2,1>, <2,2> and whatever COMMIT reaches it) against its disk
     * completions: at every commit of S3 in epoch 2, S1's disk already holds the txn; S1 receives a COMMIT only after
     * its disk completed that txn; and the next leader holds both.
     */
    @Test
    void inEveryOrderOfS1sDiskAndDeliveriesTheLeaderCommitsOnlyWhatS1HasOnDisk() {
        List<List<String>> traces = new ArrayList<>();
        int schedules = everySchedule(false, (o, early, violation) -> {
            assertThat(o.trace()).contains("recv Proposal 0x200000001", "recv Proposal 0x200000002",
                    "disk 0x200000001", "disk 0x200000002");
            assertThat(early).as("S3 committed while S1's disk lacked the txn").isEmpty();
            int commit = o.indexOf("recv Commit 0x200000001");
            assertThat(commit < 0 || commit > o.indexOf("disk 0x200000001")).isTrue();
            assertThat(violation).isEmpty();
            traces.add(o.trace());
        });
        // r1 r2 d1 d2 | r1 r2 d1 C1 d2 | r1 d1 r2 d2 | r1 d1 r2 C1 d2: every order FIFO links and a FIFO disk allow
        assertThat(schedules).isEqualTo(traces.size()).isEqualTo(4);
        // both orders of S1's first disk completion against the second proposal's delivery were explored
        assertThat(traces).anyMatch(t -> t.indexOf("disk 0x200000001") < t.indexOf("recv Proposal 0x200000002"))
                .anyMatch(t -> t.indexOf("disk 0x200000001") > t.indexOf("recv Proposal 0x200000002"));
    }

    @Test
    void inEveryOrderAFollowerAckingBeforeItsDiskCompletesLosesACommittedTxn() {
        List<String> violations = new ArrayList<>();
        List<String> early = new ArrayList<>();
        int schedules = everySchedule(true, (o, commitsAheadOfDisk, violation) -> {
            early.addAll(commitsAheadOfDisk);
            violation.ifPresent(violations::add);
        });
        assertThat(early).contains("S3 committed 0x200000001 before S1's disk had it",
                "S3 committed 0x200000002 before S1's disk had it");
        assertThat(violations).hasSize(schedules).containsExactlyInAnyOrder(
                // S1 lost both: S2 wins the tie on id
                "leader S2 (epoch 3) lacks 0x200000001 (/k1), which S3 committed",
                // S1's disk completed <2,1> before <2,2> arrived and was acknowledged at once
                "leader S1 (epoch 3) lacks 0x200000002 (/k2), which S3 committed");
    }

    /** What one schedule showed: its outcome, S3's commits made while S1's disk lacked the txn, the property. */
    private interface Verdict {
        void accept(Interleavings.Outcome o, List<String> commitsAheadOfDisk, Optional<String> violation);
    }

    /** S3 proposes <2,1> and <2,2>; explores every order of S1's inputs until S3 committed both, then crashes. */
    private static int everySchedule(boolean broken, Verdict verdict) {
        List<String> early = new ArrayList<>();
        return Interleavings.forEvery(() -> {
            early.clear();
            return inBroadcast(broken).write(S3, "/k1").write(S3, "/k2");
        }, S1, e -> {
            e.deliverAll(SProposalAckFollowsDurabilityTest::toLeaderOnly);
            if (!e.isUp(S1)) {
                return;
            }
            // nothing happens to S1's disk between S3's commit and here: it shows what S1 had when S3 committed
            e.delivered(S3).stream().filter(z -> Zxid.epoch(z) == 2 && !durableAt(e, S1).contains(z))
                    .map(z -> "S3 committed " + Zxid.hex(z) + " before S1's disk had it")
                    .filter(s -> !early.contains(s)).forEach(early::add);
            if (e.delivered(S3).contains(TXN_2_2)) {
                e.crash(S3).crash(S1); // right after the leader counted the last proposal committed
            }
        }, o -> verdict.accept(o, List.copyOf(early), nextLeaderLacksCommitted(o.ensemble())));
    }

    /** S1..S3 in broadcast under S3 (epoch 2), all with <1,1>; S1's disk completes writes only when scripted. */
    private static Ensemble inBroadcast(boolean broken) {
        Ensemble e = Ensemble.of(3, 0);
        for (long id = S1; id <= S3; id++) {
            e.disks.get(id).holding(1, 1, ScriptTxns.log(1, 1, 1));
        }
        if (broken) {
            e.broken(S1, ProtocolBreakages.Switch.ACK_PROPOSAL_BEFORE_DURABLE);
        }
        e.start(S1, S2, S3);
        e.runUntil(x -> x.hasEstablishedLeader() && x.leader() == S3 && synced(x, S1) && synced(x, S2), 50);
        e.disks.get(S1).manual();
        assertThat(e.replica(S3).currentEpochValue()).isEqualTo(2);
        return e;
    }

    /** S1 and S2 are down or LOOKING after the crash; S1 returns and the two elect the next leader. */
    private static Optional<String> nextLeaderLacksCommitted(Ensemble e) {
        if (!e.delivered(S3).contains(TXN_2_1)) {
            return Optional.of("S3 never counted " + Zxid.hex(TXN_2_1) + " committed (nothing to check)");
        }
        e.disks.get(S1).auto = true;
        e.start(S1);
        e.runUntil(Ensemble::hasEstablishedLeader, 100);
        return ReplicationChecks.leaderLacksCommitted(e, e.leader());
    }

    /** Only the leader hears anything: S2's link is held and S1's inputs are the script's choices. */
    private static boolean toLeaderOnly(Ensemble.Envelope env) {
        return env.to() == S3;
    }

    private static boolean synced(Ensemble e, long id) {
        return e.state(id) == PeerState.FOLLOWING
                && e.lastLeadership(id).stream().anyMatch(a -> a instanceof ZabAction.LearnerSynced);
    }

    private static List<Long> acksFrom(Ensemble e, long id) {
        return e.sent(id, PeerMessage.Ack.class).stream().map(a -> ((PeerMessage.Ack) a).zxid()).toList();
    }

    private static List<Long> durableAt(Ensemble e, long id) {
        return e.disks.get(id).durableLog().stream().map(PeerMessage.Proposal::zxid).toList();
    }
}
