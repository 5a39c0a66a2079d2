package io.paddock.core.zab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabEvent;
import io.paddock.core.zab.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S-2845 (ZOOKEEPER-2845, "Data inconsistency issue due to retain database in leader election"): S3 leads epoch 1,
 * /a (<1,1>) is committed everywhere; S3 logs /t (<1,2>) and is cut off before S1 or S2 gets it. S1 and S2 elect S2
 * (epoch 2), commit /b (<2,1>). S3 - never restarted, its in-memory history still holding <1,2> - loses its own
 * leadership, finds S2 and is told to TRUNC back to <1,1>. Property: a synced follower's history is a prefix of
 * the leader's (same txns, same digest at each zxid). In this design "keeping the database across elections" is a
 * learner whose in-memory history keeps the txns a TRUNC removed from its disk; the breakage does exactly that.
 */
class S2845SyncedHistoryIsAPrefixTest {
    private static final long S1 = 1;
    private static final long S2 = 2;
    private static final long S3 = 3;

    @Test
    void aTruncatedLearnerAppliesExactlyTheLeadersHistory() {
        Ensemble e = run(false);
        assertThat(ReplicationChecks.notAPrefixOfTheLeader(e, S2)).isEmpty();
        assertThat(e.replica(S3).tree().get("/t")).isNull();
        assertThat(e.replica(S3).tree().digest()).isEqualTo(e.replica(S2).tree().digest());
    }

    @Test
    void keepingTheInMemoryHistoryAcrossATruncAppliesATxnTheLeaderNeverCommitted() {
        Ensemble e = run(true);
        assertThat(e.replica(S3).tree().get("/t")).isNotNull();
        assertThat(ReplicationChecks.notAPrefixOfTheLeader(e, S2))
                .hasValue("S3 applied 0x100000002, which leader S2 never committed");
    }

    private static Ensemble run(boolean broken) {
        Ensemble e = Ensemble.of(3, 0);
        if (broken) {
            e.broken(S3, ProtocolBreakages.Switch.KEEP_HISTORY_ACROSS_TRUNC);
        }
        e.start(S1, S2, S3);
        e.runUntil(x -> x.hasEstablishedLeader() && synced(x, S1) && synced(x, S2), 100);
        assertThat(e.leader()).isEqualTo(S3);
        e.write(S3, "/a").runUntil(x -> List.of(S1, S2, S3).stream().allMatch(id -> x.replica(id).tree().get("/a") != null), 10);

        e.write(S3, "/t"); // S3 logs <1,2> ...
        assertThat(e.replica(S3).lastLoggedZxid()).isEqualTo(Zxid.of(1, 2));
        cutOff(e, S3); // ... and its PROPOSALs vanish with its connections

        e.runUntil(apartFrom(S3), x -> x.hasEstablishedLeader() && x.leader() == S2 && synced(x, S1), 100);
        e.write(S2, "/b").runUntil(apartFrom(S3), x -> x.replica(S1).tree().get("/b") != null, 10);
        assertThat(e.state(S3)).as("S3 lost its leadership meanwhile, without a restart").isEqualTo(PeerState.LOOKING);

        e.runUntil(x -> x.state(S3) == PeerState.FOLLOWING && synced(x, S3), 100);
        assertThat(e.received.get(S3)).anyMatch(env -> env.message() instanceof PeerMessage.Trunc);
        e.write(S2, "/c").runUntil(x -> x.replica(S3).tree().get("/c") != null, 10);
        return e;
    }

    /** The network separates {@code id} from everyone: its connections break, what was in flight is lost. */
    static void cutOff(Ensemble e, long id) {
        for (long peer = 1; peer <= 3; peer++) {
            if (peer != id) {
                e.step(peer, new ZabEvent.Disconnected(id));
                e.step(id, new ZabEvent.Disconnected(peer));
            }
        }
        e.dropInFlight(id);
    }

    static java.util.function.Predicate<Ensemble.Envelope> apartFrom(long id) {
        return env -> env.from() != id && env.to() != id;
    }

    static boolean synced(Ensemble e, long id) {
        return e.lastLeadership(id).stream().anyMatch(a -> a instanceof ZabAction.LearnerSynced);
    }
}
