package io.paddock.core.zab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.Zxid;
import org.junit.jupiter.api.Test;

/**
 * S-4643 (ZOOKEEPER-4643): servers S1, S2, S3; all logged <1,1>..<1,3>, S3 also <1,4>. S3 leads epoch 2 while S2 is
 * down and syncs S1 by DIFF carrying <1,4>; S1 acknowledges NEWLEADER, S3 counts <1,4> committed, and S1 crashes
 * right then, losing what its disk had not completed. S3 goes down too; S1 and S2 elect a leader (S1: its saved
 * epoch is the newest); S3 returns and syncs from it. Property: nothing committed is ever truncated. The trace of
 * the bug: S1 recorded epoch 2 before <1,4> was on disk, so it won the election without <1,4> and sent S3 a TRUNC
 * that removed it.
 */
class S4643NothingCommittedIsTruncatedTest {
    private static final long S1 = 1;
    private static final long S2 = 2;
    private static final long S3 = 3;
    private static final long TXN_1_4 = Zxid.of(1, 4);

    @Test
    void aFollowerCrashingRightAfterItsNewLeaderAckNeverCausesACommittedTxnToBeTruncated() {
        Ensemble e = run(false);
        assertThat(ReplicationChecks.committedTxnTruncated(e)).isEmpty();
        assertThat(e.disks.get(S3).durableLog()).extracting(PeerMessage.Proposal::zxid).contains(TXN_1_4);
        assertThat(e.replica(e.leader()).tree().get(ScriptTxns.pathOf(TXN_1_4))).isNotNull();
    }

    @Test
    void recordingTheEpochBeforeTheSyncedTxnsAreDurableTruncatesACommittedTxn() {
        Ensemble e = run(true);
        assertThat(e.leader()).as("S1 won with its epoch 2 and a log without <1,4>").isEqualTo(S1);
        assertThat(ReplicationChecks.committedTxnTruncated(e))
                .hasValue("S3 truncated 0x100000004 from its log, though S1, S3 had committed it");
    }

    private static Ensemble run(boolean broken) {
        Ensemble e = Ensemble.of(3, 0);
        e.disks.get(S1).holding(1, 1, ScriptTxns.log(1, 1, 3)).manual();
        e.disks.get(S2).holding(1, 1, ScriptTxns.log(1, 1, 3));
        e.disks.get(S3).holding(1, 1, ScriptTxns.log(1, 1, 4));
        if (broken) {
            e.broken(S1, ProtocolBreakages.Switch.ACK_NEWLEADER_BEFORE_DURABLE);
        }
        e.start(S1, S2, S3);
        e.runUntil(Ensemble::onlyElection, x -> x.state(S3) == PeerState.LEADING && x.state(S1) == PeerState.FOLLOWING
                && x.state(S2) == PeerState.FOLLOWING, 20);
        e.crash(S2);

        // S1 takes the sync; its disk completes a write only when nothing else can happen
        for (int n = 0; n < 50 && !ackedNewLeader(e); n++) {
            e.deliverAll();
            if (!ackedNewLeader(e)) {
                e.persistOne(S1);
            }
        }
        e.deliverAll(env -> env.to() != S1);
        assertThat(e.delivered(S3)).as("the epoch-2 leader counts <1,4> committed").contains(TXN_1_4);
        e.crash(S1).crash(S3);

        e.disks.get(S1).auto = true;
        e.start(S1).start(S2);
        e.runUntil(Ensemble::hasEstablishedLeader, 100);
        e.start(S3);
        e.runUntil(x -> x.state(S3) == PeerState.FOLLOWING
                && x.lastLeadership(S3).stream().anyMatch(a -> a instanceof ZabAction.LearnerSynced), 100);
        return e;
    }

    private static boolean ackedNewLeader(Ensemble e) {
        return e.sent(S1, PeerMessage.Ack.class).stream().anyMatch(a -> ((PeerMessage.Ack) a).zxid() == Zxid.newLeader(2));
    }
}
