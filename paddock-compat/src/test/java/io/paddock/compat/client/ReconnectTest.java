package io.paddock.compat.client;

import static org.apache.zookeeper.Watcher.Event.EventType.NodeChildrenChanged;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeCreated;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeDataChanged;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeDeleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.ChaosProxy;
import io.paddock.compat.support.Clients;
import io.paddock.compat.support.Clients.Client;
import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.EventLog.Event;
import io.paddock.compat.support.ServerUnderTest;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/**
 * A client loses its connection (cut by a proxy) but not its session; another client changes the tree; on
 * reconnect the client re-sends its watches with its last seen zxid (setWatches / setWatches2) and the server
 * fires those whose condition already changed.
 */
class ReconnectTest extends ClientTestBase {

    private record Scene(ChaosProxy proxy, Client watcher, ZooKeeper writer) {
        void disconnect() {
            proxy.refuseNew(true);
            proxy.cutAll();
            watcher.events().awaitState(KeeperState.Disconnected);
            watcher.events().clear();
        }

        void reconnect() {
            proxy.refuseNew(false);
            watcher.events().awaitState(KeeperState.SyncConnected);
        }
    }

    private Scene scene(String kind) {
        ChaosProxy proxy = pool.track(ChaosProxy.in(server(kind)));
        Client watcher = pool.track(Clients.connect(proxy.connectString(), 8_000));
        return new Scene(proxy, watcher, connect(kind).zk());
    }

    @AgainstEachServer
    void watchesWhoseConditionChangedWhileDisconnectedFireOnReconnect(String kind) throws Exception {
        Scene s = scene(kind);
        ZooKeeper zk = s.watcher().zk();
        String base = s.writer().create(fresh("rewatch"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String changed = s.writer().create(base + "/changed", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String deleted = s.writer().create(base + "/deleted", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String created = base + "/created";
        String untouched = s.writer().create(base + "/untouched", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String kids = s.writer().create(base + "/kids", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String goneKids = s.writer().create(base + "/gonekids", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog changedLog = new EventLog();
        EventLog deletedLog = new EventLog();
        EventLog createdLog = new EventLog();
        EventLog untouchedLog = new EventLog();
        EventLog kidsLog = new EventLog();
        EventLog goneKidsLog = new EventLog();
        zk.getData(changed, changedLog, null);
        zk.getData(deleted, deletedLog, null);
        zk.exists(created, createdLog);
        zk.getData(untouched, untouchedLog, null);
        zk.getChildren(kids, kidsLog);
        zk.getChildren(goneKids, goneKidsLog);

        s.disconnect();
        s.writer().setData(changed, "x".getBytes(), -1);
        s.writer().delete(deleted, -1);
        s.writer().create(created, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        s.writer().create(kids + "/k", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        s.writer().delete(goneKids, -1);
        s.reconnect();

        changedLog.awaitNodeEvents(1);
        deletedLog.awaitNodeEvents(1);
        createdLog.awaitNodeEvents(1);
        kidsLog.awaitNodeEvents(1);
        goneKidsLog.awaitNodeEvents(1);
        assertThat(changedLog.nodeEvents()).containsExactly(Event.node(NodeDataChanged, changed));
        assertThat(deletedLog.nodeEvents()).containsExactly(Event.node(NodeDeleted, deleted));
        assertThat(createdLog.nodeEvents()).containsExactly(Event.node(NodeCreated, created));
        assertThat(kidsLog.nodeEvents()).containsExactly(Event.node(NodeChildrenChanged, kids));
        assertThat(goneKidsLog.nodeEvents()).containsExactly(Event.node(NodeDeleted, goneKids));
        // The untouched node's watch was re-armed, not fired: it fires on the next change.
        assertThat(untouchedLog.nodeEvents()).isEmpty();
        s.writer().setData(untouched, "y".getBytes(), -1);
        untouchedLog.awaitNodeEvents(1);
        assertThat(untouchedLog.nodeEvents()).containsExactly(Event.node(NodeDataChanged, untouched));
    }

    @AgainstEachServer
    void existWatchOnANodeThatStillDoesNotExistIsReArmed(String kind) throws Exception {
        Scene s = scene(kind);
        String path = fresh("stillmissing");
        EventLog log = new EventLog();
        s.watcher().zk().exists(path, log);
        s.disconnect();
        s.writer().create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        s.writer().delete(path, -1);
        s.reconnect();
        // Created and deleted while away: nothing to report, the watch stays armed.
        s.writer().create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        log.awaitNodeEvents(1);
        assertThat(log.nodeEvents()).containsExactly(Event.node(NodeCreated, path));
    }

    @AgainstEachServer
    void persistentWatchesSurviveReconnect(String kind) throws Exception {
        Scene s = scene(kind);
        String path = s.writer().create(fresh("persist"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog plain = new EventLog();
        EventLog recursive = new EventLog();
        s.watcher().zk().addWatch(path, plain, AddWatchMode.PERSISTENT);
        s.watcher().zk().addWatch(path, recursive, AddWatchMode.PERSISTENT_RECURSIVE);
        s.disconnect();
        s.writer().setData(path, "missed".getBytes(), -1);
        s.reconnect();
        s.writer().setData(path, "1".getBytes(), -1);
        s.writer().create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        plain.awaitNodeEvents(2);
        recursive.awaitNodeEvents(2);
        // Changes made while disconnected are not replayed to persistent watches; later ones are delivered.
        assertThat(plain.nodeEvents()).containsExactly(
                Event.node(NodeDataChanged, path), Event.node(NodeChildrenChanged, path));
        assertThat(recursive.nodeEvents()).containsExactly(
                Event.node(NodeDataChanged, path), Event.node(NodeCreated, path + "/c"));
    }

    @AgainstEachServer
    void ephemeralsAndSessionSurviveAShortDisconnect(String kind) throws Exception {
        Scene s = scene(kind);
        long session = s.watcher().zk().getSessionId();
        String eph = s.watcher().zk().create(fresh("survive"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        s.disconnect();
        assertThat(s.writer().exists(eph, false).getEphemeralOwner()).isEqualTo(session);
        s.reconnect();
        assertThat(s.watcher().zk().getSessionId()).isEqualTo(session);
        assertThat(s.watcher().zk().getEphemerals()).containsExactly(eph);
        assertThat(s.proxy().acceptedConnections()).isEqualTo(2);
    }

    @AgainstEachServer
    void aServerBehindTheClientsLastSeenZxidRefusesItUntilItCanServeIt(String kind) throws Exception {
        Scene s = scene(kind);
        long session = s.watcher().zk().getSessionId();
        for (int i = 0; i < 5; i++) {
            s.watcher().zk().create(fresh("ahead"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        // A fresh server has seen none of those zxids: it must not accept the client (which would let it read
        // an older state than it already saw), so the client stays disconnected.
        ServerUnderTest behind = pool.freshServer(kind);
        s.proxy().retarget(behind);
        s.proxy().cutAll();
        s.watcher().events().awaitState(KeeperState.Disconnected);
        s.watcher().events().clear();
        // One refused attempt is enough (the session, at most 20 ticks = 4 s, must not expire meanwhile): the
        // server closes the connection without answering the handshake.
        EventLog.waiting().until(() -> s.proxy().closedWithoutReply() >= 1);
        assertThat(s.watcher().events().all()).extracting(Event::state).doesNotContain(KeeperState.SyncConnected, KeeperState.Expired);
        s.proxy().retarget(server(kind));
        s.reconnect();
        assertThat(s.watcher().zk().getSessionId()).isEqualTo(session);
    }
}
