package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.Clients;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * The root and /zookeeper, /zookeeper/config, /zookeeper/quota on a standalone server: what exists and which
 * writes are allowed. The initial-state test gets a server of its own because another test writes to them.
 */
class ReservedNodesTest extends ClientTestBase {

    @AgainstEachServer
    void reservedNodesExistWithTheirInitialStatsAndAcls(String kind) throws Exception {
        ZooKeeper zk = pool.track(Clients.connect(pool.freshServer(kind).connectString())).zk();
        assertThat(zk.getChildren("/zookeeper", false)).containsExactlyInAnyOrder("config", "quota");
        Stat zookeeper = zk.exists("/zookeeper", false);
        assertThat(zookeeper.getNumChildren()).isEqualTo(2);
        // Stored cversion 0 with two children present is shown as 0 * 2 - 2.
        assertThat(zookeeper.getCversion()).isEqualTo(-2);
        assertThat(zookeeper.getCzxid()).isZero();
        assertThat(zookeeper.getPzxid()).isZero();
        Stat config = new Stat();
        assertThat(zk.getData("/zookeeper/config", false, config)).isEmpty();
        assertThat(config.getAversion()).isEqualTo(-1);
        assertThat(config.getDataLength()).isZero();
        assertThat(zk.getACL("/zookeeper/config", null)).containsExactly(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));
        assertThat(zk.getConfig(false, null)).isEmpty();
        assertThat(zk.getACL("/zookeeper/quota", null)).containsExactlyElementsOf(Ids.OPEN_ACL_UNSAFE);
        assertThat(zk.getACL("/zookeeper", null)).containsExactlyElementsOf(Ids.OPEN_ACL_UNSAFE);
        assertThat(zk.getData("/zookeeper/quota", false, null)).isEmpty();
        assertThat(zk.exists("/zookeeper/quota", false)).isEqualTo(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @AgainstEachServer
    void theRootCannotBeCreatedOrDeleted(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        assertFailsWith(Code.NODEEXISTS, () -> zk.create("/", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertFailsWith(Code.BADARGUMENTS, () -> zk.delete("/", -1));
        assertThat(zk.exists("/", false).getCzxid()).isZero();
    }

    @AgainstEachServer
    void reservedNodesCannotBeDeletedOrRecreated(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        for (String path : List.of("/zookeeper/config", "/zookeeper/quota", "/zookeeper")) {
            assertFailsWith(Code.BADARGUMENTS, () -> zk.delete(path, -1));
            assertFailsWith(Code.NODEEXISTS, () -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        }
        assertThat(zk.getChildren("/zookeeper", false)).containsExactlyInAnyOrder("config", "quota");
    }

    @AgainstEachServer
    void configIsReadOnlyButZookeeperAndQuotaAcceptWrites(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        assertFailsWith(Code.NOAUTH, () -> zk.setData("/zookeeper/config", "x".getBytes(), -1));
        assertFailsWith(Code.NOAUTH, () -> zk.setACL("/zookeeper/config", Ids.OPEN_ACL_UNSAFE, -1));
        String child = "/zookeeper/quota/compat-" + kind;
        assertThat(zk.create(child, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)).isEqualTo(child);
        zk.delete(child, -1);
        String sibling = "/zookeeper/compat-" + kind;
        assertThat(zk.create(sibling, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)).isEqualTo(sibling);
        zk.delete(sibling, -1);
        assertThat(zk.setData("/zookeeper/quota", "q".getBytes(), -1).getVersion()).isEqualTo(1);
        assertThat(zk.setData("/zookeeper", "z".getBytes(), -1).getVersion()).isEqualTo(1);
        assertThat(zk.getData("/zookeeper", false, null)).isEqualTo("z".getBytes());
    }
}
