package io.paddock.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.node.Peer;
import io.paddock.core.node.RecoveredState;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Id;
import io.paddock.storage.testing.MemoryFileSystem;
import io.paddock.storage.testing.PeerHarness;
import io.paddock.storage.testing.PeerHarness.Kind;
import io.paddock.storage.testing.PeerHarness.Op;
import io.paddock.storage.testing.TreeState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotRoundTripTest {
    private final MemoryFileSystem fs = new MemoryFileSystem();
    private final Path dir = Path.of("/data/version-2");

    /** A Peer that went through every kind of operation, sessions still open and some closed. */
    static PeerHarness busyPeer(long seed, int ops) {
        PeerHarness harness = new PeerHarness();
        Random random = new Random(seed);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < ops; i++) {
            Kind kind = kinds[random.nextInt(kinds.length)];
            if (kind == Kind.CLOSE_SESSION && random.nextInt(4) != 0) {
                kind = Kind.CREATE_EPHEMERAL; // keep a few sessions, and their ephemerals, alive at the end
            }
            harness.apply(new Op(kind, random.nextInt(50), random.nextInt(3), random.nextInt(7)));
        }
        return harness;
    }

    private Path writeWhole(DataTree tree, Map<Long, Integer> sessions, int slice) throws IOException {
        List<NodeRecord> records = TreeState.records(tree);
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, tree.lastProcessedZxid(), sessions)) {
            for (int i = 0; i < records.size(); i += slice) {
                writer.write(records.subList(i, Math.min(records.size(), i + slice)));
            }
            return writer.finish();
        }
    }

    @Test
    void aFreshTreeRoundTrips() throws Exception {
        DataTree tree = new DataTree();
        Path file = writeWhole(tree, Map.of(), 1);

        assertThat(file).isEqualTo(dir.resolve("snapshot.0000000000000000"));
        SnapshotFile.Snapshot snapshot = SnapshotFile.read(fs, file);
        assertThat(snapshot.zxid()).isZero();
        assertThat(snapshot.sessions()).isEmpty();
        assertThat(TreeState.of(snapshot.restore().tree())).isEqualTo(TreeState.of(tree));
    }

    @Test
    void aTreeBuiltThroughAPeerRoundTripsExactly() throws Exception {
        PeerHarness harness = busyPeer(7, 400);
        Peer.SnapshotStart start = harness.peer().startSnapshot();
        assertThat(harness.tree().nodeCount()).as("the tree is not trivial").isGreaterThan(15);
        assertThat(harness.tree().ephemerals().values()).as("some ephemerals").anyMatch(s -> !s.isEmpty());
        assertThat(start.sessionTimeouts()).as("live sessions").isNotEmpty();

        Path file;
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, start.cursor().startZxid(), start.sessionTimeouts())) {
            while (!start.cursor().done()) {
                writer.write(start.cursor().next(3));
            }
            file = writer.finish();
        }

        SnapshotFile.Snapshot snapshot = SnapshotFile.read(fs, file);
        RecoveredState restored = snapshot.restore();
        assertThat(snapshot.zxid()).isEqualTo(harness.tree().lastProcessedZxid());
        assertThat(file.getFileName().toString()).isEqualTo(String.format("snapshot.%016x", snapshot.zxid()));
        assertThat(TreeState.of(restored.tree())).isEqualTo(TreeState.of(harness.tree()));
        assertThat(TreeState.reachable(restored.tree())).isEqualTo(restored.tree().nodeCount());
        assertThat(restored.sessionTimeouts()).isEqualTo(harness.peer().sessionTimeouts());
        assertThat(snapshot.sessions().keySet()).containsExactlyElementsOf(start.sessionTimeouts().keySet());
    }

    @Test
    void everyStoredFieldSurvives() throws Exception {
        List<Acl> acl = List.of(new Acl(31, Id.ANYONE), new Acl(1, new Id("digest", "u:hash")), new Acl(3, new Id("ip", "10.0.0.0/8")));
        List<NodeRecord> records = List.of(
                new NodeRecord("/", new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0, 0, 0, 7, 0, 0, 99),
                new NodeRecord("/a", null, acl, 5, 6, 1_700_000_000_000L, 1_700_000_000_001L, 3, 2, 4, 0, 9),
                new NodeRecord("/a/ü", "x".repeat(5000).getBytes(), List.of(), 7, 7, -1, Long.MAX_VALUE, Integer.MAX_VALUE,
                        Integer.MIN_VALUE, -1, 0xff00000000000064L, 7),
                new NodeRecord("/c", new byte[] {0, 1, 2}, Acl.READ_ACL_UNSAFE, 8, 8, 8, 8, 0, 0, 0, Long.MIN_VALUE, 8),
                new NodeRecord("/e", new byte[] {9}, Acl.OPEN_ACL_UNSAFE, 9, 9, 9, 9, 0, 0, 0, 0x1000000000001L, 9));
        Map<Long, Integer> sessions = new LinkedHashMap<>();
        sessions.put(0x1000000000001L, 30_000);
        sessions.put(5L, 4000);
        Path file;
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, 9, sessions)) {
            writer.write(records.subList(0, 2));
            writer.write(List.of());
            writer.write(records.subList(2, 5));
            file = writer.finish();
        }

        SnapshotFile.Snapshot snapshot = SnapshotFile.read(fs, file);
        assertThat(snapshot.sessions()).containsExactlyEntriesOf(sessions);
        assertThat(snapshot.nodes()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            NodeRecord expected = records.get(i);
            NodeRecord actual = snapshot.nodes().get(i);
            assertThat(actual.data()).isEqualTo(expected.data());
            assertThat(withoutData(actual)).isEqualTo(withoutData(expected));
        }
        DataTree tree = snapshot.restore().tree();
        assertThat(tree.containers()).containsExactly("/c");
        assertThat(tree.ttls()).containsExactly("/a/ü");
        assertThat(tree.ephemeralsOf(0x1000000000001L)).containsExactly("/e");
        assertThat(tree.lastProcessedZxid()).isEqualTo(9);
    }

    private static NodeRecord withoutData(NodeRecord r) {
        return new NodeRecord(r.path(), null, r.acl(), r.czxid(), r.mzxid(), r.ctime(), r.mtime(), r.version(),
                r.cversion(), r.aversion(), r.ephemeralOwner(), r.pzxid());
    }

    @Test
    void sliceSizesDoNotChangeTheBytes() throws Exception {
        PeerHarness harness = busyPeer(3, 150);
        byte[] whole = fs.bytes(writeWhole(harness.tree(), harness.peer().sessionTimeouts(), Integer.MAX_VALUE));
        byte[] single = fs.bytes(writeWhole(harness.tree(), harness.peer().sessionTimeouts(), 1));
        byte[] fives = fs.bytes(writeWhole(harness.tree(), harness.peer().sessionTimeouts(), 5));
        assertThat(single).isEqualTo(whole);
        assertThat(fives).isEqualTo(whole);
    }

    @Test
    void largeSnapshotsCrossTheWriteBuffer() throws Exception {
        DataTree tree = new DataTree();
        List<NodeRecord> records = new ArrayList<>(TreeState.records(tree));
        byte[] data = new byte[7000];
        Arrays.fill(data, (byte) 0x5a);
        for (int i = 0; i < 100; i++) {
            records.add(new NodeRecord("/big" + i, data, Acl.OPEN_ACL_UNSAFE, i, i, i, i, 0, 0, 0, 0, i));
        }
        Path file;
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, 100, Map.of())) {
            writer.write(records);
            file = writer.finish();
        }
        assertThat(fs.bytes(file).length).isGreaterThan(2 * SnapshotWriter.FLUSH_BYTES);
        assertThat(SnapshotFile.read(fs, file).nodes()).extracting(NodeRecord::path)
                .containsExactlyElementsOf(records.stream().map(NodeRecord::path).toList());
    }

    @Test
    void theWriterRefusesAChildBeforeItsParent() throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, 1, Map.of())) {
            assertThatThrownBy(() -> writer.write(List.of(
                    new NodeRecord("/a", new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0, 0, 0, 0, 0, 0, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
            writer.write(TreeState.records(new DataTree()).subList(0, 1));
            assertThatThrownBy(() -> writer.write(List.of(
                    new NodeRecord("/a/b", new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0, 0, 0, 0, 0, 0, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a/b");
        }
        assertThat(fs.list(dir)).as("an abandoned writer leaves nothing").isEmpty();
    }

    @Test
    void anAbandonedWriterLeavesNoFileAndAFinishedOneNoTemp() throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, dir, 5, Map.of())) {
            writer.write(TreeState.records(new DataTree()));
            assertThat(fs.list(dir)).containsExactly("snapshot.0000000000000005.tmp");
        }
        assertThat(fs.list(dir)).isEmpty();

        writeWhole(new DataTree(), Map.of(), 2);
        assertThat(fs.list(dir)).containsExactly("snapshot.0000000000000000");
    }

    @Test
    void listingIsNewestFirstAndIgnoresEverythingElse() throws Exception {
        fs.createDirectories(dir);
        for (String name : List.of("snapshot.0000000000000010", "snapshot.00000000000000ff", "snapshot.0000000000000002",
                "snapshot.0000000000000300.tmp", "snapshot.10", "log.0000000000000001", "snapshot.000000000000000G",
                "snapshot.0000000100000001")) {
            fs.plant(dir.resolve(name), new byte[0]);
        }
        assertThat(SnapshotFile.listNewestFirst(fs, dir)).extracting(p -> p.getFileName().toString()).containsExactly(
                "snapshot.0000000100000001", "snapshot.00000000000000ff", "snapshot.0000000000000010",
                "snapshot.0000000000000002");
        assertThat(SnapshotFile.listNewestFirst(fs, Path.of("/nowhere"))).isEmpty();
    }

    @Test
    void dumpPrintsHeaderSessionsAndOneLinePerNode() throws Exception {
        PeerHarness harness = new PeerHarness();
        harness.apply(new Op(Kind.CREATE, 0, 1, 4));
        harness.apply(new Op(Kind.CREATE_EPHEMERAL, 0, 2, 4));
        Path file = writeWhole(harness.tree(), harness.peer().sessionTimeouts(), 10);

        List<String> lines = new ArrayList<>();
        SnapshotFile.dump(fs, file, lines::add);

        long session = harness.peer().sessionTimeouts().keySet().iterator().next();
        assertThat(lines.get(0)).contains(file.toString()).contains("zxid 0x3").contains("1 sessions");
        assertThat(lines.get(1)).isEqualTo(String.format("session 0x%016x timeout 1000 ms", session));
        assertThat(lines).filteredOn(l -> l.startsWith("/n1 ")).singleElement().asString()
                .contains("czxid=0x2").contains("dataLength=2").contains("owner=none").contains("version=0");
        assertThat(lines).filteredOn(l -> l.startsWith("/n2 ")).singleElement().asString()
                .contains(String.format("owner=session:0x%x", session));
        assertThat(lines).filteredOn(l -> l.startsWith("/")).hasSize(TreeState.records(harness.tree()).size());
        assertThat(lines.get(lines.size() - 1)).isEqualTo(TreeState.records(harness.tree()).size() + " nodes, checksum ok");
    }
}
