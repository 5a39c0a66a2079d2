package io.paddock.core.node;

import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.EphemeralOwner;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes a server deletes on its own (ZooKeeper's container manager): empty containers that once had a child,
 * and childless TTL nodes unmodified for longer than their TTL. A node with an outstanding change is left for a
 * later sweep: that change may give it a child or a new mtime the tree does not show yet.
 */
final class ContainerSweep {
    private ContainerSweep() {
    }

    /** The paths to delete at {@code wallTimeMillis}, containers first, each in the tree's order. */
    static List<String> candidates(DataTree tree, PendingChanges pending, long wallTimeMillis) {
        List<String> candidates = new ArrayList<>();
        for (String path : tree.containers()) {
            DataNode node = tree.get(path);
            // a container that never had a child is kept: it was probably created just before its first child
            if (node.cversion() > 0 && node.childCount() == 0 && !pending.touches(path)) {
                candidates.add(path);
            }
        }
        for (String path : tree.ttls()) {
            DataNode node = tree.get(path);
            long ttl = EphemeralOwner.ttlOf(node.ephemeralOwner());
            if (node.childCount() == 0 && ttl != 0 && wallTimeMillis - node.mtime() > ttl && !pending.touches(path)) {
                candidates.add(path);
            }
        }
        return candidates;
    }
}
