package io.paddock.core.node;

import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes prepared but not yet applied to the tree (ZooKeeper's outstanding changes). Requests are validated
 * against the tree as it will be once everything before them applies, so two creates of the same path in one
 * batch cannot both succeed. Records leave when the txn that made them is applied.
 */
final class PendingChanges {
    /** One prepared change to one path; {@code view} is null when the change deletes the node. */
    record Change(long zxid, String path, NodeView view) {
    }

    /** A point to roll back to when a multi fails part way. */
    record Mark(int size, Map<String, Change> replaced) {
    }

    private final DataTree tree;
    private final ArrayDeque<Change> inOrder = new ArrayDeque<>();
    private final Map<String, Change> latest = new HashMap<>();
    private Mark openMark;

    PendingChanges(DataTree tree) {
        this.tree = tree;
    }

    /** The node as it will be, or null if it will not exist. */
    NodeView view(String path) {
        Change c = latest.get(path);
        if (c != null) {
            return c.view();
        }
        DataNode node = tree.get(path);
        return node == null ? null : NodeView.of(node);
    }

    void record(long zxid, String path, NodeView view) {
        Change change = new Change(zxid, path, view);
        Change previous = latest.put(path, change);
        if (openMark != null && !openMark.replaced().containsKey(path)) {
            openMark.replaced().put(path, previous);
        }
        inOrder.addLast(change);
    }

    Mark mark() {
        assert openMark == null : "marks do not nest";
        openMark = new Mark(inOrder.size(), new HashMap<>());
        return openMark;
    }

    void commit(Mark mark) {
        assert openMark == mark;
        openMark = null;
    }

    void rollback(Mark mark) {
        assert openMark == mark;
        while (inOrder.size() > mark.size()) {
            inOrder.removeLast();
        }
        for (Map.Entry<String, Change> e : mark.replaced().entrySet()) {
            if (e.getValue() == null) {
                latest.remove(e.getKey());
            } else {
                latest.put(e.getKey(), e.getValue());
            }
        }
        openMark = null;
    }

    /** The txn with this zxid (and all before it) is now in the tree. */
    void appliedThrough(long zxid) {
        while (!inOrder.isEmpty() && inOrder.peekFirst().zxid() <= zxid) {
            Change done = inOrder.pollFirst();
            if (latest.get(done.path()) == done) {
                latest.remove(done.path());
            }
        }
    }

    boolean touches(String path) {
        return latest.containsKey(path);
    }

    /** Pending changes in preparation order (closeSession needs them to know a session's ephemerals). */
    List<Change> inOrder() {
        return new ArrayList<>(inOrder);
    }
}
