package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.Clients.Client;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** The error each request answers with when its precondition fails, and that a failed write changes nothing. */
class ErrorPathsTest extends ClientTestBase {

    @AgainstEachServer
    void missingNodes(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("missing");
        assertFailsWith(Code.NONODE, () -> zk.getData(path, false, null));
        assertFailsWith(Code.NONODE, () -> zk.setData(path, null, -1));
        assertFailsWith(Code.NONODE, () -> zk.delete(path, -1));
        assertFailsWith(Code.NONODE, () -> zk.getChildren(path, false));
        assertFailsWith(Code.NONODE, () -> zk.getACL(path, new Stat()));
        assertFailsWith(Code.NONODE, () -> zk.setACL(path, Ids.OPEN_ACL_UNSAFE, -1));
        assertFailsWith(Code.NONODE, () -> zk.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertFailsWith(Code.NONODE, () -> zk.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
        assertThat(zk.exists(path, false)).isNull();
    }

    @AgainstEachServer
    void nodeExistsForEveryCreateMode(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("exists"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (CreateMode mode : List.of(CreateMode.PERSISTENT, CreateMode.EPHEMERAL, CreateMode.CONTAINER)) {
            assertFailsWith(Code.NODEEXISTS, () -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, mode));
        }
        assertFailsWith(Code.NODEEXISTS, () -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 1000));
        assertThat(zk.exists(path, false).getVersion()).isZero();
    }

    @AgainstEachServer
    void notEmptyAndNoChildrenForEphemerals(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("full"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(parent + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertFailsWith(Code.NOTEMPTY, () -> zk.delete(parent, -1));
        String eph = zk.create(fresh("eph"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertFailsWith(Code.NOCHILDRENFOREPHEMERALS, () -> zk.create(eph + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertFailsWith(Code.NOCHILDRENFOREPHEMERALS, () -> zk.create(eph + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
        assertThat(zk.exists(eph, false).getNumChildren()).isZero();
    }

    @AgainstEachServer
    void badVersions(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("ver"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertFailsWith(Code.BADVERSION, () -> zk.setData(path, null, 3));
        assertFailsWith(Code.BADVERSION, () -> zk.delete(path, 3));
        assertFailsWith(Code.BADVERSION, () -> zk.setACL(path, Ids.OPEN_ACL_UNSAFE, 3));
        Stat stat = zk.exists(path, false);
        assertThat(stat.getVersion()).isZero();
        assertThat(stat.getAversion()).isZero();
    }

    @AgainstEachServer
    void precedenceOfChecksOnCreate(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("order"), null,
                java.util.Arrays.asList(new org.apache.zookeeper.data.ACL(org.apache.zookeeper.ZooDefs.Perms.READ, Ids.ANYONE_ID_UNSAFE)),
                CreateMode.PERSISTENT);
        assertFailsWith(Code.NOAUTH, () -> zk.create(parent + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        // An invalid ACL is reported before the parent's missing CREATE permission.
        assertFailsWith(Code.INVALIDACL, () -> zk.create(parent + "/c", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        // The ACL is checked even before the parent is looked up.
        assertFailsWith(Code.INVALIDACL, () -> zk.create(fresh("noparent") + "/c", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        assertFailsWith(Code.NONODE, () -> zk.create(fresh("noparent") + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @AgainstEachServer
    void removingAWatchThatDoesNotExistIsNoWatcher(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("nowatch"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertFailsWith(Code.NOWATCHER, () -> zk.removeWatches(path, e -> { }, WatcherType.Any, false));
        assertFailsWith(Code.NOWATCHER, () -> zk.removeAllWatches(path, WatcherType.Data, false));
        assertFailsWith(Code.NOWATCHER, () -> zk.removeAllWatches(path, WatcherType.Children, false));
        assertFailsWith(Code.NOWATCHER, () -> zk.removeAllWatches(path, WatcherType.Any, true));
    }

    @AgainstEachServer
    void theOfficialClientRejectsMalformedPathsBeforeSending(String kind) {
        ZooKeeper zk = connect(kind).zk();
        for (String bad : List.of("a", "/a/", "/a//b", "", "/a/./b", "/a/../b", "/a\u0000b")) {
            assertThatThrownBy(() -> zk.create(bad, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @AgainstEachServer
    void aFailedWriteLeavesTheTreeUnchanged(String kind) throws Exception {
        Client client = connect(kind);
        ZooKeeper zk = client.zk();
        String path = zk.create(fresh("unchanged"), "x".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists(path, false);
        assertFailsWith(Code.BADVERSION, () -> zk.setData(path, "y".getBytes(), 5));
        assertFailsWith(Code.NODEEXISTS, () -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThat(zk.exists(path, false)).isEqualTo(before);
        assertThat(zk.getData(path, false, null)).isEqualTo("x".getBytes());
    }
}
