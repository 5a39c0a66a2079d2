package io.paddock.core.zab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S-3911 (ZOOKEEPER-3911, "Data inconsistency caused by DIFF sync uncommitted log"): servers S1, S2, S3 all logged
 * <1,1>; S3 also logged <1,2>, which no one committed. S3, with the longest log, leads epoch 2 and syncs S1 and S2
 * by DIFF carrying that uncommitted tail; once both acknowledged NEWLEADER it counts <1,2> committed. Right after
 * UPTODATE reaches them, all three crash; S1 and S2 come back without S3 and elect a leader. Property: a leader's
 * committed log never regresses — the new leader holds <1,2>. The bug: followers logged the DIFF's proposals only
 * on UPTODATE, after acknowledging NEWLEADER, so the crash lost them on a quorum.
 */
class S3911CommittedLogNeverRegressesTest {
    private static final long S1 = 1;
    private static final long S2 = 2;
    private static final long S3 = 3;
    private static final long TXN_1_2 = Zxid.of(1, 2);

    @Test
    void aQuorumCrashingRightAfterUpToDateKeepsTheTxnTheLeaderCommitted() {
        Ensemble e = run(false);
        assertThat(ReplicationChecks.leaderLacksCommitted(e, e.leader())).isEmpty();
        assertThat(e.replica(e.leader()).tree().get(ScriptTxns.pathOf(TXN_1_2))).isNotNull();
    }

    @Test
    void loggingTheDiffOnlyAtUpToDateLosesACommittedTxn() {
        Ensemble e = run(true);
        assertThat(ReplicationChecks.leaderLacksCommitted(e, e.leader()))
                .hasValue("leader S2 (epoch 3) lacks 0x100000002 (/n100000002), which S1, S2, S3 committed");
    }

    private static Ensemble run(boolean broken) {
        Ensemble e = Ensemble.of(3, 0);
        e.disks.get(S1).holding(1, 1, ScriptTxns.log(1, 1, 1)).manual();
        e.disks.get(S2).holding(1, 1, ScriptTxns.log(1, 1, 1)).manual();
        e.disks.get(S3).holding(1, 1, ScriptTxns.log(1, 1, 2));
        if (broken) {
            e.broken(S1, ProtocolBreakages.Switch.PERSIST_SYNC_AT_UPTODATE);
            e.broken(S2, ProtocolBreakages.Switch.PERSIST_SYNC_AT_UPTODATE);
        }
        e.start(S1, S2, S3);
        e.runUntil(Ensemble::onlyElection, x -> x.state(S3) == PeerState.LEADING && x.state(S1) == PeerState.FOLLOWING
                && x.state(S2) == PeerState.FOLLOWING, 20);

        // the syncs run; a follower's disk completes a write only when nothing else can happen
        for (int n = 0; n < 50 && !(gotUpToDate(e, S1) && gotUpToDate(e, S2)); n++) {
            e.deliverAll();
            if (!(gotUpToDate(e, S1) && gotUpToDate(e, S2))) {
                e.persistOne(S1);
                e.persistOne(S2);
            }
        }
        assertThat(gotUpToDate(e, S1) && gotUpToDate(e, S2)).isTrue();
        assertThat(e.delivered(S3)).as("the epoch-2 leader counts <1,2> committed").contains(TXN_1_2);

        e.crash(S1).crash(S2).crash(S3); // all at once, right after UPTODATE; S3 does not come back
        e.disks.get(S1).auto = true;
        e.disks.get(S2).auto = true;
        e.start(S1, S2);
        e.runUntil(Ensemble::hasEstablishedLeader, 100);
        return e;
    }

    private static boolean gotUpToDate(Ensemble e, long id) {
        List<Ensemble.Envelope> got = e.received.get(id);
        return got.stream().anyMatch(env -> env.message() instanceof PeerMessage.UpToDate);
    }
}
