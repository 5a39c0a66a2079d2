package io.paddock.compat.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.Clients;
import io.paddock.compat.support.Clients.Client;
import io.paddock.compat.support.ServerPool;
import io.paddock.compat.support.ServerUnderTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;

/**
 * Which requests take a zxid on a fresh server. The differential transcripts compare raw zxids, which is only
 * meaningful because these rules hold identically on both servers.
 */
class ZxidAccountingTest {
    private final ServerPool pool = new ServerPool();

    @AfterEach
    void close() {
        pool.close();
    }

    private static long createAndGetCzxid(ZooKeeper zk, String path) throws Exception {
        Stat stat = new Stat();
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
        return stat.getCzxid();
    }

    @AgainstEachServer
    void sessionsAndEveryWriteTakeAZxidEvenWhenTheyFail(String kind) throws Exception {
        ServerUnderTest server = pool.freshServer(kind);
        Client first = pool.track(Clients.connect(server.connectString()));
        ZooKeeper zk = first.zk();
        // zxid 1 was createSession.
        assertThat(createAndGetCzxid(zk, "/a")).isEqualTo(2);
        zk.getData("/a", false, null);
        zk.exists("/none", false);
        zk.getChildren("/", false);
        assertThat(createAndGetCzxid(zk, "/b")).as("reads take no zxid").isEqualTo(3);
        expectFailure(() -> zk.setData("/a", null, 42));
        expectFailure(() -> zk.create("/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        expectFailure(() -> zk.delete("/none", -1));
        expectFailure(() -> zk.setACL("/none", Ids.OPEN_ACL_UNSAFE, -1));
        expectFailure(() -> zk.multi(List.of(Op.check("/a", 9))));
        assertThat(createAndGetCzxid(zk, "/c")).as("five failed writes").isEqualTo(9);
        Client second = pool.track(Clients.connect(server.connectString()));
        assertThat(createAndGetCzxid(zk, "/d")).as("createSession").isEqualTo(11);
        second.close();
        assertThat(createAndGetCzxid(zk, "/e")).as("closeSession").isEqualTo(13);
        CompletableFuture<Integer> synced = new CompletableFuture<>();
        zk.sync("/", (rc, path, ctx) -> synced.complete(rc), null);
        assertThat(synced.get(10, TimeUnit.SECONDS)).isZero();
        zk.multi(List.of(Op.getData("/a")));
        assertThat(createAndGetCzxid(zk, "/f")).as("sync and multiRead take none").isEqualTo(14);
        zk.multi(List.of(Op.create("/h", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/i", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));
        assertThat(zk.exists("/h", false).getCzxid()).isEqualTo(15);
        assertThat(zk.exists("/i", false).getCzxid()).as("one zxid per multi").isEqualTo(15);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void expectFailure(Call call) throws Exception {
        try {
            call.run();
            throw new AssertionError("expected a KeeperException");
        } catch (KeeperException expected) {
            // The failure itself is checked elsewhere; here only its zxid matters.
        }
    }
}
