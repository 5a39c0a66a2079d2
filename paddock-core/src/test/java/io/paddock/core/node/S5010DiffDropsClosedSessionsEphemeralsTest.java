package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.DataTree;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.ZabAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S-5010 (ZOOKEEPER-5010): a follower that misses a session's close and is then synced by DIFF must not keep the
 * session's ephemeral znodes. Three servers; a client at one follower creates an ephemeral; the other follower is
 * cut off; the session ends (closed by its client, or expired by the leader); the cut-off follower returns and is
 * synced by DIFF. Property: after the sync the follower's tree digest equals the leader's at the same zxid, and it
 * holds no ephemeral of the ended session.
 */
class S5010DiffDropsClosedSessionsEphemeralsTest {

    @ParameterizedTest(name = "session ended by {0}")
    @ValueSource(strings = {"close", "expiry"})
    void aFollowerSyncedByDiffDropsTheEphemeralsOfASessionThatEndedWhileItWasAway(String howItEnds) {
        PeerEnsemble e = PeerEnsemble.of(3);
        e.start();
        e.awaitServing();
        long leader = e.leader();
        long[] followers = e.servers.keySet().stream().filter(id -> id != leader).mapToLong(Long::longValue).toArray();
        long owner = followers[0];
        long away = followers[1];

        long conn = e.newSession(owner);
        e.deliverAll();
        e.send(conn, 1, new ClientRequest.Create(OpCode.CREATE, "/eph", "x".getBytes(StandardCharsets.UTF_8),
                Acl.OPEN_ACL_UNSAFE, 1));
        e.deliverAll();
        assertThat(e.reply(conn, 1).header().err()).isEqualTo(ErrorCode.OK);
        assertThat(e.servers.get(away).replica().tree().get("/eph")).isNotNull();

        e.isolate(away);
        if (howItEnds.equals("close")) {
            e.send(conn, 2, new ClientRequest.CloseSession());
            e.deliverAll();
            assertThat(e.reply(conn, 2).header().err()).isEqualTo(ErrorCode.OK);
        } else {
            e.step(owner, new Event.ConnectionClosed(conn));
            for (int t = 0; t < 15 && e.servers.get(leader).replica().tree().get("/eph") != null; t++) {
                e.tickAll();
                e.deliverAll();
            }
        }
        assertThat(e.servers.get(leader).replica().tree().get("/eph")).as("the session ended on the leader").isNull();
        // a later write, so the returning follower has more than the close to catch up on
        long other = e.newSession(leader);
        e.deliverAll();
        e.send(other, 1, new ClientRequest.Create(OpCode.CREATE, "/after", new byte[0], Acl.OPEN_ACL_UNSAFE, 0));
        e.deliverAll();

        e.rejoin(away);
        e.awaitServing();
        e.deliverAll();

        assertThat(e.zabActions.get(e.leader())).as("the returning follower is synced by DIFF")
                .anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(ZabAction.Send.class, s -> {
                    assertThat(s.to()).isEqualTo(away);
                    assertThat(s.message()).isInstanceOf(PeerMessage.Diff.class);
                }));
        DataTree leaderTree = e.servers.get(e.leader()).replica().tree();
        DataTree awayTree = e.servers.get(away).replica().tree();
        assertThat(awayTree.lastProcessedZxid()).isEqualTo(leaderTree.lastProcessedZxid());
        assertThat(awayTree.digest()).as("equal digests at the same zxid").isEqualTo(leaderTree.digest());
        assertThat(awayTree.get("/eph")).isNull();
        assertThat(awayTree.ephemerals()).as("no ephemerals of any ended session").isEmpty();
        assertThat(awayTree.get("/after")).isNotNull();
    }
}
