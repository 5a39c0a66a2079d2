package io.paddock.core.zab;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnResult;
import io.paddock.core.tree.WatchTrigger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A replica's history in memory: the tree with every committed txn this server has applied, then the txns it
 * has logged (or is logging) whose commit it has not learned yet. The last {@code window} applied txns are kept
 * so a leader can bring learners up to date by DIFF.
 *
 * <p>The tree only ever holds committed txns, so dropping a tail (TRUNC) never needs to undo an applied change;
 * truncating below the applied point would remove a committed txn, and is refused.
 */
final class History {
    private DataTree tree;
    private final Map<Long, Integer> sessions;
    private final ArrayDeque<PeerMessage.Proposal> applied = new ArrayDeque<>();
    private final ArrayList<PeerMessage.Proposal> uncommitted = new ArrayList<>();
    private final int window;
    /** The zxid whose state the first kept applied txn starts from: learners at or after it can be DIFFed. */
    private long windowBase;

    History(RecoveredHistory recovered, int window) {
        this.tree = recovered.tree();
        this.sessions = new LinkedHashMap<>(recovered.sessionTimeouts());
        this.uncommitted.addAll(recovered.tail());
        this.window = window;
        this.windowBase = tree.lastProcessedZxid();
    }

    DataTree tree() {
        return tree;
    }

    long lastZxid() {
        return uncommitted.isEmpty() ? tree.lastProcessedZxid() : uncommitted.get(uncommitted.size() - 1).zxid();
    }

    long lastAppliedZxid() {
        return tree.lastProcessedZxid();
    }

    long windowBase() {
        return windowBase;
    }

    boolean hasUncommitted() {
        return !uncommitted.isEmpty();
    }

    SortedMap<Long, Integer> sessions() {
        return new TreeMap<>(sessions);
    }

    /** Appends a txn this server logs; zxids only grow. */
    void append(PeerMessage.Proposal proposal) {
        if (proposal.zxid() <= lastZxid()) {
            throw new IllegalStateException("txn " + Zxid.hex(proposal.zxid()) + " does not follow the history's last "
                    + Zxid.hex(lastZxid()));
        }
        uncommitted.add(proposal);
    }

    /** Whether {@code zxid} is in the history: applied (within the window), pending, or the applied point itself. */
    boolean contains(long zxid) {
        if (zxid == tree.lastProcessedZxid() || zxid == windowBase) {
            return true;
        }
        for (PeerMessage.Proposal p : applied) {
            if (p.zxid() == zxid) {
                return true;
            }
        }
        for (PeerMessage.Proposal p : uncommitted) {
            if (p.zxid() == zxid) {
                return true;
            }
        }
        return false;
    }

    /** A txn applied as committed, with the tree digest right after it, its result and the watches it fires. */
    record Applied(PeerMessage.Proposal proposal, long digest, TxnResult result, List<WatchTrigger> triggers) {
    }

    /**
     * Applies every pending txn up to {@code zxid}, which must be in the history, in order; {@code onApplied} hears
     * of each right after it is applied, before the next one is (the node layer answers reads in between).
     */
    List<Applied> commitThrough(long zxid, Consumer<Applied> onApplied) {
        if (zxid <= tree.lastProcessedZxid()) {
            return List.of();
        }
        if (uncommitted.stream().noneMatch(p -> p.zxid() == zxid)) {
            throw new IllegalStateException("commit of " + Zxid.hex(zxid) + ", which is not in this history (last "
                    + Zxid.hex(lastZxid()) + ", applied " + Zxid.hex(tree.lastProcessedZxid()) + ")");
        }
        List<Applied> done = new ArrayList<>();
        Iterator<PeerMessage.Proposal> it = uncommitted.iterator();
        while (it.hasNext()) {
            PeerMessage.Proposal p = it.next();
            if (p.zxid() > zxid) {
                break;
            }
            it.remove();
            List<WatchTrigger> triggers = new ArrayList<>(2);
            TxnResult result = apply(p, triggers);
            Applied applied = new Applied(p, tree.digest(), result, triggers);
            done.add(applied);
            onApplied.accept(applied);
        }
        return done;
    }

    private TxnResult apply(PeerMessage.Proposal p, List<WatchTrigger> triggers) {
        switch (p.txn()) {
            case Txn.CreateSession s -> sessions.put(p.header().sessionId(), s.timeOut());
            case Txn.CloseSession c -> sessions.remove(p.header().sessionId());
            default -> {
            }
        }
        TxnResult result = tree.apply(p.header(), p.txn(), triggers);
        applied.addLast(p);
        while (applied.size() > window) {
            windowBase = applied.removeFirst().zxid();
        }
        if (window == 0) {
            windowBase = tree.lastProcessedZxid();
        }
        return result;
    }

    /** Drops every txn after {@code zxid}; none of them may be applied (that would lose a committed txn). */
    void truncateAfter(long zxid) {
        if (zxid < tree.lastProcessedZxid()) {
            throw new IllegalStateException("TRUNC to " + Zxid.hex(zxid) + " would remove committed txns up to "
                    + Zxid.hex(tree.lastProcessedZxid()));
        }
        uncommitted.removeIf(p -> p.zxid() > zxid);
    }

    /** Replaces the whole history with a leader's snapshot. */
    void replaceWith(DataTree snapshot, Map<Long, Integer> snapshotSessions) {
        tree = snapshot;
        sessions.clear();
        sessions.putAll(snapshotSessions);
        applied.clear();
        uncommitted.clear();
        windowBase = tree.lastProcessedZxid();
    }

    /** Every txn after {@code zxid} (which must be at or after the window base), applied ones first. */
    List<PeerMessage.Proposal> after(long zxid) {
        List<PeerMessage.Proposal> result = new ArrayList<>();
        for (PeerMessage.Proposal p : applied) {
            if (p.zxid() > zxid) {
                result.add(p);
            }
        }
        for (PeerMessage.Proposal p : uncommitted) {
            if (p.zxid() > zxid) {
                result.add(p);
            }
        }
        return result;
    }

    /** The greatest zxid of the history (from the window base on) below {@code zxid}. */
    long greatestBelow(long zxid) {
        long best = windowBase;
        for (PeerMessage.Proposal p : applied) {
            if (p.zxid() < zxid) {
                best = Math.max(best, p.zxid());
            }
        }
        for (PeerMessage.Proposal p : uncommitted) {
            if (p.zxid() < zxid) {
                best = Math.max(best, p.zxid());
            }
        }
        return best;
    }

    /** The applied tree as records, parents first: what a SNAP sends. */
    List<NodeRecord> snapshotRecords() {
        TreeSnapshotCursor cursor = new TreeSnapshotCursor(tree);
        List<NodeRecord> all = new ArrayList<>(tree.nodeCount());
        while (!cursor.done()) {
            all.addAll(cursor.next(1024));
        }
        return all;
    }
}
