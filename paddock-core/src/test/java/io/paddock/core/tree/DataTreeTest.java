package io.paddock.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import io.paddock.core.wire.Stat;
import io.paddock.core.wire.WatchEventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** DataTree.apply for every txn kind, with ZooKeeper 3.9's Stat rules. */
class DataTreeTest {
    private static final long SESSION = 0x0100000000000042L;
    private static final long TIME = 1_700_000_000_000L;
    private final DataTree tree = new DataTree();
    private final List<WatchTrigger> triggers = new ArrayList<>();
    private long zxid;

    private TxnResult apply(Txn txn) {
        return apply(++zxid, SESSION, txn);
    }

    private TxnResult apply(long atZxid, long session, Txn txn) {
        triggers.clear();
        return tree.apply(new TxnHeader(session, 7, atZxid, TIME + atZxid, txn.type()), txn, triggers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Txn.Create create(String path, String data) {
        return new Txn.Create(OpCode.CREATE, path, bytes(data), Acl.OPEN_ACL_UNSAFE, false, -1);
    }

    private static Txn.Create ephemeral(String path) {
        return new Txn.Create(OpCode.CREATE2, path, bytes("e"), Acl.OPEN_ACL_UNSAFE, true, -1);
    }

    private Stat stat(String path) {
        return tree.statOf(path);
    }

    /** Every path's Stat and data, for "nothing changed" checks. */
    private Map<String, String> snapshot() {
        Map<String, String> all = new TreeMap<>();
        List<String> pending = new ArrayList<>(List.of("/"));
        while (!pending.isEmpty()) {
            String path = pending.remove(pending.size() - 1);
            DataNode node = tree.get(path);
            all.put(path, node.stat() + " " + new String(node.data() == null ? new byte[0] : node.data(),
                    StandardCharsets.UTF_8) + " " + node.acl());
            for (String child : node.children()) {
                pending.add("/".equals(path) ? "/" + child : path + "/" + child);
            }
        }
        all.put("#size", Long.toString(tree.approximateDataSize()));
        all.put("#count", Integer.toString(tree.nodeCount()));
        all.put("#ephemerals", tree.ephemerals().toString());
        all.put("#containers", tree.containers().toString());
        all.put("#ttls", tree.ttls().toString());
        return all;
    }

    // ---- the initial tree ----

    @Test
    void aNewTreeHasZooKeepersSystemNodes() {
        assertThat(tree.get("/").children()).containsExactly("zookeeper");
        assertThat(tree.get("/zookeeper").children()).containsExactlyInAnyOrder("quota", "config");
        assertThat(tree.get("")).as("the root's alias").isSameAs(tree.get("/"));
        assertThat(tree.nodeCount()).as("ZooKeeper counts the alias too").isEqualTo(5);
        assertThat(tree.get(DataTree.CONFIG).acl()).isEqualTo(Acl.READ_ACL_UNSAFE);
        assertThat(tree.get(DataTree.CONFIG).aversion()).isEqualTo(-1);
        // Clients see cversion as creates plus deletes (2 * stored - children): -1 for the root, as ZooKeeper shows.
        assertThat(stat("/")).isEqualTo(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0));
        assertThat(tree.get("/").cversion()).isZero();
        assertThat(tree.lastProcessedZxid()).isZero();
        // "" + "/" + "/zookeeper" + "/zookeeper/quota" + "/zookeeper/config", all without data: ZooKeeper says 44.
        assertThat(tree.approximateDataSize()).isEqualTo(44);
    }

    @Test
    void specialPaths() {
        assertThat(List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config")).allMatch(DataTree::isSpecialPath);
        assertThat(DataTree.isSpecialPath("/zookeeper/other")).isFalse();
        assertThat(DataTree.isSpecialPath("/zoo")).isFalse();
    }

    // ---- create ----

    @Test
    void createSetsTheNodesStatAndBumpsTheParentsCversionAndPzxid() {
        apply(create("/a", "hello"));
        TxnResult r = apply(create("/a/b", "xy"));
        assertThat(r.err()).isZero();
        assertThat(r.type()).isEqualTo(OpCode.CREATE);
        assertThat(r.path()).isEqualTo("/a/b");
        assertThat(r.stat()).isEqualTo(new Stat(2, 2, TIME + 2, TIME + 2, 0, 0, 0, 0, 2, 0, 2));
        Stat parent = stat("/a");
        assertThat(parent.cversion()).isEqualTo(1);
        assertThat(parent.pzxid()).isEqualTo(2);
        assertThat(parent.mzxid()).as("a child does not modify the parent's data").isEqualTo(1);
        assertThat(parent.numChildren()).isEqualTo(1);
        assertThat(tree.lastProcessedZxid()).isEqualTo(2);
        assertThat(triggers).containsExactly(
                new WatchTrigger("/a/b", WatchEventType.NODE_CREATED, Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/a", WatchEventType.NODE_CHILDREN_CHANGED, Acl.OPEN_ACL_UNSAFE));
    }

    @Test
    void aTopLevelCreateFiresTheRootsChildWatchOnSlash() {
        apply(create("/top", ""));
        assertThat(triggers).extracting(WatchTrigger::path).containsExactly("/top", "/");
        assertThat(tree.get("/").cversion()).isEqualTo(1);
        assertThat(stat("/").numChildren()).isEqualTo(2);
    }

    @Test
    void theTxnsParentCversionIsWhatTheParentGets() {
        apply(create("/p", ""));
        apply(new Txn.Create(OpCode.CREATE, "/p/x", null, Acl.OPEN_ACL_UNSAFE, false, 5));
        assertThat(tree.get("/p").cversion()).isEqualTo(5);
        assertThat(stat("/p").pzxid()).isEqualTo(2);
        // A replayed create whose parentCVersion is behind the parent's leaves cversion and pzxid alone.
        apply(new Txn.Create(OpCode.CREATE, "/p/y", null, Acl.OPEN_ACL_UNSAFE, false, 3));
        assertThat(tree.get("/p").cversion()).isEqualTo(5);
        assertThat(stat("/p").pzxid()).isEqualTo(2);
        assertThat(stat("/p").numChildren()).isEqualTo(2);
    }

    @Test
    void createWithoutParentIsNoNodeAndChangesNothingButTheZxid() {
        Map<String, String> before = snapshot();
        TxnResult r = apply(create("/missing/child", "x"));
        assertThat(r.err()).isEqualTo(ErrorCode.NO_NODE);
        assertThat(r.type()).isEqualTo(OpCode.ERROR);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(triggers).isEmpty();
        assertThat(tree.lastProcessedZxid()).isEqualTo(1);
    }

    @Test
    void replayedCreateOfAnExistingNodeMovesTheParentsCversionForward() {
        apply(create("/p", ""));
        apply(create("/p/c", "first"));
        Stat existing = stat("/p/c");
        TxnResult r = apply(10, SESSION, new Txn.Create(OpCode.CREATE, "/p/c", bytes("second"), Acl.READ_ACL_UNSAFE,
                false, 4));
        assertThat(r.err()).isEqualTo(ErrorCode.NODE_EXISTS);
        assertThat(tree.get("/p").cversion()).isEqualTo(4);
        assertThat(stat("/p").pzxid()).isEqualTo(10);
        assertThat(stat("/p").numChildren()).isEqualTo(1);
        assertThat(stat("/p/c")).as("the existing node is untouched").isEqualTo(existing);
        assertThat(tree.get("/p/c").data()).isEqualTo(bytes("first"));
        assertThat(triggers).isEmpty();
        // and a NodeExists whose parentCVersion is not ahead changes nothing
        apply(11, SESSION, new Txn.Create(OpCode.CREATE, "/p/c", null, Acl.OPEN_ACL_UNSAFE, false, 2));
        assertThat(tree.get("/p").cversion()).isEqualTo(4);
        assertThat(stat("/p").pzxid()).isEqualTo(10);
        assertThat(tree.lastProcessedZxid()).isEqualTo(11);
    }

    @Test
    void ephemeralContainerAndTtlNodesAreIndexed() {
        apply(ephemeral("/e"));
        apply(new Txn.CreateContainer("/c", null, Acl.OPEN_ACL_UNSAFE, -1));
        TxnResult ttl = apply(new Txn.CreateTtl("/t", bytes("t"), Acl.OPEN_ACL_UNSAFE, -1, 5000));
        assertThat(tree.ephemeralsOf(SESSION)).containsExactly("/e");
        assertThat(stat("/e").ephemeralOwner()).isEqualTo(SESSION);
        assertThat(tree.containers()).containsExactly("/c");
        assertThat(tree.get("/c").ephemeralOwner()).isEqualTo(EphemeralOwner.CONTAINER);
        assertThat(stat("/c").ephemeralOwner()).as("clients do not see the container marker").isZero();
        assertThat(tree.ttls()).containsExactly("/t");
        assertThat(ttl.type()).isEqualTo(OpCode.CREATE_TTL);
        assertThat(tree.get("/t").ephemeralOwner()).isEqualTo(EphemeralOwner.ttl(5000));
        assertThat(ttl.stat().ephemeralOwner()).as("nor the TTL encoding").isZero();
        assertThat(tree.ephemerals()).containsOnlyKeys(SESSION);
        assertThat(tree.ephemeralsOf(12345)).isEmpty();
    }

    // ---- delete ----

    @Test
    void deleteBumpsOnlyTheParentsPzxid() {
        apply(create("/p", ""));
        apply(create("/p/c", "data"));
        Stat before = stat("/p");
        int storedBefore = tree.get("/p").cversion();
        TxnResult r = apply(new Txn.Delete(OpCode.DELETE, "/p/c"));
        assertThat(r.err()).isZero();
        assertThat(r.type()).isEqualTo(OpCode.DELETE);
        assertThat(stat("/p/c")).isNull();
        Stat after = stat("/p");
        assertThat(tree.get("/p").cversion()).as("the stored counter (sequence numbers) stays").isEqualTo(storedBefore);
        assertThat(after.cversion()).as("clients see the delete counted, as in ZooKeeper").isEqualTo(before.cversion() + 1)
                .isEqualTo(2);
        assertThat(after.pzxid()).isEqualTo(3);
        assertThat(after.numChildren()).isZero();
        assertThat(triggers).containsExactly(
                new WatchTrigger("/p/c", WatchEventType.NODE_DELETED, Acl.OPEN_ACL_UNSAFE),
                new WatchTrigger("/p", WatchEventType.NODE_CHILDREN_CHANGED, Acl.OPEN_ACL_UNSAFE));
    }

    @Test
    void aReplayedDeleteNeverMovesPzxidBackwards() {
        apply(create("/p", ""));
        apply(create("/p/a", ""));
        apply(20, SESSION, create("/p/b", ""));
        apply(15, SESSION, new Txn.Delete(OpCode.DELETE, "/p/a"));
        assertThat(stat("/p").pzxid()).isEqualTo(20);
        assertThat(tree.lastProcessedZxid()).as("lastProcessedZxid never decreases").isEqualTo(20);
    }

    @Test
    void deleteOfMissingOrSpecialNodesIsNoNode() {
        Map<String, String> before = snapshot();
        assertThat(apply(new Txn.Delete(OpCode.DELETE, "/nope/deeper")).err()).isEqualTo(ErrorCode.NO_NODE);
        assertThat(apply(new Txn.Delete(OpCode.DELETE, "/zookeeper/quota")).err()).isEqualTo(ErrorCode.NO_NODE);
        assertThat(apply(new Txn.Delete(OpCode.DELETE_CONTAINER, "/zookeeper")).err()).isEqualTo(ErrorCode.NO_NODE);
        assertThat(snapshot()).as("no parent, or a special path: nothing moves").isEqualTo(before);
        assertThat(apply(new Txn.Delete(OpCode.DELETE, "/nope")).err()).isEqualTo(ErrorCode.NO_NODE);
        assertThat(stat("/").pzxid()).as("ZooKeeper bumps an existing parent's pzxid before finding the child gone")
                .isEqualTo(zxid);
        assertThat(tree.nodeCount()).isEqualTo(Integer.parseInt(before.get("#count")));
    }

    @Test
    void deletingAnEphemeralKeepsTheSessionsEmptySet() {
        apply(ephemeral("/e"));
        apply(new Txn.Delete(OpCode.DELETE, "/e"));
        assertThat(tree.ephemeralsOf(SESSION)).isEmpty();
        assertThat(tree.ephemerals()).containsKey(SESSION);
    }

    @Test
    void deleteContainerAndTtlLeaveTheirIndexes() {
        apply(new Txn.CreateContainer("/c", null, Acl.OPEN_ACL_UNSAFE, -1));
        apply(new Txn.CreateTtl("/t", null, Acl.OPEN_ACL_UNSAFE, -1, 10));
        assertThat(apply(new Txn.Delete(OpCode.DELETE_CONTAINER, "/c")).type()).isEqualTo(OpCode.DELETE_CONTAINER);
        apply(new Txn.Delete(OpCode.DELETE_CONTAINER, "/t"));
        assertThat(tree.containers()).isEmpty();
        assertThat(tree.ttls()).isEmpty();
    }

    // ---- setData, setACL, check ----

    @Test
    void setDataTakesTheTxnsVersionAndMovesMzxidAndMtime() {
        apply(create("/d", "12345"));
        long sizeBefore = tree.approximateDataSize();
        TxnResult r = apply(new Txn.SetData("/d", bytes("ab"), 1));
        assertThat(r.stat()).isEqualTo(new Stat(1, 2, TIME + 1, TIME + 2, 1, 0, 0, 0, 2, 0, 1));
        assertThat(tree.get("/d").data()).isEqualTo(bytes("ab"));
        assertThat(tree.approximateDataSize()).isEqualTo(sizeBefore - 3);
        assertThat(triggers).containsExactly(new WatchTrigger("/d", WatchEventType.NODE_DATA_CHANGED, Acl.OPEN_ACL_UNSAFE));
        apply(new Txn.SetData("/d", null, 2));
        assertThat(stat("/d").dataLength()).isZero();
        assertThat(tree.approximateDataSize()).isEqualTo(sizeBefore - 5);
        assertThat(apply(new Txn.SetData("/gone", bytes("x"), 1)).err()).isEqualTo(ErrorCode.NO_NODE);
    }

    @Test
    void setAclReplacesTheAclAndTakesTheTxnsAversionWithoutFiringWatches() {
        apply(create("/s", ""));
        List<Acl> acl = List.of(new Acl(Perms.READ, new Id("ip", "10.0.0.0/8")));
        TxnResult r = apply(new Txn.SetAcl("/s", acl, 1));
        assertThat(r.type()).isEqualTo(OpCode.SET_ACL);
        assertThat(r.stat().aversion()).isEqualTo(1);
        assertThat(r.stat().mzxid()).as("setACL is not a data change").isEqualTo(1);
        assertThat(tree.get("/s").acl()).isEqualTo(acl);
        assertThat(triggers).isEmpty();
        assertThat(apply(new Txn.SetAcl("/gone", acl, 1)).err()).isEqualTo(ErrorCode.NO_NODE);
    }

    @Test
    void checkVersionCreateSessionAndErrorChangeNothingButTheZxid() {
        apply(create("/k", "v"));
        Map<String, String> before = snapshot();
        assertThat(apply(new Txn.CheckVersion("/k", 0)).type()).isEqualTo(OpCode.CHECK);
        assertThat(apply(new Txn.CreateSession(4000)).type()).isEqualTo(OpCode.CREATE_SESSION);
        TxnResult error = apply(new Txn.Error(ErrorCode.BAD_VERSION));
        assertThat(error.err()).isEqualTo(ErrorCode.BAD_VERSION);
        assertThat(error.type()).isEqualTo(OpCode.ERROR);
        assertThat(triggers).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(tree.lastProcessedZxid()).isEqualTo(4);
    }

    // ---- closeSession ----

    @Test
    void closeSessionDeletesListedAndUnlistedEphemeralsOfThatSessionOnly() {
        long other = SESSION + 1;
        apply(create("/p", ""));
        apply(ephemeral("/p/e1"));
        apply(ephemeral("/e2"));
        apply(++zxid, other, ephemeral("/theirs"));
        TxnResult r = apply(new Txn.CloseSession(List.of("/p/e1")));
        assertThat(r.type()).isEqualTo(OpCode.CLOSE_SESSION);
        assertThat(stat("/p/e1")).isNull();
        assertThat(stat("/e2")).as("an ephemeral the txn did not list goes too").isNull();
        assertThat(stat("/theirs")).isNotNull();
        assertThat(tree.ephemerals()).containsOnlyKeys(other);
        assertThat(stat("/p").pzxid()).isEqualTo(zxid);
        assertThat(triggers).extracting(WatchTrigger::path, WatchTrigger::eventType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/p/e1", WatchEventType.NODE_DELETED),
                org.assertj.core.groups.Tuple.tuple("/p", WatchEventType.NODE_CHILDREN_CHANGED),
                org.assertj.core.groups.Tuple.tuple("/e2", WatchEventType.NODE_DELETED),
                org.assertj.core.groups.Tuple.tuple("/", WatchEventType.NODE_CHILDREN_CHANGED));
    }

    @Test
    void closeSessionListingAnAlreadyDeletedPathIsHarmless() {
        apply(ephemeral("/e"));
        apply(new Txn.Delete(OpCode.DELETE, "/e"));
        Map<String, String> before = snapshot();
        apply(new Txn.CloseSession(List.of("/e")));
        before.put("#ephemerals", "{}");
        before.put("/", snapshot().get("/")); // only the root's pzxid moves (see deleteOfMissingOrSpecialNodesIsNoNode)
        assertThat(snapshot()).isEqualTo(before);
        assertThat(stat("/").pzxid()).isEqualTo(zxid);
    }

    // ---- multi ----

    @Test
    void aMultiAppliesEveryOpUnderOneZxid() {
        apply(create("/m", "0"));
        TxnResult r = apply(new Txn.Multi(List.of(
                new Txn.Create(OpCode.CREATE2, "/m/a", bytes("a"), Acl.OPEN_ACL_UNSAFE, false, 1),
                new Txn.SetData("/m", bytes("1"), 1),
                new Txn.CheckVersion("/m", 1),
                new Txn.Delete(OpCode.DELETE, "/m/a"))));
        assertThat(r.type()).isEqualTo(OpCode.MULTI);
        assertThat(r.err()).isZero();
        assertThat(r.multi()).extracting(TxnResult::type)
                .containsExactly(OpCode.CREATE2, OpCode.SET_DATA, OpCode.CHECK, OpCode.DELETE);
        assertThat(r.multi().get(0).stat().czxid()).isEqualTo(2);
        assertThat(stat("/m")).isEqualTo(new Stat(1, 2, TIME + 1, TIME + 2, 1, 2, 0, 0, 1, 0, 2));
        assertThat(triggers).extracting(WatchTrigger::eventType).containsExactly(WatchEventType.NODE_CREATED,
                WatchEventType.NODE_CHILDREN_CHANGED, WatchEventType.NODE_DATA_CHANGED, WatchEventType.NODE_DELETED,
                WatchEventType.NODE_CHILDREN_CHANGED);
        assertThat(tree.lastProcessedZxid()).isEqualTo(2);
    }

    @Test
    void aFailedMultiChangesNothingAndReportsOkFailureThenRuntimeInconsistency() {
        apply(create("/m", "0"));
        Map<String, String> before = snapshot();
        // A failed multi as TxnPreparer writes it (all errors), and as a log might hold it (real ops around an error).
        for (List<Txn> ops : List.<List<Txn>>of(
                List.<Txn>of(new Txn.Error(ErrorCode.OK), new Txn.Error(ErrorCode.BAD_VERSION),
                        new Txn.Error(ErrorCode.RUNTIME_INCONSISTENCY)),
                List.<Txn>of(new Txn.Create(OpCode.CREATE, "/m/a", null, Acl.OPEN_ACL_UNSAFE, false, 1),
                        new Txn.Error(ErrorCode.BAD_VERSION),
                        new Txn.SetData("/m", bytes("x"), 1)))) {
            TxnResult r = apply(new Txn.Multi(ops));
            assertThat(r.type()).isEqualTo(OpCode.MULTI);
            assertThat(r.err()).isEqualTo(ErrorCode.BAD_VERSION);
            assertThat(r.multi()).extracting(TxnResult::type).containsOnly(OpCode.ERROR);
            assertThat(r.multi()).extracting(TxnResult::err)
                    .containsExactly(ErrorCode.OK, ErrorCode.BAD_VERSION, ErrorCode.RUNTIME_INCONSISTENCY);
            assertThat(triggers).isEmpty();
            assertThat(snapshot()).isEqualTo(before);
        }
        assertThat(tree.lastProcessedZxid()).as("a failed multi still consumes its zxid").isEqualTo(3);
    }

    // ---- counts and sizes ----

    @Test
    void descendantCountCountsTheWholeSubtree() {
        apply(create("/a", ""));
        apply(create("/a/b", ""));
        apply(create("/a/b/c", ""));
        apply(create("/a/d", ""));
        apply(create("/ab", ""));
        assertThat(tree.descendantCount("/a")).isEqualTo(3);
        assertThat(tree.descendantCount("/a/b")).isEqualTo(1);
        assertThat(tree.descendantCount("/a/b/c")).isZero();
        assertThat(tree.descendantCount("/zookeeper")).isEqualTo(2);
        assertThat(tree.descendantCount("/missing")).isZero();
    }

    /**
     * ZooKeeper answers getAllChildrenNumber("/") with nodes.size() - 2 (its table minus "" and "/"): every node
     * but the root. Checked against ZooKeeper 3.9.5: a new DataTree answers 3, and 4 after creating /a.
     */
    @Test
    void descendantCountOfRootIsEveryNodeButTheRootAsInZooKeeper() {
        assertThat(tree.descendantCount("/")).isEqualTo(tree.nodeCount() - 2).isEqualTo(3);
        apply(create("/a", ""));
        apply(create("/a/b", ""));
        assertThat(tree.descendantCount("/")).isEqualTo(tree.nodeCount() - 2).isEqualTo(5);
    }

    @Test
    void approximateDataSizeCountsPathAndDataLengths() {
        long base = tree.approximateDataSize();
        apply(create("/abc", "12345"));
        assertThat(tree.approximateDataSize()).isEqualTo(base + 4 + 5);
        apply(new Txn.Create(OpCode.CREATE, "/abc/d", null, Acl.OPEN_ACL_UNSAFE, false, -1));
        assertThat(tree.approximateDataSize()).isEqualTo(base + 9 + 6);
        apply(new Txn.SetData("/abc", bytes("1234567"), 1));
        assertThat(tree.approximateDataSize()).isEqualTo(base + 11 + 6);
        apply(new Txn.Delete(OpCode.DELETE, "/abc/d"));
        apply(new Txn.Delete(OpCode.DELETE, "/abc"));
        assertThat(tree.approximateDataSize()).isEqualTo(base);
    }

    @Test
    void nodesWithEqualAclsShareOneList() {
        List<io.paddock.core.wire.Acl> first = List.of(new io.paddock.core.wire.Acl(31,
                new io.paddock.core.wire.Id("world", "anyone")));
        List<io.paddock.core.wire.Acl> second = List.of(new io.paddock.core.wire.Acl(31,
                new io.paddock.core.wire.Id("world", "anyone")));
        apply(new Txn.Create(OpCode.CREATE, "/x1", null, first, false, -1));
        apply(new Txn.Create(OpCode.CREATE, "/x2", null, second, false, -1));
        apply(new Txn.SetAcl("/x1", second, 1));
        assertThat(tree.get("/x1").acl()).isSameAs(tree.get("/x2").acl()).isEqualTo(first);
    }
}
