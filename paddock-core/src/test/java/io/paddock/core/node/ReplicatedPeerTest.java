package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.session.SessionPasswords;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.WatchEventType;
import io.paddock.core.zab.ZabAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions, writes, reads, watches and syncs across an ensemble of {@link ReplicatedPeer}s. */
class ReplicatedPeerTest {
    private static final int EPHEMERAL = 1;

    private PeerEnsemble ensemble;

    @BeforeEach
    void electAndSync() {
        ensemble = PeerEnsemble.of(3);
        ensemble.start();
        ensemble.awaitServing();
    }

    private static ClientRequest.Create create(String path, String data, int flags) {
        return new ClientRequest.Create(OpCode.CREATE, path, data.getBytes(StandardCharsets.UTF_8),
                Acl.OPEN_ACL_UNSAFE, flags);
    }

    private long session(long conn) {
        ConnectResponse response = ensemble.connectResponse(conn);
        assertThat(response).as("connect response on connection %d", conn).isNotNull();
        assertThat(response.timeOut()).as("an established session has a timeout").isPositive();
        return response.sessionId();
    }

    private long established(long server) {
        long conn = ensemble.newSession(server);
        ensemble.deliverAll();
        session(conn);
        return conn;
    }

    @Test
    void aSessionCreatedAtAFollowerIsAnEnsembleTxnAndItsWritesAreSeenEverywhere() {
        long follower = ensemble.aFollower();
        long conn = established(follower);
        long sessionId = session(conn);
        assertThat(sessionId >>> 56).as("the session id carries the server that created it").isEqualTo(follower);
        for (long id : ensemble.servers.keySet()) {
            assertThat(ensemble.zabActions.get(id)).as("S%d delivered the createSession txn", id)
                    .anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(ZabAction.Delivered.class, d -> {
                        assertThat(d.txn()).isInstanceOf(Txn.CreateSession.class);
                        assertThat(d.header().sessionId()).isEqualTo(sessionId);
                    }));
        }

        ensemble.send(conn, 1, create("/a", "one", 0));
        assertThat(ensemble.reply(conn, 1)).as("no reply before the ensemble commits").isNull();
        ensemble.deliverAll();
        Action.SendReply created = ensemble.reply(conn, 1);
        assertThat(created.header().err()).isEqualTo(ErrorCode.OK);
        assertThat(created.body()).isEqualTo(new ClientResponse.Create("/a"));

        long other = ensemble.servers.keySet().stream().filter(id -> id != follower).findFirst().orElseThrow();
        long reader = established(other);
        ensemble.send(reader, 1, new ClientRequest.GetData("/a", false));
        Action.SendReply read = ensemble.reply(reader, 1);
        assertThat(((ClientResponse.GetData) read.body()).data()).asString(StandardCharsets.UTF_8).isEqualTo("one");
        assertThat(read.header().zxid()).as("a read carries the server's last zxid").isGreaterThanOrEqualTo(created.header().zxid());
    }

    @Test
    void anExpiredSessionsEphemeralsAreRemovedOnEveryServer() {
        long follower = ensemble.aFollower();
        long conn = established(follower);
        ensemble.send(conn, 1, create("/e", "mine", EPHEMERAL));
        ensemble.deliverAll();
        assertThat(ensemble.reply(conn, 1).header().err()).isEqualTo(ErrorCode.OK);
        for (ReplicatedPeer server : ensemble.servers.values()) {
            assertThat(server.replica().tree().get("/e")).isNotNull();
        }

        // the client goes silent: nothing touches the session; the leader expires it after its timeout (1 s)
        for (int t = 0; t < 15; t++) {
            ensemble.tickAll();
            ensemble.deliverAll();
        }
        for (ReplicatedPeer server : ensemble.servers.values()) {
            assertThat(server.replica().tree().get("/e")).as("the ephemeral is gone everywhere").isNull();
        }
        assertThat(ensemble.closed(conn)).as("the expired session's connection is closed").isTrue();
        long leader = ensemble.leader();
        assertThat(ensemble.zabActions.get(leader)).anySatisfy(a -> assertThat(a)
                .isInstanceOfSatisfying(ZabAction.Delivered.class, d -> assertThat(d.txn()).isInstanceOf(Txn.CloseSession.class)));
    }

    @Test
    void clientActivityAtAFollowerKeepsItsSessionAliveThroughTheLeadersPings() {
        long follower = ensemble.aFollower();
        long conn = established(follower);
        ensemble.send(conn, 1, create("/e", "mine", EPHEMERAL));
        ensemble.deliverAll();
        for (int t = 0; t < 40; t++) {
            ensemble.send(conn, -2, new ClientRequest.Ping());
            ensemble.tickAll();
            ensemble.deliverAll();
        }
        assertThat(ensemble.closed(conn)).isFalse();
        for (ReplicatedPeer server : ensemble.servers.values()) {
            assertThat(server.replica().tree().get("/e")).as("4 s of pings kept a 1 s session alive").isNotNull();
        }
    }

    @Test
    void aSessionMovedToAnotherServerIsSessionMovedOnTheOldOne() {
        long follower = ensemble.aFollower();
        long oldConn = established(follower);
        ConnectResponse first = ensemble.connectResponse(oldConn);
        long other = ensemble.servers.keySet().stream().filter(id -> id != follower).findFirst().orElseThrow();

        long newConn = ensemble.connect(other, first.sessionId(), first.passwd(), 0);
        ensemble.deliverAll();
        ConnectResponse resumed = ensemble.connectResponse(newConn);
        assertThat(resumed.sessionId()).isEqualTo(first.sessionId());
        assertThat(resumed.timeOut()).as("the leader revalidated the session").isPositive();

        // the old connection is still open (the client never closed it): a write through it is SessionMoved
        ensemble.send(oldConn, 7, create("/late", "x", 0));
        ensemble.deliverAll();
        assertThat(ensemble.reply(oldConn, 7).header().err()).isEqualTo(ErrorCode.SESSION_MOVED);
        ensemble.send(newConn, 1, create("/now", "x", 0));
        ensemble.deliverAll();
        assertThat(ensemble.reply(newConn, 1).header().err()).isEqualTo(ErrorCode.OK);
        assertThat(ensemble.servers.get(other).replica().tree().get("/late")).isNull();
    }

    @Test
    void aWrongPasswordOrAnExpiredSessionIsRefusedWithTimeoutZero() {
        long conn = established(ensemble.aFollower());
        long sessionId = session(conn);
        long wrong = ensemble.connect(ensemble.leader(), sessionId, new byte[16], 0);
        ensemble.deliverAll();
        assertThat(ensemble.connectResponse(wrong).timeOut()).isZero();
        assertThat(ensemble.closed(wrong)).isTrue();

        long unknown = ensemble.connect(ensemble.aFollower(), 0x0500_0000_0000_0001L,
                SessionPasswords.of(0x0500_0000_0000_0001L), 0);
        ensemble.deliverAll();
        assertThat(ensemble.connectResponse(unknown).timeOut()).as("the leader knows no such session").isZero();
        assertThat(ensemble.closed(unknown)).isTrue();
    }

    @Test
    void aServerBehindTheClientsLastSeenZxidRefusesItUntilItCatchesUp() {
        long follower = ensemble.aFollower();
        long writer = established(ensemble.leader());
        ensemble.send(writer, 1, create("/a", "1", 0));
        // everything is delivered except what goes to the follower: it is still serving, but behind
        ensemble.deliverAllBut(follower);
        long seen = ensemble.reply(writer, 1).header().zxid();
        assertThat(ensemble.servers.get(follower).replica().tree().lastProcessedZxid()).isLessThan(seen);

        long refused = ensemble.connect(follower, 0, null, seen);
        assertThat(ensemble.closed(refused)).isTrue();
        assertThat(ensemble.connectResponse(refused)).as("refused without a session").isNull();

        ensemble.deliverAll();
        long accepted = ensemble.connect(follower, 0, null, seen);
        ensemble.deliverAll();
        assertThat(session(accepted)).isNotZero();
    }

    @Test
    void aWatchSetAtAFollowerFiresThereWhenAnotherServersClientChangesTheNode() {
        long follower = ensemble.aFollower();
        long watcher = established(follower);
        ensemble.send(watcher, 1, new ClientRequest.Exists("/w", true));
        assertThat(ensemble.reply(watcher, 1).header().err()).isEqualTo(ErrorCode.NO_NODE);

        long writer = established(ensemble.leader());
        ensemble.send(writer, 1, create("/w", "x", 0));
        ensemble.deliverAll();
        assertThat(ensemble.watchEvents(watcher)).singleElement().satisfies(e -> {
            assertThat(e.event().type()).isEqualTo(WatchEventType.NODE_CREATED);
            assertThat(e.zxid()).isEqualTo(ensemble.reply(writer, 1).header().zxid());
        });
    }

    @Test
    void aSyncAtAFollowerAnswersAfterEveryEarlierCommitIsDeliveredThere() {
        long follower = ensemble.aFollower();
        long writer = established(ensemble.leader());
        long syncer = established(follower);
        ensemble.send(writer, 1, create("/s", "x", 0));
        ensemble.send(syncer, 1, new ClientRequest.Sync("/s"));
        assertThat(ensemble.reply(syncer, 1)).isNull();
        ensemble.deliverAll();
        Action.SendReply synced = ensemble.reply(syncer, 1);
        assertThat(synced.body()).isEqualTo(new ClientResponse.Sync("/s"));
        assertThat(synced.header().zxid()).isGreaterThanOrEqualTo(ensemble.reply(writer, 1).header().zxid());
        ensemble.send(syncer, 2, new ClientRequest.GetData("/s", false));
        assertThat(ensemble.reply(syncer, 2).header().err()).isEqualTo(ErrorCode.OK);
    }

    @Test
    void aServerThatLosesItsLeaderClosesEveryClientConnectionAndRefusesNewOnes() {
        long follower = ensemble.aFollower();
        long conn = established(follower);
        ensemble.isolate(ensemble.leader());
        for (int t = 0; t < 30 && !ensemble.closed(conn); t++) {
            ensemble.tickAll();
            ensemble.deliverAll();
        }
        assertThat(ensemble.closed(conn)).isTrue();
        if (!ensemble.servers.get(follower).serving()) {
            long refused = ensemble.connect(follower, 0, null, 0);
            assertThat(ensemble.closed(refused)).isTrue();
        }
    }

    @Test
    void aClientCloseDeletesItsEphemeralsAndAnswersBeforeClosing() {
        long conn = established(ensemble.aFollower());
        ensemble.send(conn, 1, create("/e", "x", EPHEMERAL));
        ensemble.send(conn, 2, new ClientRequest.CloseSession());
        ensemble.deliverAll();
        assertThat(ensemble.reply(conn, 2).header().err()).isEqualTo(ErrorCode.OK);
        assertThat(ensemble.closed(conn)).isTrue();
        for (ReplicatedPeer server : ensemble.servers.values()) {
            assertThat(server.replica().tree().get("/e")).isNull();
        }
    }
}
