package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paddock.compat.support.AgainstEachServer;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.OpResult.CheckResult;
import org.apache.zookeeper.OpResult.CreateResult;
import org.apache.zookeeper.OpResult.DeleteResult;
import org.apache.zookeeper.OpResult.ErrorResult;
import org.apache.zookeeper.OpResult.GetChildrenResult;
import org.apache.zookeeper.OpResult.GetDataResult;
import org.apache.zookeeper.OpResult.SetDataResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** multi (atomic writes, check) and multiRead (independent reads). */
class MultiTest extends ClientTestBase {

    @AgainstEachServer
    void successfulMultiAppliesEveryOpUnderOneZxid(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multi"), "d".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<OpResult> results = zk.multi(List.of(
                Op.create(base + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(base + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData(base, "e".getBytes(), 0),
                Op.check(base, 1),
                Op.delete(base + "/a", -1),
                Op.create(base + "/c", null, CreateOptions.newBuilder(Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT).build())));
        assertThat(results).hasSize(6);
        // Plain create answers only the path; the create2 form also the Stat.
        assertThat(results.get(0)).isEqualTo(new CreateResult(base + "/a"));
        assertThat(results.get(1)).isEqualTo(new CreateResult(base + "/b0000000001"));
        Stat set = ((SetDataResult) results.get(2)).getStat();
        assertThat(results.get(3)).isInstanceOf(CheckResult.class);
        assertThat(results.get(4)).isInstanceOf(DeleteResult.class);
        Stat created = ((CreateResult) results.get(5)).getStat();
        assertThat(((CreateResult) results.get(5)).getPath()).isEqualTo(base + "/c");
        assertThat(created.getCzxid()).isEqualTo(set.getMzxid());
        Stat parent = zk.exists(base, false);
        assertThat(parent.getPzxid()).isEqualTo(set.getMzxid());
        assertThat(parent.getVersion()).isEqualTo(1);
        assertThat(parent.getNumChildren()).isEqualTo(2);
        assertThat(zk.getChildren(base, false)).containsExactlyInAnyOrder("b0000000001", "c");
    }

    @AgainstEachServer
    void failedMultiReportsOkBeforeTheFailureAndRuntimeInconsistencyAfter(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multifail"), "d".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists(base, false);
        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.create(base + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData(base, "e".getBytes(), -1),
                Op.check(base, 7),
                Op.delete(base + "/missing", -1),
                Op.setData(base, "f".getBytes(), -1))));
        assertThat(failure.code()).isEqualTo(Code.BADVERSION);
        assertThat(failure.getResults()).containsExactly(
                new ErrorResult(0), new ErrorResult(0), new ErrorResult(Code.BADVERSION.intValue()),
                new ErrorResult(Code.RUNTIMEINCONSISTENCY.intValue()), new ErrorResult(Code.RUNTIMEINCONSISTENCY.intValue()));
        assertThat(zk.exists(base, false)).isEqualTo(before);
        assertThat(zk.exists(base + "/c", false)).isNull();
    }

    @AgainstEachServer
    void multiFailingOnItsFirstOpMarksAllTheRestInconsistent(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multifirst"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.delete(base + "/missing", -1),
                Op.create(base + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        assertThat(failure.code()).isEqualTo(Code.NONODE);
        assertThat(failure.getResults()).containsExactly(
                new ErrorResult(Code.NONODE.intValue()), new ErrorResult(Code.RUNTIMEINCONSISTENCY.intValue()));
    }

    @AgainstEachServer
    void opsInsideAMultiSeeTheEffectsOfEarlierOps(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multiseq"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<OpResult> results = zk.multi(List.of(
                Op.create(base + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(base + "/x/y", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData(base + "/x/y", "1".getBytes(), 0),
                Op.check(base + "/x/y", 1),
                Op.delete(base + "/x/y", 1),
                Op.delete(base + "/x", 0)));
        assertThat(results).hasSize(6);
        assertThat(zk.getChildren(base, false)).isEmpty();
        // A node created and deleted in one multi still counts as two child changes.
        assertThat(zk.exists(base, false).getCversion()).isEqualTo(2);
        KeeperException dup = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.create(base + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(base + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        assertThat(dup.getResults()).containsExactly(new ErrorResult(0), new ErrorResult(Code.NODEEXISTS.intValue()));
    }

    @AgainstEachServer
    void multiReadAnswersEachOpOnItsOwnIncludingFailures(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multiread"), "v".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(base + "/k", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<OpResult> results = zk.multi(List.of(
                Op.getData(base), Op.getChildren(base + "/missing"), Op.getChildren(base), Op.getData(base + "/missing")));
        assertThat(results).hasSize(4);
        GetDataResult data = (GetDataResult) results.get(0);
        assertThat(data.getData()).isEqualTo("v".getBytes());
        assertThat(data.getStat()).isEqualTo(zk.exists(base, false));
        assertThat(results.get(1)).isEqualTo(new ErrorResult(Code.NONODE.intValue()));
        assertThat(((GetChildrenResult) results.get(2)).getChildren()).containsExactly("k");
        assertThat(results.get(3)).isEqualTo(new ErrorResult(Code.NONODE.intValue()));
    }

    @AgainstEachServer
    void multiCreatesContainerAndTtlNodes(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multikinds"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<OpResult> results = zk.multi(List.of(
                Op.create(base + "/container", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER),
                Op.create(base + "/ttl", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 100_000)));
        // Both travel as create2-style ops and answer with a Stat.
        assertThat(((CreateResult) results.get(0)).getStat()).isEqualTo(zk.exists(base + "/container", false));
        assertThat(((CreateResult) results.get(1)).getStat()).isEqualTo(zk.exists(base + "/ttl", false));
    }

    @AgainstEachServer
    void multiWithNoAuthFailsAtomically(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("multiauth"), null,
                java.util.Arrays.asList(new org.apache.zookeeper.data.ACL(org.apache.zookeeper.ZooDefs.Perms.READ, Ids.ANYONE_ID_UNSAFE)),
                CreateMode.PERSISTENT);
        String other = zk.create(fresh("multiok"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        KeeperException failure = catchThrowableOfType(KeeperException.class, () -> zk.multi(List.of(
                Op.setData(other, "x".getBytes(), -1),
                Op.create(base + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        assertThat(failure.code()).isEqualTo(Code.NOAUTH);
        assertThat(failure.getResults()).containsExactly(new ErrorResult(0), new ErrorResult(Code.NOAUTH.intValue()));
        assertThat(zk.exists(other, false).getVersion()).isZero();
    }
}
