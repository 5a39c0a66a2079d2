package io.paddock.core.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the live tree a few nodes at a time, parents before children, so a snapshot can be taken in slices
 * between batches of requests without pausing the server. Like ZooKeeper's snapshots it is fuzzy: the tree
 * changes between slices, and replaying the log from the zxid the walk started at repairs that, because
 * applying a txn again leaves the tree as applying it once did (DataTree.apply's replay rules).
 *
 * <p>Unlike ZooKeeper's, the walk leaves out every node created after it started (czxid above the start
 * zxid), with its subtree: replay creates them again. Recording such a node can break replay — if it hangs
 * under a newer incarnation of a parent whose older incarnation's delete is replayed, the delete orphans it
 * and its own create then fails as NodeExists, leaving the parent without the child. With the rule, every
 * recorded node existed when the walk began, so all its children that the replayed delete could find were
 * themselves deleted by earlier txns in the log.
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
            if (node == null || node.czxid > startZxid) {
                continue; // deleted since it was queued, or created after the walk began: replay brings it back
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
