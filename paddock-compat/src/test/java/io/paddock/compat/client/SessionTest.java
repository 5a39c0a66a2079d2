package io.paddock.compat.client;

import static org.apache.zookeeper.Watcher.Event.EventType.NodeChildrenChanged;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeDeleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.ChaosProxy;
import io.paddock.compat.support.Clients;
import io.paddock.compat.support.Clients.Client;
import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.EventLog.Event;
import io.paddock.compat.support.TestServers;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/** Timeout negotiation, expiry, close, and resuming a session by id and password. */
class SessionTest extends ClientTestBase {

    @AgainstEachServer
    void negotiatedTimeoutIsClampedToTwoAndTwentyTicks(String kind) {
        String connect = server(kind).connectString();
        // Asking below the minimum (the client still needs a usable connect timeout, so not 1 ms).
        assertThat(pool.track(Clients.connect(connect, 150)).zk().getSessionTimeout()).isEqualTo(2 * TestServers.TICK_TIME);
        assertThat(pool.track(Clients.connect(connect, 1_000)).zk().getSessionTimeout()).isEqualTo(1_000);
        assertThat(pool.track(Clients.connect(connect, 60_000)).zk().getSessionTimeout()).isEqualTo(20 * TestServers.TICK_TIME);
    }

    @AgainstEachServer
    void closeRemovesEphemeralsAtOnceAndFiresOtherClientsWatches(String kind) throws Exception {
        Client owner = connect(kind);
        ZooKeeper observer = connect(kind).zk();
        String parent = observer.create(fresh("close"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String eph = owner.zk().create(parent + "/e", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        EventLog data = new EventLog();
        EventLog child = new EventLog();
        observer.exists(eph, data);
        observer.getChildren(parent, child);
        owner.close();
        // close() returns after the server answered closeSession, which deleted the ephemerals.
        assertThat(observer.exists(eph, false)).isNull();
        data.awaitNodeEvents(1);
        child.awaitNodeEvents(1);
        assertThat(data.nodeEvents()).containsExactly(Event.node(NodeDeleted, eph));
        assertThat(child.nodeEvents()).containsExactly(Event.node(NodeChildrenChanged, parent));
    }

    @AgainstEachServer
    void expiryRemovesEphemeralsAndFiresOtherClientsWatches(String kind) throws Exception {
        ChaosProxy proxy = pool.track(ChaosProxy.in(server(kind)));
        Client owner = pool.track(Clients.connect(proxy.connectString(), 1_000));
        ZooKeeper observer = connect(kind).zk();
        String eph = owner.zk().create(fresh("expire"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        EventLog watch = new EventLog();
        observer.exists(eph, watch);
        proxy.refuseNew(true);
        proxy.cutAll();
        owner.events().awaitState(KeeperState.Disconnected);
        watch.awaitNodeEvents(1);
        assertThat(watch.nodeEvents()).containsExactly(Event.node(NodeDeleted, eph));
        assertThat(observer.exists(eph, false)).isNull();
        proxy.refuseNew(false);
        owner.events().awaitState(KeeperState.Expired);
        assertFailsWith(Code.SESSIONEXPIRED, () -> owner.zk().exists("/", false));
    }

    @AgainstEachServer
    void aSessionCanBeResumedWithItsIdAndPassword(String kind) throws Exception {
        String connect = server(kind).connectString();
        Client first = connect(kind);
        String eph = first.zk().create(fresh("resume"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        Client second = pool.track(Clients.resume(connect, Clients.SESSION_TIMEOUT_MS,
                first.zk().getSessionId(), first.zk().getSessionPasswd()));
        second.events().awaitState(KeeperState.SyncConnected);
        assertThat(second.zk().getSessionId()).isEqualTo(first.zk().getSessionId());
        assertThat(second.zk().getEphemerals()).containsExactly(eph);
        assertThat(second.zk().exists(eph, false).getEphemeralOwner()).isEqualTo(first.zk().getSessionId());
    }

    @AgainstEachServer
    void aWrongPasswordExpiresTheResumingClient(String kind) throws Exception {
        Client first = connect(kind);
        String eph = first.zk().create(fresh("wrongpw"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        byte[] wrong = first.zk().getSessionPasswd().clone();
        wrong[0] ^= 1;
        Client second = pool.track(Clients.resume(server(kind).connectString(), Clients.SESSION_TIMEOUT_MS,
                first.zk().getSessionId(), wrong));
        second.events().awaitState(KeeperState.Expired);
        // The real session is untouched (its owner may have to reconnect first, see the next test).
        EventLog.waiting().ignoreExceptions().until(() -> first.zk().exists(eph, false) != null);
        assertThat(first.zk().exists(eph, false).getEphemeralOwner()).isEqualTo(first.zk().getSessionId());
    }

    @AgainstEachServer
    void aResumeAttemptDropsTheSessionsCurrentConnectionEvenWithAWrongPassword(String kind) throws Exception {
        Client first = connect(kind);
        byte[] wrong = first.zk().getSessionPasswd().clone();
        wrong[0] ^= 1;
        pool.track(Clients.resume(server(kind).connectString(), Clients.SESSION_TIMEOUT_MS, first.zk().getSessionId(), wrong))
                .events().awaitState(KeeperState.Expired);
        // Apache ZooKeeper closes the session's existing connection before it checks the password; the owner
        // then reconnects to its session.
        Event disconnected = new Event(EventType.None, KeeperState.Disconnected, null);
        Event connected = new Event(EventType.None, KeeperState.SyncConnected, null);
        EventLog.waiting().until(() -> {
            List<Event> all = first.events().all();
            int drop = all.indexOf(disconnected);
            return drop >= 0 && all.subList(drop, all.size()).contains(connected);
        });
    }

    @AgainstEachServer
    void anUnknownSessionIdExpiresTheClient(String kind) {
        Client ghost = pool.track(Clients.resume(server(kind).connectString(), Clients.SESSION_TIMEOUT_MS,
                0x1234_5678L, new byte[16]));
        ghost.events().awaitState(KeeperState.Expired);
        assertThat(ghost.zk().getState()).isEqualTo(ZooKeeper.States.CLOSED);
    }

    @AgainstEachServer
    void pingsKeepAnIdleSessionAlive(String kind) throws Exception {
        Client idle = pool.track(Clients.connect(server(kind).connectString(), 400));
        ZooKeeper other = connect(kind).zk();
        String eph = idle.zk().create(fresh("idle"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        // For three session timeouts without requests from it, only pings keep it alive.
        org.awaitility.Awaitility.await().during(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(5))
                .until(() -> other.exists(eph, false) != null);
        assertThat(idle.events().all()).extracting(Event::state).doesNotContain(KeeperState.Disconnected, KeeperState.Expired);
    }
}
