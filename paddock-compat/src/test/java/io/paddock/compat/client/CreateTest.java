package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.Clients.Client;
import io.paddock.compat.support.EventLog;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;


/** create / create2 / createContainer / createTTL through the official client, for every CreateMode. */
class CreateTest extends ClientTestBase {

    @AgainstEachServer
    void persistentCreateReturnsThePathAndStoresTheData(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("persistent");
        assertThat(zk.create(path, "v".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)).isEqualTo(path);
        Stat stat = new Stat();
        assertThat(zk.getData(path, false, stat)).isEqualTo("v".getBytes());
        assertThat(stat.getEphemeralOwner()).isZero();
        assertThat(stat.getDataLength()).isEqualTo(1);
    }

    @AgainstEachServer
    void nullAndEmptyDataAreBothStoredAsEmpty(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("empty"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String child = zk.create(parent + "/e", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        // ZooKeeper stores null data as null and answers it with a null buffer; empty stays empty.
        assertThat(zk.getData(parent, false, stat)).isNull();
        assertThat(stat.getDataLength()).isZero();
        assertThat(zk.getData(child, false, stat)).isEmpty();
        assertThat(stat.getDataLength()).isZero();
    }

    @AgainstEachServer
    void create2ReturnsTheNewNodesStat(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("create2");
        Stat created = new Stat();
        zk.create(path, "abc".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        Stat read = zk.exists(path, false);
        assertThat(created).isEqualTo(read);
        assertThat(created.getCzxid()).isEqualTo(created.getMzxid()).isEqualTo(created.getPzxid());
        assertThat(created.getVersion()).isZero();
        assertThat(created.getCversion()).isZero();
        assertThat(created.getAversion()).isZero();
        assertThat(created.getDataLength()).isEqualTo(3);
        assertThat(created.getNumChildren()).isZero();
        assertThat(created.getCtime()).isEqualTo(created.getMtime()).isPositive();
    }

    @AgainstEachServer
    void sequentialNamesUseTheParentsCversionAsTenDigits(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("seq"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(zk.create(parent + "/a-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(parent + "/a-0000000000");
        zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete(parent + "/plain", -1);
        // The counter is the number of children ever created (deletes do not advance it), although the
        // cversion clients see counts deletes too.
        assertThat(zk.exists(parent, false).getCversion()).isEqualTo(3);
        assertThat(zk.create(parent + "/b-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL))
                .isEqualTo(parent + "/b-0000000002");
        assertThat(zk.create(parent + "/", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(parent + "/0000000003");
        assertThat(zk.getChildren(parent, false)).containsExactlyInAnyOrder("a-0000000000", "b-0000000002", "0000000003");
    }

    @AgainstEachServer
    void failedCreateStillDoesNotConsumeASequenceNumber(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("seqfail"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(parent + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertFailsWith(Code.NODEEXISTS, () -> zk.create(parent + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThat(zk.create(parent + "/s", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
                .isEqualTo(parent + "/s0000000001");
    }

    @AgainstEachServer
    void ephemeralNodesAreOwnedByTheSessionAndVanishWithIt(String kind) throws Exception {
        Client owner = connect(kind);
        ZooKeeper other = connect(kind).zk();
        String path = fresh("ephemeral");
        Stat stat = new Stat();
        owner.zk().create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat);
        assertThat(stat.getEphemeralOwner()).isEqualTo(owner.zk().getSessionId());
        assertThat(other.exists(path, false).getEphemeralOwner()).isEqualTo(owner.zk().getSessionId());
        owner.close();
        assertThat(other.exists(path, false)).isNull();
    }

    @AgainstEachServer
    void containerIsMarkedAndRemovedOnceItsLastChildGoes(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("container");
        Stat stat = new Stat();
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, stat);
        // The container marker (Long.MIN_VALUE) is kept inside the server; clients are shown 0.
        assertThat(stat.getEphemeralOwner()).isZero();
        assertThat(zk.exists(path, false).getEphemeralOwner()).isZero();
        zk.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete(path + "/child", -1);
        EventLog.waiting().until(() -> zk.exists(path, false) == null);
    }

    @AgainstEachServer
    void ttlNodesShowNoOwnerAndExpireWhenChildless(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("ttl"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        String plain = zk.create(parent + "/t", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, stat, 300);
        assertThat(plain).isEqualTo(parent + "/t");
        // The TTL lives in the server's extended ephemeral owner; clients are shown 0.
        assertThat(stat.getEphemeralOwner()).isZero();
        String seq = zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, stat, 400);
        assertThat(seq).isEqualTo(parent + "/s-0000000001");
        assertThat(stat.getEphemeralOwner()).isZero();
        EventLog.waiting().until(() -> zk.getChildren(parent, false).isEmpty());
        assertThat(zk.exists(parent, false)).isNotNull();
    }

    @AgainstEachServer
    void ttlNodeWithAChildIsNotRemoved(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("ttlparent");
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 100);
        zk.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String marker = zk.create(fresh("marker"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 100);
        // Once a childless TTL node created later is gone, the sweep has looked at the parent too.
        EventLog.waiting().until(() -> zk.exists(marker, false) == null);
        assertThat(zk.exists(path, false)).isNotNull();
        zk.delete(path + "/c", -1);
        EventLog.waiting().until(() -> zk.exists(path, false) == null);
    }
}
