package io.paddock.compat.client;

import static org.apache.zookeeper.Watcher.Event.EventType.NodeChildrenChanged;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeCreated;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeDataChanged;
import static org.apache.zookeeper.Watcher.Event.EventType.NodeDeleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.EventLog.Event;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * One-shot, persistent and persistent-recursive watches: which events, with which paths, in which order. To
 * show that an event did NOT come, the watching client arms a watch on a sentinel node that the writer creates
 * last; notifications reach one client in the order of the changes, so once the sentinel's event is in, every
 * earlier event would have been too.
 */
class WatchTest extends ClientTestBase {

    private static void sentinel(ZooKeeper watcher, ZooKeeper writer, EventLog log) throws Exception {
        String path = fresh("sentinel");
        watcher.exists(path, log);
        writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        log.awaitMatching(e -> e.type() == NodeCreated && path.equals(e.path()));
        log.clear();
    }

    private static Event ev(EventType type, String path) {
        return Event.node(type, path);
    }

    @AgainstEachServer
    void dataWatchFiresOnceOnChangeAndOnDelete(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = writer.create(fresh("data"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog log = new EventLog();
        zk.getData(path, log, null);
        writer.setData(path, "1".getBytes(), -1);
        writer.setData(path, "2".getBytes(), -1);
        log.awaitNodeEvents(1);
        sentinel(zk, writer, log);
        // Only the first change was reported (the sentinel check cleared the log after it).
        zk.getData(path, log, null);
        writer.delete(path, -1);
        log.awaitNodeEvents(1);
        assertThat(log.nodeEvents()).containsExactly(ev(NodeDeleted, path));
    }

    @AgainstEachServer
    void existsWatchOnMissingNodeReportsCreation(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = fresh("exists");
        EventLog log = new EventLog();
        assertThat(zk.exists(path, log)).isNull();
        writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        log.awaitNodeEvents(1);
        assertThat(log.nodeEvents()).containsExactly(ev(NodeCreated, path));
        log.clear();
        zk.exists(path, log);
        writer.setData(path, "x".getBytes(), -1);
        log.awaitNodeEvents(1);
        assertThat(log.nodeEvents()).containsExactly(ev(NodeDataChanged, path));
    }

    @AgainstEachServer
    void childWatchFiresForChildCreateAndDeleteButNotForChildData(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String parent = writer.create(fresh("kids"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(parent + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog log = new EventLog();
        zk.getChildren(parent, log);
        writer.setData(parent + "/a", "x".getBytes(), -1);
        writer.setData(parent, "x".getBytes(), -1);
        sentinel(zk, writer, log);
        zk.getChildren(parent, log);
        writer.delete(parent + "/a", -1);
        log.awaitNodeEvents(1);
        assertThat(log.nodeEvents()).containsExactly(ev(NodeChildrenChanged, parent));
        log.clear();
        zk.getChildren(parent, log);
        writer.create(parent + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        log.awaitNodeEvents(1);
        log.clear();
        zk.getChildren(parent, log);
        writer.delete(parent + "/b", -1);
        writer.delete(parent, -1);
        log.awaitNodeEvents(1);
        sentinel(zk, writer, log);
        zk.getChildren(writer.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT), log);
        writer.delete(parent, -1);
        log.awaitNodeEvents(1);
        // Deleting the watched node itself reports NodeDeleted to its child watch.
        assertThat(log.nodeEvents()).containsExactly(ev(NodeDeleted, parent));
    }

    @AgainstEachServer
    void oneClientSeesEventsInTheOrderOfTheChanges(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String base = writer.create(fresh("order"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String a = writer.create(base + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String b = base + "/b";
        EventLog log = new EventLog();
        zk.getData(a, log, null);
        zk.exists(b, log);
        zk.getChildren(base, log);
        zk.getChildren(a, log);
        writer.create(a + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(a, "1".getBytes(), -1);
        writer.create(b, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        log.awaitNodeEvents(4);
        // Creating b fires both the exist watch on b and the child watch on base.
        assertThat(log.nodeEvents()).containsExactly(
                ev(NodeChildrenChanged, a), ev(NodeDataChanged, a), ev(NodeCreated, b), ev(NodeChildrenChanged, base));
    }

    @AgainstEachServer
    void deletingANodeWithDataAndChildWatchesReportsNodeDeletedOnceToTheSameWatcher(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = writer.create(fresh("both"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog log = new EventLog();
        zk.getData(path, log, null);
        zk.getChildren(path, log);
        writer.delete(path, -1);
        log.awaitNodeEvents(1);
        sentinel(zk, writer, log);
        EventLog data = new EventLog();
        EventLog child = new EventLog();
        writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.getData(path, data, null);
        zk.getChildren(path, child);
        writer.delete(path, -1);
        data.awaitNodeEvents(1);
        child.awaitNodeEvents(1);
        assertThat(data.nodeEvents()).containsExactly(ev(NodeDeleted, path));
        assertThat(child.nodeEvents()).containsExactly(ev(NodeDeleted, path));
    }

    @AgainstEachServer
    void setAclFiresNoWatch(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = writer.create(fresh("aclwatch"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog log = new EventLog();
        zk.getData(path, log, null);
        writer.setACL(path, Ids.OPEN_ACL_UNSAFE, -1);
        writer.setData(path, "x".getBytes(), -1);
        log.awaitNodeEvents(1);
        assertThat(log.nodeEvents()).containsExactly(ev(NodeDataChanged, path));
    }

    @AgainstEachServer
    void notificationsAreFilteredByReadPermission(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        writer.addAuthInfo("digest", "owner:pw".getBytes());
        String secret = fresh("secret");
        EventLog log = new EventLog();
        zk.exists(secret, log);
        writer.create(secret, null, java.util.Arrays.asList(new ACL(Perms.ALL, new Id("auth", ""))), CreateMode.PERSISTENT);
        sentinel(zk, writer, log);
        // The NodeCreated for the unreadable node was not delivered, and the watch was used up.
        writer.setACL(secret, Ids.OPEN_ACL_UNSAFE, -1);
        writer.setData(secret, "x".getBytes(), -1);
        sentinel(zk, writer, log);
    }

    @AgainstEachServer
    void persistentWatchReportsEveryChangeToTheNodeAndItsChildList(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = fresh("persistent");
        EventLog log = new EventLog();
        zk.addWatch(path, log, AddWatchMode.PERSISTENT);
        writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(path, "1".getBytes(), -1);
        writer.setData(path, "2".getBytes(), -1);
        writer.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(path + "/c", "x".getBytes(), -1);
        writer.create(path + "/c/g", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.delete(path + "/c/g", -1);
        writer.delete(path + "/c", -1);
        writer.delete(path, -1);
        log.awaitNodeEvents(6);
        sentinel(zk, writer, new EventLog());
        assertThat(log.nodeEvents()).containsExactly(
                ev(NodeCreated, path), ev(NodeDataChanged, path), ev(NodeDataChanged, path),
                ev(NodeChildrenChanged, path), ev(NodeChildrenChanged, path), ev(NodeDeleted, path));
    }

    @AgainstEachServer
    void persistentRecursiveWatchReportsTheChangedPathAndNoChildEvents(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = fresh("recursive");
        EventLog log = new EventLog();
        zk.addWatch(path, log, AddWatchMode.PERSISTENT_RECURSIVE);
        writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create(path + "/c/g", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData(path + "/c/g", "x".getBytes(), -1);
        writer.delete(path + "/c/g", -1);
        writer.delete(path + "/c", -1);
        writer.create(path + "x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.delete(path, -1);
        log.awaitNodeEvents(7);
        sentinel(zk, writer, new EventLog());
        assertThat(log.nodeEvents()).containsExactly(
                ev(NodeCreated, path), ev(NodeCreated, path + "/c"), ev(NodeCreated, path + "/c/g"),
                ev(NodeDataChanged, path + "/c/g"), ev(NodeDeleted, path + "/c/g"), ev(NodeDeleted, path + "/c"),
                ev(NodeDeleted, path));
    }

    @AgainstEachServer
    void oneShotAndPersistentWatchesOnTheSamePathBothFire(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = writer.create(fresh("mixed"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog oneShot = new EventLog();
        EventLog persistent = new EventLog();
        zk.addWatch(path, persistent, AddWatchMode.PERSISTENT);
        zk.getData(path, oneShot, null);
        writer.setData(path, "1".getBytes(), -1);
        writer.setData(path, "2".getBytes(), -1);
        persistent.awaitNodeEvents(2);
        assertThat(oneShot.nodeEvents()).containsExactly(ev(NodeDataChanged, path));
        assertThat(persistent.nodeEvents()).containsExactly(ev(NodeDataChanged, path), ev(NodeDataChanged, path));
    }

    @AgainstEachServer
    void removeWatchesStopsDeliveryAndReportsTheRemoval(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper writer = connect(kind).zk();
        String path = writer.create(fresh("remove"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog data = new EventLog();
        EventLog child = new EventLog();
        zk.getData(path, data, null);
        zk.getChildren(path, child);
        // removeWatches with a watcher travels as checkWatches (17); removeAllWatches as removeWatches (18).
        zk.removeWatches(path, data, WatcherType.Data, false);
        data.awaitNodeEvents(1);
        assertThat(data.nodeEvents()).containsExactly(ev(EventType.DataWatchRemoved, path));
        assertFailsWith(Code.NOWATCHER, () -> zk.removeWatches(path, data, WatcherType.Data, false));
        zk.removeAllWatches(path, WatcherType.Children, false);
        child.awaitNodeEvents(1);
        assertThat(child.nodeEvents()).containsExactly(ev(EventType.ChildWatchRemoved, path));
        EventLog persistent = new EventLog();
        zk.addWatch(path, persistent, AddWatchMode.PERSISTENT);
        zk.removeWatches(path, persistent, WatcherType.Persistent, false);
        persistent.awaitNodeEvents(1);
        assertThat(persistent.nodeEvents()).containsExactly(ev(EventType.PersistentWatchRemoved, path));
        data.clear();
        writer.setData(path, "x".getBytes(), -1);
        writer.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EventLog sentinelLog = new EventLog();
        sentinel(zk, writer, sentinelLog);
        assertThat(data.nodeEvents()).isEmpty();
        assertThat(child.nodeEvents()).hasSize(1);
        assertThat(persistent.nodeEvents()).hasSize(1);
    }
}
