package io.paddock.sim.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One peer's history as the checkers track it from its actions: the txns its log holds, by zxid. Entries at or
 * below {@link #base()} are covered by a snapshot; of those we know only what we saw before (a snapshot received
 * from a leader copies the leader's entries; a restart keeps what was known). A zxid absent at or below the base
 * means "content unknown", a zxid absent above it means "not in this history".
 */
public final class PeerLog {
    private final TreeMap<Long, TxnId> entries = new TreeMap<>();
    // Entries dropped by a truncation or a snapshot since the last restart: a crash may strike before storage
    // executed the drop, so a restart may legitimately hand them back.
    private final TreeMap<Long, TxnId> dropped = new TreeMap<>();
    private long base;

    public long base() {
        return base;
    }

    /** The txn at {@code zxid}, or null when absent (or unknown, at or below the base). */
    public TxnId get(long zxid) {
        return entries.get(zxid);
    }

    /** The highest zxid this history reaches: its last entry, or its snapshot base. */
    public long lastZxid() {
        return entries.isEmpty() ? base : Math.max(base, entries.lastKey());
    }

    /** True when this history holds {@code txn}, or may hold it under its snapshot (content unknown there). */
    public boolean holdsOrCovers(TxnId txn) {
        TxnId here = entries.get(txn.zxid());
        return here != null ? here.equals(txn) : txn.zxid() <= base;
    }

    /** The entries in (fromExclusive, toInclusive], in zxid order; a view. */
    public NavigableMap<Long, TxnId> range(long fromExclusive, long toInclusive) {
        if (toInclusive <= fromExclusive) {
            return new TreeMap<>();
        }
        return entries.subMap(fromExclusive, false, toInclusive, true);
    }

    /** Every known entry at or below {@code zxid}; a view. */
    public NavigableMap<Long, TxnId> upTo(long zxid) {
        return entries.headMap(zxid, true);
    }

    /** Appends; returns the entry it replaced at that zxid, or null (appending at an existing zxid is a bug to report). */
    TxnId append(TxnId txn) {
        return entries.put(txn.zxid(), txn);
    }

    /** The entries above {@code zxid}, in zxid order; a view. */
    public NavigableMap<Long, TxnId> above(long zxid) {
        return entries.tailMap(zxid, false);
    }

    /** True when this peer logged {@code zxid} and it is still in its history, or was dropped since its last restart. */
    public boolean loggedSinceRestart(long zxid) {
        return entries.containsKey(zxid) || dropped.containsKey(zxid);
    }

    /** Drops every entry above {@code zxid}. */
    void truncate(long zxid) {
        NavigableMap<Long, TxnId> gone = entries.tailMap(zxid, false);
        dropped.putAll(gone);
        gone.clear();
        base = Math.min(base, zxid);
    }

    /** Replaces the history by a snapshot at {@code zxid} whose known entries are {@code covered}. */
    void replaceBySnapshot(long zxid, Collection<TxnId> covered) {
        List<TxnId> copy = new ArrayList<>(covered); // covered may be a view of this very log
        dropped.putAll(entries.tailMap(zxid, false));
        entries.clear();
        for (TxnId t : copy) {
            assert t.zxid() <= zxid : "snapshot entry " + t + " above the snapshot at " + Zxid.hex(zxid);
            entries.put(t.zxid(), t);
        }
        base = zxid;
    }

    /**
     * What storage handed back at restart: the snapshot at {@code snapshotZxid} and the logged zxids after it. Known
     * entries at or below the snapshot stay known; a tail zxid is resolved from the history, else from what was
     * dropped since the last restart; one never seen logged gets unknown content (left out).
     */
    void restart(long snapshotZxid, List<Long> tailZxids) {
        TreeMap<Long, TxnId> kept = new TreeMap<>(entries.headMap(snapshotZxid, true));
        for (long zxid : tailZxids) {
            TxnId t = entries.containsKey(zxid) ? entries.get(zxid) : dropped.get(zxid);
            if (t != null && zxid > snapshotZxid) {
                kept.put(zxid, t);
            }
        }
        entries.clear();
        entries.putAll(kept);
        dropped.clear();
        base = snapshotZxid;
    }
}
