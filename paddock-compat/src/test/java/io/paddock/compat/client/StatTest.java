package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.Clients.Client;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** Every Stat field after each kind of change, on the node and on its parent. */
class StatTest extends ClientTestBase {

    @AgainstEachServer
    void childCreateAndDeleteBumpParentCversionAndPzxidButChildSetDataDoesNot(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        Stat parentCreated = new Stat();
        String parent = zk.create(fresh("stat"), "p".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, parentCreated);
        assertThat(parentCreated.getPzxid()).isEqualTo(parentCreated.getCzxid());

        Stat childCreated = new Stat();
        zk.create(parent + "/c", "12".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, childCreated);
        Stat afterCreate = zk.exists(parent, false);
        assertThat(afterCreate.getCversion()).isEqualTo(1);
        assertThat(afterCreate.getPzxid()).isEqualTo(childCreated.getCzxid());
        assertThat(afterCreate.getNumChildren()).isEqualTo(1);
        assertThat(afterCreate.getMzxid()).isEqualTo(parentCreated.getMzxid());
        assertThat(afterCreate.getVersion()).isZero();

        Stat childSet = zk.setData(parent + "/c", "345".getBytes(), -1);
        assertThat(childSet.getMzxid()).isGreaterThan(childCreated.getMzxid());
        assertThat(childSet.getCzxid()).isEqualTo(childCreated.getCzxid());
        assertThat(childSet.getVersion()).isEqualTo(1);
        assertThat(childSet.getDataLength()).isEqualTo(3);
        assertThat(zk.exists(parent, false)).isEqualTo(afterCreate);

        zk.setACL(parent + "/c", Ids.OPEN_ACL_UNSAFE, -1);
        assertThat(zk.exists(parent, false)).isEqualTo(afterCreate);
        Stat childAcl = zk.exists(parent + "/c", false);
        assertThat(childAcl.getAversion()).isEqualTo(1);
        assertThat(childAcl.getMzxid()).isEqualTo(childSet.getMzxid());

        zk.delete(parent + "/c", -1);
        Stat afterDelete = zk.exists(parent, false);
        assertThat(afterDelete.getCversion()).isEqualTo(2);
        assertThat(afterDelete.getPzxid()).isGreaterThan(childAcl.getMzxid());
        assertThat(afterDelete.getNumChildren()).isZero();
        assertThat(afterDelete.getMzxid()).isEqualTo(parentCreated.getMzxid());
        assertThat(afterDelete.getCzxid()).isEqualTo(parentCreated.getCzxid());
        assertThat(afterDelete.getDataLength()).isEqualTo(1);
        assertThat(afterDelete.getCtime()).isEqualTo(parentCreated.getCtime());
    }

    @AgainstEachServer
    void setDataOnItselfDoesNotTouchCversionOrPzxid(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        Stat created = new Stat();
        String path = zk.create(fresh("self"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        Stat set = zk.setData(path, "abcd".getBytes(), -1);
        assertThat(set.getCversion()).isZero();
        assertThat(set.getPzxid()).isEqualTo(created.getPzxid());
        assertThat(set.getMtime()).isGreaterThanOrEqualTo(created.getMtime());
        assertThat(set.getCtime()).isEqualTo(created.getCtime());
        assertThat(zk.setData(path, null, -1).getDataLength()).isZero();
    }

    @AgainstEachServer
    void ephemeralOwnerIsTheCreatingSession(String kind) throws Exception {
        Client owner = connect(kind);
        Stat stat = new Stat();
        owner.zk().create(fresh("owner"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL, stat);
        assertThat(stat.getEphemeralOwner()).isEqualTo(owner.zk().getSessionId()).isNotZero();
    }

    @AgainstEachServer
    void everyWriteTakesTheNextZxid(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        Stat a = new Stat();
        String path = zk.create(fresh("zxid"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, a);
        Stat b = zk.setData(path, "1".getBytes(), -1);
        assertThat(b.getMzxid()).isEqualTo(a.getCzxid() + 1);
        // A failed write still consumes a zxid.
        assertFailsWith(org.apache.zookeeper.KeeperException.Code.BADVERSION, () -> zk.setData(path, "1".getBytes(), 9));
        Stat c = zk.setData(path, "2".getBytes(), -1);
        assertThat(c.getMzxid()).isEqualTo(b.getMzxid() + 2);
    }

    @AgainstEachServer
    void shownCversionCountsCreatesAndDeletesWhileSequenceNumbersCountCreates(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("cv"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (int i = 0; i < 3; i++) {
            zk.create(parent + "/n" + i, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        zk.delete(parent + "/n0", -1);
        zk.delete(parent + "/n1", -1);
        assertThat(zk.exists(parent, false).getCversion()).isEqualTo(5);
        assertThat(zk.create(parent + "/s", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL)).isEqualTo(parent + "/s0000000003");
        assertThat(zk.exists(parent, false).getCversion()).isEqualTo(6);
    }
}
