package io.paddock.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The incremental digest against the digest summed afresh, over random histories that include every txn kind,
 * the replay cases (create over an existing node, delete of a missing one), failed multis, session closes,
 * nodes under /zookeeper/ (not counted), and snapshot restores.
 */
class TreeDigestPropertyTest {
    private static final List<String> PATHS = List.of("/a", "/a/b", "/a/b/c", "/a/d", "/e", "/e/f",
            "/zookeeper/quota/q", "/zookeeper/quota/q/r", "/zookeeper/x");
    private static final List<String> CHANGEABLE = List.of("/", "/zookeeper", "/zookeeper/config",
            "/zookeeper/quota", "/a", "/a/b", "/a/b/c", "/a/d", "/e", "/e/f", "/zookeeper/quota/q");
    private static final long[] SESSIONS = {0x100L, 0x200L, 0x300L};

    /** Drives one tree with random txns; every txn is one ZooKeeper could log (or replay). */
    static final class History {
        final DataTree tree = new DataTree();
        final Random random;
        long zxid;

        History(long seed) {
            random = new Random(seed);
        }

        void step() {
            Txn txn = randomTxn();
            long session = SESSIONS[random.nextInt(SESSIONS.length)];
            zxid++;
            if (txn instanceof Txn.CloseSession) {
                txn = new Txn.CloseSession(new ArrayList<>(tree.ephemeralsOf(session)));
            }
            tree.apply(new TxnHeader(session, 1, zxid, 1_000_000 + zxid * 3, txn.type()), txn, new ArrayList<>());
        }

        private Txn randomTxn() {
            return switch (random.nextInt(10)) {
                case 0, 1, 2 -> randomCreate();
                case 3, 4 -> new Txn.Delete(OpCode.DELETE, leafOrMissing());
                case 5 -> {
                    String path = pick(CHANGEABLE);
                    DataNode n = tree.get(path);
                    yield new Txn.SetData(path, bytes("v" + random.nextInt(5)), n == null ? 1 : n.version + 1);
                }
                case 6 -> {
                    String path = pick(CHANGEABLE);
                    DataNode n = tree.get(path);
                    yield new Txn.SetAcl(path, random.nextBoolean() ? Acl.OPEN_ACL_UNSAFE : Acl.READ_ACL_UNSAFE,
                            n == null ? 1 : n.aversion + 1);
                }
                case 7 -> new Txn.CloseSession(List.of());
                case 8 -> new Txn.Multi(random.nextBoolean()
                        ? List.of(randomCreate(), new Txn.SetData(pick(CHANGEABLE), bytes("m"), 9))
                        : List.of(new Txn.Error(0), new Txn.Error(-101)));
                default -> new Txn.CheckVersion(pick(CHANGEABLE), 0);
            };
        }

        private Txn randomCreate() {
            String path = pick(PATHS);
            DataNode parent = tree.get(PathValidator.parentOf(path));
            if (parent != null && EphemeralOwner.isSession(parent.ephemeralOwner)) {
                return new Txn.CheckVersion(path, 0); // ephemerals have no children; preparation refuses them
            }
            byte[] data = random.nextBoolean() ? bytes("d" + random.nextInt(3)) : new byte[0];
            int parentCVersion = random.nextInt(4) == 0 ? 50 + random.nextInt(50) : -1;
            return switch (random.nextInt(5)) {
                case 0 -> new Txn.CreateContainer(path, data, Acl.OPEN_ACL_UNSAFE, parentCVersion);
                case 1 -> new Txn.CreateTtl(path, data, Acl.OPEN_ACL_UNSAFE, parentCVersion, 1000);
                case 2 -> new Txn.Create(OpCode.CREATE2, path, data, Acl.OPEN_ACL_UNSAFE, true, parentCVersion);
                default -> new Txn.Create(OpCode.CREATE, path, data, Acl.OPEN_ACL_UNSAFE, false, parentCVersion);
            };
        }

        /** A node without children (as request preparation guarantees), or one that is not there (replay). */
        private String leafOrMissing() {
            String path = pick(PATHS);
            DataNode n = tree.get(path);
            return n == null || n.childCount() == 0 ? path : path + "/missing";
        }

        private String pick(List<String> from) {
            return from.get(random.nextInt(from.size()));
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 200)
    void theIncrementalDigestEqualsTheRecomputedOneAfterEveryStep(@ForAll long seed) {
        History h = new History(seed);
        assertThat(h.tree.digest()).isEqualTo(h.tree.recomputeDigest());
        for (int i = 0; i < 60; i++) {
            h.step();
            assertThat(h.tree.digest()).as("after txn at zxid %d", h.zxid).isEqualTo(h.tree.recomputeDigest());
        }
    }

    @Property(tries = 100)
    void aSnapshotRestoredTreeHasTheDigestOfItsSource(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int slice) {
        History h = new History(seed);
        for (int i = 0; i < 40; i++) {
            h.step();
        }
        DataTree restored = new DataTree();
        TreeSnapshotCursor cursor = new TreeSnapshotCursor(h.tree);
        while (!cursor.done()) {
            cursor.next(slice).forEach(restored::restore);
        }
        restored.restoredThrough(cursor.startZxid());
        assertThat(restored.digest()).isEqualTo(h.tree.digest()).isEqualTo(restored.recomputeDigest());
    }

    @Property(tries = 100)
    void theDigestDoesNotDependOnTheOrderNodesArrivedIn(@ForAll long seed) {
        History h = new History(seed);
        for (int i = 0; i < 40; i++) {
            h.step();
        }
        List<NodeRecord> records = records(h.tree);
        // Any order keeping parents before children: shuffle, then a stable sort by depth.
        java.util.Collections.shuffle(records, new Random(seed ^ 0x5eed));
        records.sort(Comparator.comparingLong(r -> r.path().chars().filter(c -> c == '/').count()
                - (r.path().equals("/") ? 1 : 0)));
        DataTree rebuilt = new DataTree();
        records.forEach(rebuilt::restore);
        assertThat(rebuilt.digest()).isEqualTo(h.tree.digest());
    }

    @Property(tries = 100)
    void changingOneCountedFieldOfOneNodeChangesTheDigest(@ForAll long seed,
                                                         @ForAll @IntRange(min = 0, max = 9) int field,
                                                         @ForAll @IntRange(min = 1, max = 1 << 20) int delta) {
        History h = new History(seed);
        for (int i = 0; i < 30; i++) {
            h.step();
        }
        List<NodeRecord> all = records(h.tree);
        List<NodeRecord> counted = all.stream().filter(r -> TreeDigest.counts(r.path())).toList();
        NodeRecord victim = counted.get(h.random.nextInt(counted.size()));
        DataTree changed = new DataTree();
        all.forEach(r -> changed.restore(r == victim ? alter(r, field, delta) : r));
        assertThat(changed.digest()).isNotEqualTo(h.tree.digest());
    }

    private static NodeRecord alter(NodeRecord r, int field, int d) {
        return new NodeRecord(r.path(), field == 0 ? bytes(new String(r.data(), StandardCharsets.UTF_8) + d) : r.data(),
                r.acl(), r.czxid() + (field == 1 ? d : 0), r.mzxid() + (field == 2 ? d : 0),
                r.ctime() + (field == 3 ? d : 0), r.mtime() + (field == 4 ? d : 0), r.version() + (field == 5 ? d : 0),
                r.cversion() + (field == 6 ? d : 0), r.aversion() + (field == 7 ? d : 0),
                r.ephemeralOwner() + (field == 8 ? d : 0), r.pzxid() + (field == 9 ? d : 0));
    }

    /** Every node, parents first. */
    static List<NodeRecord> records(DataTree tree) {
        List<NodeRecord> out = new ArrayList<>();
        TreeSnapshotCursor cursor = new TreeSnapshotCursor(tree);
        while (!cursor.done()) {
            out.addAll(cursor.next(Integer.MAX_VALUE));
        }
        return out;
    }
}
