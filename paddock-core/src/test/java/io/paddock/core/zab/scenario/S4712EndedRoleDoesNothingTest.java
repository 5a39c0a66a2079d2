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
 * S-4712 (ZOOKEEPER-4712: a follower's shutdown left its log processor running, so it kept writing after the role
 * ended). Here storage actions come only from {@code step()} results, so the question is whether an ended role can
 * still cause any. S3 leads epoch 1; /a (<1,1>) is committed everywhere. S3 logs /late (<1,2>); its PROPOSAL to S1
 * is still on the wire when S1 and S2 lose their connections to S3. S1 and S2 elect S2 (epoch 2), S1 syncs; only
 * then does S3's old PROPOSAL reach S1, addressed to the follower role S1 had left. S2 commits /b (<2,1>).
 * Property: prefix consistency — S1 applies exactly S2's history. The breakage keeps the ended role fed with events.
 */
class S4712EndedRoleDoesNothingTest {
    private static final long S1 = 1;
    private static final long S2 = 2;
    private static final long S3 = 3;
    private static final long LATE = Zxid.of(1, 2);

    @Test
    void aMessageForTheRoleAServerLeftChangesNothing() {
        Ensemble e = run(false);
        assertThat(ReplicationChecks.notAPrefixOfTheLeader(e, S2)).isEmpty();
        assertThat(e.disks.get(S1).durableLog()).extracting(PeerMessage.Proposal::zxid).doesNotContain(LATE);
        assertThat(e.actionsOf(S1, ZabAction.Trace.class)).anyMatch(t -> t.message().contains("ignores Proposal from S3"));
        assertThat(e.replica(S1).tree().digest()).isEqualTo(e.replica(S2).tree().digest());
    }

    @Test
    void aRoleThatKeepsActingAfterItEndedLogsAndAppliesAStaleTxn() {
        Ensemble e = run(true);
        assertThat(e.disks.get(S1).durableLog()).extracting(PeerMessage.Proposal::zxid).contains(LATE);
        assertThat(ReplicationChecks.notAPrefixOfTheLeader(e, S2))
                .hasValue("S1 applied 0x100000002, which leader S2 never committed");
    }

    /**
     * The other half of ZOOKEEPER-4712's shape: a write the follower role started completes after that role ended.
     * The report reaches the replica through {@code step()} like any other; with no role it only moves the durable
     * mark, so nothing is acknowledged to the old leader, and the next role (here S1 leads epoch 2, its history being
     * the longest) counts the txn as durable, commits it and syncs everyone to the same history.
     */
    @Test
    void aWriteOfTheEndedRoleCompletingLaterAcknowledgesNothingToTheOldLeader() {
        Ensemble e = Ensemble.of(3, 0);
        e.start(S1, S2, S3);
        e.runUntil(x -> x.hasEstablishedLeader() && S2845SyncedHistoryIsAPrefixTest.synced(x, S1)
                && S2845SyncedHistoryIsAPrefixTest.synced(x, S2), 100);
        e.write(S3, "/a").runUntil(x -> List.of(S1, S2, S3).stream().allMatch(id -> x.replica(id).tree().get("/a") != null), 10);

        e.disks.get(S1).manual();
        e.write(S3, "/late");
        assertThat(e.deliverOne(env -> env.from() == S3 && env.to() == S1 && env.message() instanceof PeerMessage.Proposal p
                && p.zxid() == LATE)).isTrue();
        assertThat(e.disks.get(S1).hasPending()).as("S1's follower role started writing <1,2>").isTrue();
        S2845SyncedHistoryIsAPrefixTest.cutOff(e, S3);
        assertThat(e.state(S1)).isEqualTo(PeerState.LOOKING);

        e.persistAll(S1); // the write completes after the role that started it ended
        e.disks.get(S1).auto = true;
        assertThat(e.sent(S1, PeerMessage.Ack.class)).as("no ACK of <1,2> reached the old leader's link")
                .noneMatch(a -> ((PeerMessage.Ack) a).zxid() == LATE);

        e.runUntil(S2845SyncedHistoryIsAPrefixTest.apartFrom(S3), x -> x.hasEstablishedLeader() && x.leader() == S1
                && S2845SyncedHistoryIsAPrefixTest.synced(x, S2), 100);
        e.runUntil(x -> x.state(S3) == PeerState.FOLLOWING
                && S2845SyncedHistoryIsAPrefixTest.synced(x, S3), 100);
        e.write(S1, "/b").runUntil(x -> List.of(S1, S2, S3).stream().allMatch(id -> x.replica(id).tree().get("/b") != null), 10);
        assertThat(ReplicationChecks.notAPrefixOfTheLeader(e, S1)).isEmpty();
        assertThat(e.delivered(S1)).contains(LATE);
        for (long id : List.of(S2, S3)) {
            assertThat(e.replica(id).tree().digest()).isEqualTo(e.replica(S1).tree().digest());
        }
    }

    private static Ensemble run(boolean broken) {
        Ensemble e = Ensemble.of(3, 0);
        if (broken) {
            e.broken(S1, ProtocolBreakages.Switch.ROLE_ACTS_AFTER_LEAVE);
        }
        e.start(S1, S2, S3);
        e.runUntil(x -> x.hasEstablishedLeader() && S2845SyncedHistoryIsAPrefixTest.synced(x, S1)
                && S2845SyncedHistoryIsAPrefixTest.synced(x, S2), 100);
        assertThat(e.leader()).isEqualTo(S3);
        e.write(S3, "/a").runUntil(x -> List.of(S1, S2, S3).stream().allMatch(id -> x.replica(id).tree().get("/a") != null), 10);

        e.write(S3, "/late"); // S3 logs <1,2>; its PROPOSALs stay on the wire ...
        for (long follower : List.of(S1, S2)) { // ... while the connections to S3 break
            e.step(follower, new ZabEvent.Disconnected(S3));
            e.step(S3, new ZabEvent.Disconnected(follower));
        }
        e.runUntil(S2845SyncedHistoryIsAPrefixTest.apartFrom(S3),
                x -> x.hasEstablishedLeader() && x.leader() == S2 && S2845SyncedHistoryIsAPrefixTest.synced(x, S1), 100);

        // the old leader's PROPOSAL arrives now, after S1's follower role of epoch 1 ended
        assertThat(e.deliverOne(env -> env.from() == S3 && env.to() == S1 && env.message() instanceof PeerMessage.Proposal p
                && p.zxid() == LATE)).isTrue();
        e.write(S2, "/b").runUntil(S2845SyncedHistoryIsAPrefixTest.apartFrom(S3), x -> x.replica(S1).tree().get("/b") != null, 10);
        return e;
    }
}
