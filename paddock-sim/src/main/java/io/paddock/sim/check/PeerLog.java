package io.paddock.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One peer's history as the checkers track it from its actions: the txns its log holds, in zxid order. Entries at
 * or below {@link #base()} are covered by a snapshot; of those we know only what we saw before (a snapshot received
 * from a leader copies the leader's entries; a restart keeps what was known). A zxid absent at or below the base
 * means "content unknown", a zxid absent above it means "not in this history".
 *
 * <p>Kept as a zxid-sorted array: appends, suffix truncations and prefix copies (what Zab does to a log) are cheap,
 * lookups are binary searches.
 */
public final class PeerLog {
    private List<TxnId> entries = new ArrayList<>();
    // Entries dropped by a truncation or a snapshot since the last restart: a crash may strike before storage
    // executed the drop, so a restart may legitimately hand them back.
    private final Map<Long, TxnId> dropped = new HashMap<>();
    private long base;

    public long base() {
        return base;
    }

    /** The txn at {@code zxid}, or null when absent (or unknown, at or below the base). */
    public TxnId get(long zxid) {
        int i = search(zxid);
        return i >= 0 ? entries.get(i) : null;
    }

    /** The highest zxid this history reaches: its last entry, or its snapshot base. */
    public long lastZxid() {
        return entries.isEmpty() ? base : Math.max(base, entries.getLast().zxid());
    }

    /** True when this history holds {@code txn}, or may hold it under its snapshot (content unknown there). */
    public boolean holdsOrCovers(TxnId txn) {
        TxnId here = get(txn.zxid());
        return here != null ? here.equals(txn) : txn.zxid() <= base;
    }

    /**
     * The txns of {@code sorted} (zxid order) this history neither holds nor may hold under its snapshot, found by
     * one merge walk over both.
     */
    public List<TxnId> lacking(List<TxnId> sorted) {
        List<TxnId> lacking = new ArrayList<>();
        int j = 0;
        for (TxnId t : sorted) {
            while (j < entries.size() && entries.get(j).zxid() < t.zxid()) {
                j++;
            }
            boolean present = j < entries.size() && entries.get(j).zxid() == t.zxid();
            if (present ? !entries.get(j).equals(t) : t.zxid() > base) {
                lacking.add(t);
            }
        }
        return lacking;
    }

    /** True when this peer logged {@code zxid} and it is still in its history, or was dropped since its last restart. */
    public boolean loggedSinceRestart(long zxid) {
        return search(zxid) >= 0 || dropped.containsKey(zxid);
    }

    /** The entries in (fromExclusive, toInclusive], in zxid order; a view, valid until the log changes. */
    public List<TxnId> range(long fromExclusive, long toInclusive) {
        int from = firstAbove(fromExclusive);
        int to = firstAbove(toInclusive);
        return from >= to ? List.of() : entries.subList(from, to);
    }

    /** Every known entry at or below {@code zxid}; a view, valid until the log changes. */
    public List<TxnId> upTo(long zxid) {
        return entries.subList(0, firstAbove(zxid));
    }

    /** The entries above {@code zxid}, in zxid order; a view, valid until the log changes. */
    public List<TxnId> above(long zxid) {
        return entries.subList(firstAbove(zxid), entries.size());
    }

    /** Appends in zxid order; an out-of-order or repeated zxid (a replica bug) is placed where its zxid sorts. */
    void append(TxnId txn) {
        if (entries.isEmpty() || entries.getLast().zxid() < txn.zxid()) {
            entries.add(txn);
            return;
        }
        int i = search(txn.zxid());
        if (i >= 0) {
            entries.set(i, txn);
        } else {
            entries.add(-i - 1, txn);
        }
    }

    /** Drops every entry above {@code zxid}. */
    void truncate(long zxid) {
        List<TxnId> gone = above(zxid);
        gone.forEach(t -> dropped.put(t.zxid(), t));
        gone.clear();
        base = Math.min(base, zxid);
    }

    /** Replaces the history by a snapshot at {@code zxid} whose known entries are {@code covered} (in zxid order). */
    void replaceBySnapshot(long zxid, List<TxnId> covered) {
        List<TxnId> copy = new ArrayList<>(covered); // covered may be a view of this very log
        assert copy.isEmpty() || copy.getLast().zxid() <= zxid : "snapshot entries above the snapshot at " + Zxid.hex(zxid);
        // everything the old history held goes to dropped, below the snapshot too: until the snapshot is durable
        // a crash hands the old log back, including txns the leader's history never had
        Set<TxnId> kept = new HashSet<>(copy);
        for (TxnId t : entries) {
            if (!kept.contains(t)) {
                dropped.put(t.zxid(), t);
            }
        }
        entries = copy;
        base = zxid;
    }

    /**
     * What storage handed back at restart: the snapshot at {@code snapshotZxid} and the logged zxids after it. Known
     * entries at or below the snapshot stay known; a tail zxid is resolved from the history, else from what was
     * dropped since the last restart; one never seen logged gets unknown content (left out).
     */
    void restart(long snapshotZxid, List<Long> tailZxids) {
        List<TxnId> kept = new ArrayList<>(upTo(snapshotZxid));
        for (long zxid : tailZxids) {
            TxnId t = get(zxid);
            if (t == null) {
                t = dropped.get(zxid);
            }
            if (t != null && zxid > snapshotZxid && (kept.isEmpty() || kept.getLast().zxid() < zxid)) {
                kept.add(t);
            }
        }
        entries = kept;
        dropped.clear();
        base = snapshotZxid;
    }

    /** Index of {@code zxid}, or -(insertion point) - 1. */
    private int search(long zxid) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = entries.get(mid).zxid();
            if (at < zxid) {
                lo = mid + 1;
            } else if (at > zxid) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Index of the first entry above {@code zxid}. */
    private int firstAbove(long zxid) {
        int i = search(zxid);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
