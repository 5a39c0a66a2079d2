package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.OpCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The argument for fuzzy snapshots: walk the tree in slices while the server keeps applying txns, restore the
 * slices into a fresh tree, replay every logged txn after the walk's start zxid, and the result is exactly the
 * live tree (stored stats, ephemeral/container/TTL indexes) with the same sessions.
 */
class FuzzySnapshotPropertyTest {
    private static final List<String> PATHS = List.of("/a", "/a/b", "/a/b/c", "/a/d", "/e", "/e/f", "/g");

    @Property(tries = 300)
    void restoredFuzzySnapshotPlusReplayEqualsTheLiveState(@ForAll long seed) {
        Random random = new Random(seed);
        PeerDriver d = new PeerDriver();
        List<Long> conns = new ArrayList<>(List.of(d.connect(), d.connect(), d.connect()));
        for (int i = 0; i < 30; i++) {
            operate(d, conns, random);
        }
        Peer.SnapshotStart start = d.peer.startSnapshot();
        TreeSnapshotCursor cursor = start.cursor();
        List<NodeRecord> records = new ArrayList<>();
        while (!cursor.done()) {
            records.addAll(cursor.next(1 + random.nextInt(3)));
            for (int i = random.nextInt(4); i > 0; i--) {
                operate(d, conns, random);
            }
        }
        for (int i = random.nextInt(10); i > 0; i--) {
            operate(d, conns, random);
        }
        while (!d.unpersisted.isEmpty()) {
            d.persistAll(); // applying can release deferred requests whose txns need persisting in turn
        }

        DataTree restored = new DataTree();
        records.forEach(restored::restore);
        restored.restoredThrough(cursor.startZxid());
        RecoveredState state = new RecoveredState(restored, start.sessionTimeouts());
        // The whole log after the start zxid: txns prepared before the walk began may apply after it.
        for (Action a : d.actions) {
            if (a instanceof Action.Persist p && p.header().zxid() > cursor.startZxid()) {
                state.replay(p.header(), p.txn());
            }
        }
        assertThat(dump(restored)).isEqualTo(dump(liveTree(d)));
        assertThat(restored.lastProcessedZxid()).isEqualTo(d.peer.lastProcessedZxid());
        assertThat(nonEmpty(restored.ephemerals())).isEqualTo(nonEmpty(liveTree(d).ephemerals()));
        assertThat(restored.containers()).containsExactlyInAnyOrderElementsOf(liveTree(d).containers());
        assertThat(restored.ttls()).containsExactlyInAnyOrderElementsOf(liveTree(d).ttls());
        assertThat(new TreeMap<>(state.sessionTimeouts())).isEqualTo(new TreeMap<>(d.peer.sessionTimeouts()));
    }

    /** Sessions' ephemeral sets; emptied sets linger by design (ZooKeeper's iteration order), so they are left out. */
    private static Map<Long, java.util.Set<String>> nonEmpty(Map<Long, java.util.Set<String>> ephemerals) {
        Map<Long, java.util.Set<String>> out = new TreeMap<>();
        ephemerals.forEach((id, paths) -> {
            if (!paths.isEmpty()) {
                out.put(id, new java.util.TreeSet<>(paths));
            }
        });
        return out;
    }

    private static DataTree liveTree(PeerDriver d) {
        // The live tree, walked in one go (nothing changes meanwhile), restored into a copy for comparison.
        DataTree copy = new DataTree();
        TreeSnapshotCursor all = d.peer.startSnapshot().cursor();
        all.next(Integer.MAX_VALUE).forEach(copy::restore);
        copy.restoredThrough(all.startZxid());
        return copy;
    }

    private static Map<String, String> dump(DataTree tree) {
        Map<String, String> out = new TreeMap<>();
        TreeSnapshotCursor cursor = new TreeSnapshotCursor(tree);
        for (NodeRecord r : cursor.next(Integer.MAX_VALUE)) {
            out.put(r.path(), r.czxid() + "/" + r.mzxid() + "/" + r.ctime() + "/" + r.mtime() + "/" + r.version() + "/"
                    + r.cversion() + "/" + r.aversion() + "/" + r.ephemeralOwner() + "/" + r.pzxid() + "/"
                    + (r.data() == null ? "null" : new String(r.data(), StandardCharsets.UTF_8)) + "/" + r.acl()
                    + "/" + tree.get(r.path()).children().stream().sorted().toList());
        }
        out.put("#count", Integer.toString(tree.nodeCount()));
        out.put("#size", Long.toString(tree.approximateDataSize()));
        return out;
    }

    private static void operate(PeerDriver d, List<Long> conns, Random random) {
        d.autoPersist = random.nextInt(3) > 0;
        long conn = conns.get(random.nextInt(conns.size()));
        String path = PATHS.get(random.nextInt(PATHS.size()));
        byte[] data = Integer.toString(random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(10)) {
            case 0, 1 -> d.send(conn, new ClientRequest.Create(OpCode.CREATE, path, data, Acl.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT.flag()));
            case 2 -> d.send(conn, new ClientRequest.Create(OpCode.CREATE2, path, data, Acl.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL.flag()));
            case 3 -> d.send(conn, new ClientRequest.Create(OpCode.CREATE_CONTAINER, path, data, Acl.OPEN_ACL_UNSAFE,
                    CreateMode.CONTAINER.flag()));
            case 4 -> d.send(conn, new ClientRequest.Create(OpCode.CREATE2, path + "/s-", data, Acl.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL.flag()));
            case 5 -> d.send(conn, new ClientRequest.Delete(path, -1));
            case 6 -> d.send(conn, new ClientRequest.SetData(path, data, -1));
            case 7 -> d.send(conn, new ClientRequest.SetAcl(path, Acl.READ_ACL_UNSAFE, -1));
            case 8 -> d.send(conn, new ClientRequest.Multi(OpCode.MULTI, List.of(
                    new ClientRequest.Create(OpCode.CREATE, path, data, Acl.OPEN_ACL_UNSAFE, 0),
                    new ClientRequest.SetData(path, data, random.nextInt(2) - 1))));
            default -> {
                if (random.nextInt(4) == 0) {
                    d.send(conn, new ClientRequest.CloseSession());
                    conns.remove(conn);
                    conns.add(d.connect());
                } else {
                    d.tick(1);
                }
            }
        }
        if (random.nextInt(4) == 0) {
            d.persistAll();
        }
    }
}
