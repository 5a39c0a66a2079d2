package io.paddock.storage.testing;

import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Stat;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a DataTree holds, in a form that compares with equals and prints readably: every node exactly
 * as stored (raw cversion, pzxid, owner markers) with its children, the ephemeral/container/TTL indexes, the
 * node count (which would expose an orphan the walk cannot reach), the data size and the last zxid.
 * Ephemeral index entries whose set is empty are left out: the live tree keeps emptied sets, a restored one
 * never creates them, and no reader can tell the two apart.
 */
public record TreeState(SortedMap<String, Node> nodes, SortedMap<Long, SortedSet<String>> ephemerals,
                        SortedSet<String> containers, SortedSet<String> ttls, int nodeCount,
                        long approximateDataSize, long lastProcessedZxid) {

    public record Node(String data, List<Acl> acl, long czxid, long mzxid, long ctime, long mtime, int version,
                       int cversion, int aversion, long ephemeralOwner, long pzxid, SortedSet<String> children) {
    }

    /** Walks the children links from the root (not the snapshot cursor, whose rules are under test). */
    public static TreeState of(DataTree tree) {
        SortedMap<String, Node> nodes = new TreeMap<>();
        ArrayDeque<String> pending = new ArrayDeque<>();
        pending.push(DataTree.ROOT);
        while (!pending.isEmpty()) {
            String path = pending.pop();
            DataNode n = tree.get(path);
            nodes.put(path, node(path, n));
            for (String child : n.children()) {
                pending.push(DataTree.ROOT.equals(path) ? "/" + child : path + "/" + child);
            }
        }
        SortedMap<Long, SortedSet<String>> ephemerals = new TreeMap<>();
        tree.ephemerals().forEach((session, paths) -> {
            if (!paths.isEmpty()) {
                ephemerals.put(session, new TreeSet<>(paths));
            }
        });
        return new TreeState(nodes, ephemerals, new TreeSet<>(tree.containers()), new TreeSet<>(tree.ttls()),
                tree.nodeCount(), tree.approximateDataSize(), tree.lastProcessedZxid());
    }

    /** Every node reachable from the root, parents first (what a snapshot of this tree would hold). */
    public static List<NodeRecord> records(DataTree tree) {
        return new TreeSnapshotCursor(tree).next(Integer.MAX_VALUE);
    }

    private static Node node(String path, DataNode n) {
        Stat stat = n.stat();
        return new Node(n.data() == null ? null : HexFormat.of().formatHex(n.data()), List.copyOf(n.acl()), stat.czxid(),
                n.mzxid(), stat.ctime(), n.mtime(), n.version(), n.cversion(), n.aversion(), n.ephemeralOwner(),
                n.pzxid(), new TreeSet<>(n.children()));
    }

    /** Walks the tree by its children links only and counts what it reaches, the root's "" alias included. */
    public static int reachable(DataTree tree) {
        int count = 1;
        ArrayDeque<String> pending = new ArrayDeque<>();
        pending.push(DataTree.ROOT);
        while (!pending.isEmpty()) {
            String path = pending.pop();
            count++;
            for (String child : tree.get(path).children()) {
                pending.push(DataTree.ROOT.equals(path) ? "/" + child : path + "/" + child);
            }
        }
        return count;
    }
}
