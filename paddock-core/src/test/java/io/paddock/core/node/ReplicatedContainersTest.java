package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ZabAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The leader of an ensemble collects empty containers and expired TTL nodes (ZooKeeper's container manager runs
 * on the leader only); the deletions reach every server as deleteContainer txns.
 */
class ReplicatedContainersTest {
    private static final int TTL_MS = 1000;

    private PeerEnsemble ensemble;
    private int xid;

    private void start(boolean extendedTypesEnabled, long containerCheckMillis) {
        ensemble = PeerEnsemble.of(3, extendedTypesEnabled, containerCheckMillis);
        ensemble.start();
        ensemble.awaitServing();
        // every replica has seen the wall clock once, so the first txns carry a real time
        ensemble.tickAll();
        ensemble.deliverAll();
    }

    private long established(long server) {
        long conn = ensemble.newSession(server);
        ensemble.deliverAll();
        assertThat(ensemble.connectResponse(conn).timeOut()).as("session established").isPositive();
        return conn;
    }

    /** Sends a write, lets the ensemble commit it, and returns its error code. */
    private int write(long conn, ClientRequest request) {
        int x = ++xid;
        ensemble.send(conn, x, request);
        ensemble.deliverAll();
        Action.SendReply reply = ensemble.reply(conn, x);
        assertThat(reply).as("reply to %s", request).isNotNull();
        return reply.header().err();
    }

    private static ClientRequest container(String path) {
        return new ClientRequest.Create(OpCode.CREATE_CONTAINER, path, new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.CONTAINER.flag());
    }

    private static ClientRequest persistent(String path) {
        return new ClientRequest.Create(OpCode.CREATE, path, new byte[0], Acl.OPEN_ACL_UNSAFE, 0);
    }

    private static ClientRequest ttl(String path) {
        return new ClientRequest.CreateTtl(path, new byte[0], Acl.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_WITH_TTL.flag(), TTL_MS);
    }

    /** One tick of the whole ensemble with the client's session kept alive, then every message delivered. */
    private void tick(long conn) {
        ensemble.send(conn, -2, new ClientRequest.Ping());
        ensemble.tickAll();
        ensemble.deliverAll();
    }

    private void assertEverywhere(String path, boolean present, String why) {
        ensemble.servers.forEach((id, server) -> {
            DataNode node = server.replica().tree().get(path);
            if (present) {
                assertThat(node).as("S%d has %s: %s", id, path, why).isNotNull();
            } else {
                assertThat(node).as("S%d lacks %s: %s", id, path, why).isNull();
            }
        });
    }

    private static boolean deletesContainer(Txn txn, String path) {
        return txn instanceof Txn.Delete d && d.type() == OpCode.DELETE_CONTAINER && d.path().equals(path);
    }

    private List<Txn> delivered(long server) {
        return ensemble.zabActions.get(server).stream().filter(a -> a instanceof ZabAction.Delivered)
                .map(a -> ((ZabAction.Delivered) a).txn()).toList();
    }

    @Test
    void anEmptiedContainerIsCollectedOnEveryServerAndANeverUsedOneIsKept() {
        start(false, 300);
        long conn = established(ensemble.aFollower());
        assertThat(write(conn, container("/c"))).isEqualTo(ErrorCode.OK);
        assertThat(write(conn, container("/fresh"))).isEqualTo(ErrorCode.OK);
        assertThat(write(conn, persistent("/c/x"))).isEqualTo(ErrorCode.OK);
        assertThat(write(conn, new ClientRequest.Delete("/c/x", -1))).isEqualTo(ErrorCode.OK);
        assertEverywhere("/c", true, "no collection before a tick");

        for (int t = 0; t < 8; t++) {
            tick(conn);
        }
        assertEverywhere("/c", false, "an empty container that had a child is collected");
        assertEverywhere("/fresh", true, "a container that never had a child is kept");
        for (long id : ensemble.servers.keySet()) {
            assertThat(delivered(id)).as("S%d applied exactly one deleteContainer of /c", id)
                    .filteredOn(txn -> deletesContainer(txn, "/c")).hasSize(1);
        }
        long leader = ensemble.leader();
        assertThat(ensemble.zabActions.get(leader)).as("the leader proposed it as a server txn (no session)")
                .anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(ZabAction.PersistTxn.class, p -> {
                    assertThat(deletesContainer(p.txn(), "/c")).isTrue();
                    assertThat(p.header().sessionId()).isZero();
                }));
    }

    @Test
    void aTtlNodeIdlePastItsTtlIsDeletedEverywhereWhileOneKeptBusyStays() {
        start(true, 200);
        long conn = established(ensemble.aFollower());
        assertThat(write(conn, ttl("/idle"))).as("an ensemble allows TTL nodes when extended types are on")
                .isEqualTo(ErrorCode.OK);
        assertThat(write(conn, ttl("/busy"))).isEqualTo(ErrorCode.OK);

        int ticks = 0;
        for (; ticks < 8; ticks++) {
            if (ticks % 4 == 3) {
                assertThat(write(conn, new ClientRequest.SetData("/busy", new byte[] {1}, -1))).isEqualTo(ErrorCode.OK);
            }
            tick(conn);
        }
        assertEverywhere("/idle", true, "800 ms idle is within its TTL of 1 s");

        for (; ticks < 25; ticks++) {
            if (ticks % 4 == 3) {
                assertThat(write(conn, new ClientRequest.SetData("/busy", new byte[] {1}, -1))).isEqualTo(ErrorCode.OK);
            }
            tick(conn);
        }
        assertEverywhere("/idle", false, "2.5 s idle is past its TTL of 1 s");
        assertEverywhere("/busy", true, "a setData every 400 ms keeps a 1 s TTL node");
        for (long id : ensemble.servers.keySet()) {
            assertThat(delivered(id)).filteredOn(txn -> deletesContainer(txn, "/idle")).hasSize(1);
        }
    }

    @Test
    void withoutExtendedTypesAnEnsembleRefusesTtlNodes() {
        start(false, 200);
        long conn = established(ensemble.aFollower());
        assertThat(write(conn, ttl("/t"))).isEqualTo(ErrorCode.UNIMPLEMENTED);
        assertEverywhere("/t", false, "the create was refused");
    }

    @Test
    void aContainerGivenANewChildWhileASweepRunsIsKept() {
        start(false, 200);
        long leader = ensemble.leader();
        long conn = established(leader);
        for (String path : List.of("/c", "/d")) {
            assertThat(write(conn, container(path))).isEqualTo(ErrorCode.OK);
            assertThat(write(conn, persistent(path + "/a"))).isEqualTo(ErrorCode.OK);
            assertThat(write(conn, new ClientRequest.Delete(path + "/a", -1))).isEqualTo(ErrorCode.OK);
        }

        // the leader proposes /c/b at once; no follower hears of it while the sweeps of the next ticks run
        int create = ++xid;
        ensemble.send(conn, create, persistent("/c/b"));
        int before = ensemble.zabActions.get(leader).size();
        for (int t = 0; t < 4; t++) {
            ensemble.send(conn, -2, new ClientRequest.Ping());
            ensemble.tickAll();
        }
        List<Txn> proposedMeanwhile = ensemble.zabActions.get(leader).subList(before, ensemble.zabActions.get(leader).size())
                .stream().filter(a -> a instanceof ZabAction.PersistTxn).map(a -> ((ZabAction.PersistTxn) a).txn()).toList();
        assertThat(proposedMeanwhile).as("a sweep ran: it collected /d, and left /c, whose new child is outstanding")
                .singleElement().satisfies(txn -> assertThat(deletesContainer(txn, "/d")).isTrue());

        ensemble.deliverAll();
        assertThat(ensemble.reply(conn, create).header().err()).isEqualTo(ErrorCode.OK);
        for (int t = 0; t < 5; t++) {
            tick(conn);
        }
        assertEverywhere("/c/b", true, "the create committed");
        assertEverywhere("/c", true, "a container with a child is never collected");
        assertEverywhere("/d", false, "the emptied container was collected");
    }

    @Test
    void aNewLeaderCollectsWhatTheOldOneLeftAndTheOldLeaderLearnsOfItWhenItRejoins() {
        start(false, 300);
        long oldLeader = ensemble.leader();
        long follower = ensemble.aFollower();
        long conn = established(follower);
        assertThat(write(conn, container("/c"))).isEqualTo(ErrorCode.OK);
        assertThat(write(conn, persistent("/c/x"))).isEqualTo(ErrorCode.OK);
        assertThat(write(conn, new ClientRequest.Delete("/c/x", -1))).isEqualTo(ErrorCode.OK);

        ensemble.isolate(oldLeader);
        ensemble.awaitNewLeader(oldLeader);
        long newLeader = ensemble.leader();
        long client = established(newLeader);
        for (int t = 0; t < 8; t++) {
            tick(client);
        }
        for (long id : ensemble.servers.keySet()) {
            if (id != oldLeader) {
                assertThat(ensemble.servers.get(id).replica().tree().get("/c")).as("S%d: the new leader collected /c", id)
                        .isNull();
            }
        }

        ensemble.rejoin(oldLeader);
        // the old leader still believes it leads until its ticks show it lost its quorum; then it follows
        for (int t = 0; t < 200 && !(ensemble.servers.get(oldLeader).state() == PeerState.FOLLOWING
                && ensemble.servers.get(oldLeader).serving()); t++) {
            ensemble.tickAll();
            ensemble.deliverAll();
        }
        assertThat(ensemble.states()).containsEntry(oldLeader, "FOLLOWING+serving");
        assertEverywhere("/c", false, "the old leader synced with the new one");
    }
}
