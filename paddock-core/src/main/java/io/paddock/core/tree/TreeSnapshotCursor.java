package io.paddock.core.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the live tree a few nodes at a time, parents before children, so a snapshot can be taken in slices
 * between batches of requests without pausing the server. Like ZooKeeper's snapshots it is fuzzy: the tree
 * changes between slices, so a node created after its parent was visited is missed and one deleted later is
 * kept. Replaying the log from the zxid the walk started at repairs both, because applying a txn twice leaves
 * the tree as applying it once does (see DataTree.apply's replay rules).
 */
public final class TreeSnapshotCursor {
    private final DataTree tree;
    private final long startZxid;
    private final ArrayDeque<String> pending = new ArrayDeque<>();

    public TreeSnapshotCursor(DataTree tree) {
        this.tree = tree;
        this.startZxid = tree.lastProcessedZxid();
        pending.push(DataTree.ROOT);
    }

    /** The zxid of the tree when the walk began: replay must start after it. */
    public long startZxid() {
        return startZxid;
    }

    public boolean done() {
        return pending.isEmpty();
    }

    /** Up to {@code max} more nodes, each as it is now; nodes deleted since they were queued are skipped. */
    public List<NodeRecord> next(int max) {
        List<NodeRecord> out = new ArrayList<>(Math.min(max, 1024));
        while (out.size() < max && !pending.isEmpty()) {
            String path = pending.pop();
            DataNode node = tree.get(path);
            if (node == null) {
                continue;
            }
            out.add(NodeRecord.of(path, node));
            String prefix = DataTree.ROOT.equals(path) ? "/" : path + "/";
            for (String child : node.children()) {
                pending.push(prefix + child);
            }
        }
        return out;
    }
}
