package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.session.SessionPasswords;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import io.paddock.core.wire.Stat;
import io.paddock.core.wire.WatchEventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTest {
    private final PeerDriver d = new PeerDriver();

    private static ClientRequest.Create create(String path, CreateMode mode) {
        return new ClientRequest.Create(OpCode.CREATE2, path, bytes(path), Acl.OPEN_ACL_UNSAFE, mode.flag());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Stat stat(long conn, String path) {
        int xid = d.send(conn, new ClientRequest.Exists(path, false));
        ClientResponse body = d.reply(conn, xid).body();
        return body == null ? null : ((ClientResponse.StatOnly) body).stat();
    }

    @Test
    void aNewSessionCostsOneZxidAndIsAnsweredOnlyAfterItIsDurable() {
        d.autoPersist = false;
        long conn = d.connect();
        assertThat(d.connectResponse(conn)).as("no ConnectResponse before the createSession txn is durable").isNull();
        d.persistAll();
        assertThat(d.connectResponse(conn).timeOut()).isEqualTo(4 * PeerDriver.TICK);
        assertThat(d.peer.lastProcessedZxid()).isEqualTo(1);
    }

    @Test
    void noWriteIsAcknowledgedOrVisibleBeforeItIsPersisted() {
        long writer = d.connect();
        long reader = d.connect();
        d.autoPersist = false;
        int createXid = d.send(writer, create("/a", CreateMode.PERSISTENT));
        int readBehindWrite = d.send(writer, new ClientRequest.Exists("/a", false));
        int otherRead = d.send(reader, new ClientRequest.Exists("/a", false));
        assertThat(d.reply(writer, createXid)).isNull();
        assertThat(d.reply(writer, readBehindWrite)).as("a read waits behind its connection's write").isNull();
        assertThat(d.reply(reader, otherRead).header().err()).as("others do not see undurable data").isEqualTo(ErrorCode.NO_NODE);
        d.persistAll();
        assertThat(d.reply(writer, createXid).header().err()).isZero();
        assertThat(d.reply(writer, readBehindWrite).header().err()).isZero();
        int createIdx = d.actions.indexOf(d.reply(writer, createXid));
        int readIdx = d.actions.indexOf(d.reply(writer, readBehindWrite));
        assertThat(createIdx).isLessThan(readIdx);
    }

    @Test
    void childCreatesAndDeletesBothShowInCversionAndPzxid() {
        long conn = d.connect();
        d.send(conn, create("/p", CreateMode.PERSISTENT));
        Stat before = stat(conn, "/p");
        d.send(conn, create("/p/c", CreateMode.PERSISTENT));
        Stat afterCreate = stat(conn, "/p");
        assertThat(afterCreate.cversion()).isEqualTo(before.cversion() + 1);
        assertThat(afterCreate.pzxid()).isEqualTo(stat(conn, "/p/c").czxid());
        assertThat(afterCreate.numChildren()).isEqualTo(1);
        d.send(conn, new ClientRequest.SetData("/p/c", bytes("x"), -1));
        assertThat(stat(conn, "/p")).as("a child's setData changes nothing on the parent").isEqualTo(afterCreate);
        d.send(conn, new ClientRequest.Delete("/p/c", -1));
        Stat afterDelete = stat(conn, "/p");
        assertThat(afterDelete.cversion()).as("shown cversion counts deletes too").isEqualTo(afterCreate.cversion() + 1);
        assertThat(afterDelete.pzxid()).isEqualTo(d.peer.lastProcessedZxid());
        assertThat(afterDelete.numChildren()).isZero();
    }

    @Test
    void sequentialNamesUseTheParentsCversion() {
        long conn = d.connect();
        d.send(conn, create("/q", CreateMode.PERSISTENT));
        d.send(conn, create("/q/x", CreateMode.PERSISTENT));
        d.send(conn, new ClientRequest.Delete("/q/x", -1));
        int xid = d.send(conn, create("/q/item-", CreateMode.PERSISTENT_SEQUENTIAL));
        assertThat(((ClientResponse.Create2) d.reply(conn, xid).body()).path())
                .as("the sequence counts creates only, not deletes").isEqualTo("/q/item-0000000001");
    }

    @Test
    void aFailedWriteStillConsumesAZxidAndItsReplyCarriesIt() {
        long conn = d.connect();
        d.send(conn, create("/a", CreateMode.PERSISTENT));
        long before = d.peer.lastProcessedZxid();
        int xid = d.send(conn, create("/a", CreateMode.PERSISTENT));
        Action.SendReply reply = d.reply(conn, xid);
        assertThat(reply.header().err()).isEqualTo(ErrorCode.NODE_EXISTS);
        assertThat(reply.header().zxid()).isEqualTo(before + 1);
        assertThat(reply.body()).isNull();
    }

    @Test
    void aFailedMultiChangesNothingAndReportsZxidPerOp() {
        long conn = d.connect();
        d.send(conn, create("/m", CreateMode.PERSISTENT));
        int xid = d.send(conn, new ClientRequest.Multi(OpCode.MULTI, List.of(
                create("/m/a", CreateMode.PERSISTENT),
                new ClientRequest.SetData("/m", bytes("v"), 7),
                create("/m/b", CreateMode.PERSISTENT))));
        Action.SendReply reply = d.reply(conn, xid);
        assertThat(reply.header().err()).as("a multi's reply is OK; the ops carry the errors").isZero();
        assertThat(((ClientResponse.Multi) reply.body()).results()).containsExactly(
                new ClientResponse.OpResult.Error(ErrorCode.OK),
                new ClientResponse.OpResult.Error(ErrorCode.BAD_VERSION),
                new ClientResponse.OpResult.Error(ErrorCode.RUNTIME_INCONSISTENCY));
        assertThat(stat(conn, "/m/a")).isNull();
        int again = d.send(conn, create("/m/a", CreateMode.PERSISTENT));
        assertThat(d.reply(conn, again).header().err()).as("rolled-back changes leave no trace").isZero();
    }

    @Test
    void aMultiSeesItsOwnEarlierOps() {
        long conn = d.connect();
        int xid = d.send(conn, new ClientRequest.Multi(OpCode.MULTI, List.of(
                create("/n", CreateMode.PERSISTENT),
                create("/n/child", CreateMode.PERSISTENT),
                new ClientRequest.Check("/n", 0),
                new ClientRequest.SetData("/n/child", bytes("v"), 0))));
        List<ClientResponse.OpResult> results = ((ClientResponse.Multi) d.reply(conn, xid).body()).results();
        assertThat(results).hasSize(4);
        assertThat(results.get(2)).isInstanceOf(ClientResponse.OpResult.Check.class);
        Stat child = ((ClientResponse.OpResult.SetData) results.get(3)).stat();
        assertThat(child.version()).isEqualTo(1);
        assertThat(child.czxid()).as("all ops of a multi share one zxid").isEqualTo(child.mzxid());
    }

    @Test
    void sessionExpiryDeletesEphemeralsAndFiresWatchesOnOthers() {
        long owner = d.connect();
        long watcher = d.connect();
        d.send(owner, create("/e", CreateMode.EPHEMERAL));
        d.send(watcher, new ClientRequest.Exists("/e", true));
        d.tick(3);
        assertThat(stat(watcher, "/e")).as("alive while within its timeout").isNotNull();
        d.tick(3); // the watcher's pings keep it alive; the owner sends nothing
        d.send(watcher, new ClientRequest.Ping());
        d.tick(1);
        assertThat(stat(watcher, "/e")).isNull();
        assertThat(d.closed(owner)).isTrue();
        assertThat(d.events(watcher)).extracting(e -> e.event().type()).containsExactly(WatchEventType.NODE_DELETED);
    }

    @Test
    void aClientThatHasSeenANewerZxidIsRefusedWithoutAnAnswer() {
        long conn = d.openRaw();
        d.step(new Event.ConnectReceived(conn, new ConnectRequest(0, 42, 4000, 0, new byte[16], false, true), d.now));
        assertThat(d.connectResponse(conn)).isNull();
        assertThat(d.closed(conn)).isTrue();
        assertThat(d.peer.sessionCount()).isZero();
    }

    @Test
    void reconnectKeepsTheSessionAndAWrongPasswordGetsExpired() {
        long first = d.connect();
        long sessionId = d.connectResponse(first).sessionId();
        d.send(first, create("/mine", CreateMode.EPHEMERAL));
        long second = d.openRaw();
        d.step(new Event.ConnectReceived(second, new ConnectRequest(0, d.peer.lastProcessedZxid(), 4000, sessionId,
                SessionPasswords.of(sessionId), false, true), d.now));
        assertThat(d.connectResponse(second).sessionId()).isEqualTo(sessionId);
        assertThat(d.closed(first)).as("the old connection of a resumed session is closed").isTrue();
        long third = d.openRaw();
        d.step(new Event.ConnectReceived(third, new ConnectRequest(0, 0, 4000, sessionId, new byte[16], false, true), d.now));
        assertThat(d.connectResponse(third).sessionId()).isZero();
        assertThat(d.connectResponse(third).timeOut()).isZero();
        assertThat(d.closed(third)).isTrue();
        assertThat(d.peer.ephemeralsBySession().get(sessionId)).as("the session and its ephemeral live on")
                .containsExactly("/mine");
    }

    @Test
    void negotiatedTimeoutIsClampedToTwoAndTwentyTicks() {
        long low = d.openRaw();
        d.step(new Event.ConnectReceived(low, new ConnectRequest(0, 0, 1, 0, new byte[16], false, true), d.now));
        long high = d.openRaw();
        d.step(new Event.ConnectReceived(high, new ConnectRequest(0, 0, 1_000_000, 0, new byte[16], false, true), d.now));
        assertThat(d.connectResponse(low).timeOut()).isEqualTo(2 * PeerDriver.TICK);
        assertThat(d.connectResponse(high).timeOut()).isEqualTo(20 * PeerDriver.TICK);
    }

    @Test
    void aclsAreEnforcedAndDigestAuthGrantsAccess() {
        long alice = d.connect();
        d.send(alice, new ClientRequest.Auth(0, "digest", bytes("alice:secret")));
        String id = io.paddock.core.tree.AccessControl.digest("alice:secret");
        int xid = d.send(alice, new ClientRequest.Create(OpCode.CREATE, "/private", bytes("s"),
                List.of(new Acl(Perms.ALL, new Id("auth", ""))), 0));
        assertThat(d.reply(alice, xid).header().err()).isZero();
        long mallory = d.connect();
        int denied = d.send(mallory, new ClientRequest.GetData("/private", false));
        assertThat(d.reply(mallory, denied).header().err()).isEqualTo(ErrorCode.NO_AUTH);
        int acl = d.send(mallory, new ClientRequest.GetAcl("/private"));
        assertThat(d.reply(mallory, acl).header().err()).isEqualTo(ErrorCode.NO_AUTH);
        int read = d.send(alice, new ClientRequest.GetAcl("/private"));
        assertThat(((ClientResponse.GetAcl) d.reply(alice, read).body()).acl())
                .containsExactly(new Acl(Perms.ALL, new Id("digest", id)));
    }

    @Test
    void authSchemeWithoutProviderFailsAndCloses() {
        long conn = d.connect();
        int xid = d.send(conn, new ClientRequest.Auth(0, "kerberos", bytes("x")));
        assertThat(d.reply(conn, xid).header().err()).isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(d.closed(conn)).isTrue();
    }

    @Test
    void emptyContainersThatHadChildrenAreCollected() {
        long conn = d.connect();
        d.send(conn, new ClientRequest.Create(OpCode.CREATE_CONTAINER, "/c", null, Acl.OPEN_ACL_UNSAFE,
                CreateMode.CONTAINER.flag()));
        d.tick(3);
        assertThat(stat(conn, "/c")).as("a never-used container stays").isNotNull();
        d.send(conn, create("/c/x", CreateMode.PERSISTENT));
        d.send(conn, new ClientRequest.Delete("/c/x", -1));
        d.tick(2);
        assertThat(stat(conn, "/c")).isNull();
    }

    @Test
    void unknownOpcodeIsUnimplementedThenClosed() {
        long conn = d.connect();
        d.step(new Event.RequestUndecodable(conn, new io.paddock.core.wire.RequestHeader(9, 77), true, "unknown"));
        assertThat(d.reply(conn, 9).header().err()).isEqualTo(ErrorCode.UNIMPLEMENTED);
        assertThat(d.closed(conn)).isTrue();
    }

    @Test
    void standaloneReconfigIsDisabledOrUnimplementedAndStillCostsAZxid() {
        long conn = d.connect();
        long before = d.peer.lastProcessedZxid();
        int xid = d.send(conn, new ClientRequest.Reconfig(null, null, "server.1=localhost:2888:3888", -1));
        assertThat(d.reply(conn, xid).header().err()).isEqualTo(ErrorCode.RECONFIG_DISABLED);
        assertThat(d.reply(conn, xid).header().zxid()).isEqualTo(before + 1);

        PeerDriver enabled = new PeerDriver(new CoreConfig(0, PeerDriver.TICK, 200, 2000, null, true, 100, 0xfffff, true));
        long c = enabled.connect();
        int x = enabled.send(c, new ClientRequest.Reconfig(null, null, "server.1=localhost:2888:3888", -1));
        assertThat(enabled.reply(c, x).header().err()).isEqualTo(ErrorCode.UNIMPLEMENTED);
    }

    @Test
    void aResumeWithAWrongPasswordStillDropsTheSessionsCurrentConnection() {
        long owner = d.connect();
        long sessionId = d.connectResponse(owner).sessionId();
        long intruder = d.openRaw();
        d.step(new Event.ConnectReceived(intruder, new ConnectRequest(0, 0, 4000, sessionId, new byte[16], false, true), d.now));
        assertThat(d.connectResponse(intruder).sessionId()).isZero();
        assertThat(d.closed(owner)).as("as in ZooKeeper, the live connection is closed before the password check").isTrue();
        assertThat(d.peer.sessionCount()).as("the session itself survives").isEqualTo(1);
    }
}
