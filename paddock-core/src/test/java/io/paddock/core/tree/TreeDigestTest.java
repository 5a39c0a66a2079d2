package io.paddock.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** What the tree digest covers, and that it depends on content only. */
class TreeDigestTest {
    private static final long TIME = 1_700_000_000_000L;

    private static void apply(DataTree tree, long zxid, Txn txn) {
        tree.apply(new TxnHeader(0x42, 1, zxid, TIME + zxid, txn.type()), txn, new ArrayList<>());
    }

    private static Txn.Create create(String path, String data, int parentCVersion) {
        return new Txn.Create(OpCode.CREATE, path, bytes(data), Acl.OPEN_ACL_UNSAFE, false, parentCVersion);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** ZooKeeper's layout, written out independently: CRC32 over path bytes, data, then the stat big-endian. */
    private static long expected(String path, byte[] data, long czxid, long mzxid, long pzxid, long ctime,
                                 long mtime, int version, int cversion, int aversion, long owner) {
        CRC32 crc = new CRC32();
        crc.update(path.getBytes(StandardCharsets.UTF_8));
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(60);
        b.putLong(czxid).putLong(mzxid).putLong(pzxid).putLong(ctime).putLong(mtime)
                .putInt(version).putInt(cversion).putInt(aversion).putLong(owner);
        crc.update(b.array());
        return crc.getValue();
    }

    @Test
    void aNewTreeCountsTheRootAsEmptyPathAndZookeeperButNotQuotaOrConfig() {
        long root = expected("", new byte[0], 0, 0, 0, 0, 0, 0, 0, 0, 0);
        long zookeeper = expected("/zookeeper", new byte[0], 0, 0, 0, 0, 0, 0, 0, 0, 0);
        DataTree tree = new DataTree();
        assertThat(tree.digest()).isEqualTo(root + zookeeper).isEqualTo(tree.recomputeDigest());
        assertThat(DataTree.digestVersion()).isEqualTo(2);
    }

    @Test
    void aCreatedNodeAddsItsHashAndChangesItsParentsHash() {
        DataTree tree = new DataTree();
        long before = tree.digest();
        long rootBefore = expected("", new byte[0], 0, 0, 0, 0, 0, 0, 0, 0, 0);
        apply(tree, 7, create("/app", "hello", -1));
        long node = expected("/app", bytes("hello"), 7, 7, 7, TIME + 7, TIME + 7, 0, 0, 0, 0);
        long rootAfter = expected("", new byte[0], 0, 0, 7, 0, 0, 0, 1, 0, 0);
        assertThat(tree.digest()).isEqualTo(before - rootBefore + rootAfter + node);
    }

    @Test
    void createDeleteRecreateEndsWithTheDigestOfADirectCreateWithTheSameStats() {
        DataTree history = new DataTree();
        apply(history, 1, create("/n", "old", -1));
        apply(history, 2, new Txn.SetData("/n", bytes("older"), 1));
        apply(history, 3, new Txn.Delete(OpCode.DELETE, "/n"));
        apply(history, 4, create("/m", "m", -1));
        apply(history, 5, create("/n", "new", -1));

        DataTree direct = new DataTree();
        apply(direct, 5, create("/n", "new", 3)); // the parent cversion the three creates above reached
        apply(direct, 4, create("/m", "m", 2)); // in another order: lower cversion, so the root keeps pzxid 5
        assertThat(direct.get("/").pzxid()).isEqualTo(history.get("/").pzxid());
        assertThat(direct.get("/").cversion()).isEqualTo(history.get("/").cversion());
        assertThat(direct.digest()).isEqualTo(history.digest()).isNotEqualTo(new DataTree().digest());
    }

    @Test
    void aReplayedDeleteOfAMissingNodeMovesOnlyTheParentsPzxidAndTheDigestFollows() {
        DataTree tree = new DataTree();
        apply(tree, 1, create("/p", "", -1));
        long before = tree.digest();
        apply(tree, 2, new Txn.Delete(OpCode.DELETE, "/p/gone"));
        assertThat(tree.get("/p").pzxid()).isEqualTo(2);
        assertThat(tree.digest()).isNotEqualTo(before).isEqualTo(tree.recomputeDigest());
    }

    @Test
    void changesUnderZookeeperSlashAreNotCountedButZookeeperItselfIs() {
        DataTree tree = new DataTree();
        long before = tree.digest();
        apply(tree, 1, new Txn.SetData(DataTree.CONFIG, bytes("server.1=x"), 1));
        apply(tree, 2, create("/zookeeper/quota/app", "q", -1));
        apply(tree, 3, new Txn.SetData(DataTree.QUOTA, bytes("q"), 1));
        assertThat(tree.digest()).isEqualTo(before).isEqualTo(tree.recomputeDigest());
        apply(tree, 4, new Txn.SetData(DataTree.ZOOKEEPER, bytes("z"), 1));
        assertThat(tree.digest()).isNotEqualTo(before).isEqualTo(tree.recomputeDigest());
    }

    @Test
    void setAclCountsTheAclVersionNotTheAclItself() {
        DataTree tree = new DataTree();
        apply(tree, 1, create("/s", "", -1));
        long before = tree.digest();
        apply(tree, 2, new Txn.SetAcl("/s", Acl.READ_ACL_UNSAFE, 1));
        long afterFirst = tree.digest();
        assertThat(afterFirst).isNotEqualTo(before);

        DataTree other = new DataTree();
        apply(other, 1, create("/s", "", -1));
        apply(other, 2, new Txn.SetAcl("/s", Acl.OPEN_ACL_UNSAFE, 1));
        assertThat(other.digest()).as("same aversion, different ACL").isEqualTo(afterFirst);
    }

    @Test
    void closingASessionRemovesItsEphemeralsFromTheDigest() {
        DataTree tree = new DataTree();
        apply(tree, 1, create("/keep", "", -1));
        DataTree reference = new DataTree();
        apply(reference, 1, create("/keep", "", -1));
        apply(tree, 2, new Txn.Create(OpCode.CREATE, "/eph", bytes("e"), Acl.OPEN_ACL_UNSAFE, true, -1));
        apply(tree, 3, new Txn.CloseSession(java.util.List.of("/eph")));
        apply(reference, 3, new Txn.Delete(OpCode.DELETE, "/never-there")); // moves the root's pzxid to 3
        apply(reference, 2, create("/x", "", 2));  // root cversion 2, pzxid stays 3
        apply(reference, 4, new Txn.Delete(OpCode.DELETE, "/x"));
        apply(tree, 4, new Txn.Delete(OpCode.DELETE, "/never-there"));
        assertThat(tree.digest()).isEqualTo(reference.digest()).isEqualTo(tree.recomputeDigest());
    }

    /**
     * Golden values printed by Apache ZooKeeper 3.9.5's own DataTree.getTreeDigest() after the same calls
     * (createNode, setData, createNode ephemeral, deleteNode, with these zxids and times): the formula is
     * ZooKeeper's bit for bit.
     */
    @Test
    void matchesZooKeeper395ForTheSameChanges() {
        DataTree tree = new DataTree();
        assertThat(tree.digest()).isEqualTo(1371985504L);
        tree.apply(new TxnHeader(0, 1, 7, 1_700_000_000_007L, OpCode.CREATE),
                create("/app", "hello", -1), new ArrayList<>());
        assertThat(tree.digest()).isEqualTo(6808128579L);
        tree.apply(new TxnHeader(0, 1, 9, 1_700_000_000_009L, OpCode.SET_DATA),
                new Txn.SetData("/app", bytes("v2"), 1), new ArrayList<>());
        assertThat(tree.digest()).isEqualTo(8007991666L);
        tree.apply(new TxnHeader(0x42, 1, 10, 1_700_000_000_010L, OpCode.CREATE),
                new Txn.Create(OpCode.CREATE, "/app/e", bytes("x"), Acl.OPEN_ACL_UNSAFE, true, -1), new ArrayList<>());
        assertThat(tree.digest()).isEqualTo(7320429251L);
        tree.apply(new TxnHeader(0, 1, 11, 1_700_000_000_011L, OpCode.DELETE),
                new Txn.Delete(OpCode.DELETE, "/app/e"), new ArrayList<>());
        assertThat(tree.digest()).isEqualTo(8756731702L);
    }
}
