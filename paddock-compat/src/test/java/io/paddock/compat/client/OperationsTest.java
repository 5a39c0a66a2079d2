package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.Clients.Client;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;

/** The remaining single opcodes: delete, exists, getData, setData, ACLs, children, sync, ephemerals, whoAmI, reconfig. */
class OperationsTest extends ClientTestBase {

    @AgainstEachServer
    void setDataBumpsVersionAndHonoursExpectedVersion(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("set"), "a".getBytes(), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat first = zk.setData(path, "bb".getBytes(), 0);
        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getDataLength()).isEqualTo(2);
        assertThat(first.getMzxid()).isGreaterThan(first.getCzxid());
        Stat second = zk.setData(path, "ccc".getBytes(), -1);
        assertThat(second.getVersion()).isEqualTo(2);
        assertFailsWith(Code.BADVERSION, () -> zk.setData(path, "x".getBytes(), 1));
        Stat read = new Stat();
        assertThat(zk.getData(path, false, read)).isEqualTo("ccc".getBytes());
        assertThat(read).isEqualTo(second);
    }

    @AgainstEachServer
    void deleteHonoursExpectedVersion(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("del"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData(path, "x".getBytes(), -1);
        assertFailsWith(Code.BADVERSION, () -> zk.delete(path, 0));
        zk.delete(path, 1);
        assertThat(zk.exists(path, false)).isNull();
        assertFailsWith(Code.NONODE, () -> zk.delete(path, -1));
    }

    @AgainstEachServer
    void aclsAreReadAndReplacedWithAversion(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("acl"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        assertThat(zk.getACL(path, stat)).containsExactlyElementsOf(Ids.OPEN_ACL_UNSAFE);
        assertThat(stat.getAversion()).isZero();
        List<ACL> readOnly = java.util.Arrays.asList(new ACL(Perms.READ | Perms.ADMIN, Ids.ANYONE_ID_UNSAFE));
        Stat after = zk.setACL(path, readOnly, 0);
        assertThat(after.getAversion()).isEqualTo(1);
        assertThat(after.getVersion()).isZero();
        assertThat(after.getMzxid()).isEqualTo(after.getCzxid());
        assertFailsWith(Code.BADVERSION, () -> zk.setACL(path, Ids.OPEN_ACL_UNSAFE, 0));
        assertThat(zk.getACL(path, stat)).containsExactlyElementsOf(readOnly);
        assertFailsWith(Code.NOAUTH, () -> zk.setData(path, "x".getBytes(), -1));
        // Permission bits beyond ALL are stored and returned as given.
        String odd = zk.create(fresh("acl99"), null, java.util.Arrays.asList(new ACL(99, Ids.ANYONE_ID_UNSAFE)), CreateMode.PERSISTENT);
        assertThat(zk.getACL(odd, null)).containsExactly(new ACL(99, Ids.ANYONE_ID_UNSAFE));
    }

    @AgainstEachServer
    void getChildrenWithAndWithoutStat(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = zk.create(fresh("kids"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(zk.getChildren(path, false)).isEmpty();
        for (String name : List.of("b", "a", "c")) {
            zk.create(path + "/" + name, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        Stat stat = new Stat();
        assertThat(zk.getChildren(path, false, stat)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(stat).isEqualTo(zk.exists(path, false));
        assertThat(stat.getNumChildren()).isEqualTo(3);
        assertFailsWith(Code.NONODE, () -> zk.getChildren(path + "/none", false, new Stat()));
    }

    @AgainstEachServer
    void syncAnswersWithThePathEvenForAMissingNode(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("sync");
        CompletableFuture<String> done = new CompletableFuture<>();
        zk.sync(path, (rc, p, ctx) -> done.complete(rc + " " + p), null);
        assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo("0 " + path);
    }

    @AgainstEachServer
    void getEphemeralsListsOnlyThisSessionsNodesFilteredByPrefix(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        ZooKeeper other = connect(kind).zk();
        String base = zk.create(fresh("eph"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(base + "/one", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        String seq = zk.create(base + "/two-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        other.create(base + "/theirs", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertThat(zk.getEphemerals()).containsExactlyInAnyOrder(base + "/one", seq);
        assertThat(zk.getEphemerals("/")).containsExactlyInAnyOrder(base + "/one", seq);
        assertThat(zk.getEphemerals(base + "/tw")).containsExactly(seq);
        assertThat(zk.getEphemerals(base + "/none")).isEmpty();
        assertThat(other.getEphemerals()).containsExactly(base + "/theirs");
    }

    @AgainstEachServer
    void getAllChildrenNumberCountsEveryDescendant(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String base = zk.create(fresh("count"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(zk.getAllChildrenNumber(base)).isZero();
        zk.create(base + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(base + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(base + "/a/b/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(base + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertThat(zk.getAllChildrenNumber(base)).isEqualTo(4);
        assertThat(zk.getAllChildrenNumber(base + "/a")).isEqualTo(2);
        assertFailsWith(Code.NONODE, () -> zk.getAllChildrenNumber(base + "/none"));
    }

    @AgainstEachServer
    void whoAmIListsDigestIdentitiesInOrderThenTheIp(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        assertThat(zk.whoAmI()).containsExactly(new ClientInfo("ip", "127.0.0.1"));
        zk.addAuthInfo("digest", "alice:secret".getBytes());
        zk.addAuthInfo("digest", "bob:pw".getBytes());
        assertThat(zk.whoAmI()).containsExactly(
                new ClientInfo("digest", "alice"), new ClientInfo("digest", "bob"), new ClientInfo("ip", "127.0.0.1"));
    }

    @AgainstEachServer
    void reconfigOnAStandaloneServerIsDisabled(String kind) throws Exception {
        ZooKeeperAdmin admin = pool.track(new AdminClient(server(kind).connectString())).admin;
        assertFailsWith(Code.RECONFIGDISABLED,
                () -> admin.reconfigure("server.5=127.0.0.1:1234:1235;1236", null, null, -1, null));
        assertFailsWith(Code.RECONFIGDISABLED, () -> admin.reconfigure((String) null, null, null, -1, null));
    }

    @AgainstEachServer
    void aclWithAnInvalidIdIsRejected(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String path = fresh("badacl");
        for (Id id : List.of(new Id("ip", "notanip"), new Id("nosuch", "x"), new Id("digest", "nocolon"), new Id("world", "someone"))) {
            assertFailsWith(Code.INVALIDACL, () -> zk.create(path, null, java.util.Arrays.asList(new ACL(Perms.ALL, id)), CreateMode.PERSISTENT));
        }
        // The auth scheme needs an authenticated identity to expand into.
        assertFailsWith(Code.INVALIDACL, () -> zk.create(path, null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        String made = zk.create(fresh("okacl"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertFailsWith(Code.INVALIDACL, () -> zk.setACL(made, Ids.CREATOR_ALL_ACL, -1));
        assertThat(zk.exists(path, false)).isNull();
    }

    @AgainstEachServer
    void digestAuthGrantsAccessToDigestAndAuthAcls(String kind) throws Exception {
        Client alice = connect(kind);
        alice.zk().addAuthInfo("digest", "alice:secret".getBytes());
        String path = alice.zk().create(fresh("mine"), "s".getBytes(), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        assertThat(alice.zk().getACL(path, null)).containsExactly(
                new ACL(Perms.ALL, new Id("digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=")));
        assertThat(alice.zk().getData(path, false, null)).isEqualTo("s".getBytes());
        ZooKeeper stranger = connect(kind).zk();
        assertFailsWith(Code.NOAUTH, () -> stranger.getData(path, false, null));
        assertFailsWith(Code.NOAUTH, () -> stranger.setData(path, null, -1));
        assertFailsWith(Code.NOAUTH, () -> stranger.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertFailsWith(Code.NOAUTH, () -> stranger.setACL(path, Ids.OPEN_ACL_UNSAFE, -1));
        // exists needs READ on an existing node, getACL needs READ or ADMIN.
        assertFailsWith(Code.NOAUTH, () -> stranger.exists(path, false));
        assertFailsWith(Code.NOAUTH, () -> stranger.getACL(path, null));
        assertThat(stranger.exists(path + "/none", false)).isNull();
        ZooKeeper again = connect(kind).zk();
        again.addAuthInfo("digest", "alice:secret".getBytes());
        assertThat(again.getData(path, false, null)).isEqualTo("s".getBytes());
        ZooKeeper wrong = connect(kind).zk();
        wrong.addAuthInfo("digest", "alice:wrong".getBytes());
        assertFailsWith(Code.NOAUTH, () -> wrong.getData(path, false, null));
    }

    @AgainstEachServer
    void getAclWithoutAdminHidesDigestHashes(String kind) throws Exception {
        ZooKeeper alice = connect(kind).zk();
        alice.addAuthInfo("digest", "alice:secret".getBytes());
        ACL owner = new ACL(Perms.ALL, new Id("digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="));
        ACL readers = new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE);
        String path = alice.create(fresh("redact"), null, java.util.Arrays.asList(owner, readers), CreateMode.PERSISTENT);
        assertThat(alice.getACL(path, null)).containsExactly(owner, readers);
        ZooKeeper stranger = connect(kind).zk();
        assertThat(stranger.getACL(path, null)).containsExactly(new ACL(Perms.ALL, new Id("digest", "alice:x")), readers);
    }

    @AgainstEachServer
    void deleteNeedsDeleteOnTheParentNotTheChild(String kind) throws Exception {
        ZooKeeper zk = connect(kind).zk();
        String parent = zk.create(fresh("nodelete"), null,
                java.util.Arrays.asList(new ACL(Perms.ALL & ~Perms.DELETE, Ids.ANYONE_ID_UNSAFE)), CreateMode.PERSISTENT);
        String child = zk.create(parent + "/c", null, java.util.Arrays.asList(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE)), CreateMode.PERSISTENT);
        assertFailsWith(Code.NOAUTH, () -> zk.delete(child, -1));
        zk.setACL(parent, Ids.OPEN_ACL_UNSAFE, -1);
        zk.delete(child, -1);
        assertThat(zk.exists(child, false)).isNull();
    }

    @AgainstEachServer
    void unknownAuthSchemeFailsTheSession(String kind) throws Exception {
        Client client = connect(kind);
        client.zk().addAuthInfo("nosuchscheme", "x".getBytes());
        client.events().awaitState(org.apache.zookeeper.Watcher.Event.KeeperState.AuthFailed);
        assertFailsWith(Code.AUTHFAILED, () -> client.zk().exists("/", false));
        assertThat(client.zk().getState()).isEqualTo(ZooKeeper.States.AUTH_FAILED);
    }

    /** ZooKeeperAdmin.close throws InterruptedException; wrap it for the pool. */
    private static final class AdminClient implements AutoCloseable {
        final ZooKeeperAdmin admin;

        AdminClient(String connectString) throws java.io.IOException {
            this.admin = new ZooKeeperAdmin(connectString, 4000, e -> { });
        }

        @Override
        public void close() {
            try {
                admin.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
