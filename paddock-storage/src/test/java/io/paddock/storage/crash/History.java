package io.paddock.storage.crash;

import io.paddock.storage.log.LoggedTxn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the clients and the storage role saw, across crashes: every txn handed to the log (the only txns that
 * may ever be recovered), every acknowledged write, every session a client was told it has, and the highest
 * zxid reported durable to the core.
 */
final class History {
    /** Txns submitted for persistence by zxid; a crash that recovers through R forgets those above R for good. */
    final NavigableMap<Long, LoggedTxn> submitted = new TreeMap<>();
    final List<Ack> acks = new ArrayList<>();
    final Set<Long> acknowledgedSessions = new LinkedHashSet<>();
    /** Sessions ever prepared (even if their createSession never became durable). */
    final Set<Long> preparedSessions = new LinkedHashSet<>();
    /** Per session, the highest zxid its client saw in a reply: it sends it when it reconnects. */
    final Map<Long, Long> lastZxidSeen = new HashMap<>();
    long reportedDurable;

    void submitted(LoggedTxn txn) {
        Long last = submitted.isEmpty() ? null : submitted.lastKey();
        if (last != null && txn.zxid() <= last) {
            throw new AssertionError("the core submitted zxid " + txn.zxid() + " after " + last);
        }
        submitted.put(txn.zxid(), txn);
        if (txn.txn() instanceof io.paddock.core.tree.Txn.CreateSession) {
            preparedSessions.add(txn.header().sessionId());
        }
    }

    /** After a recovery through {@code zxid}: the txns above it are lost, and their zxids will be reused. */
    void recoveredThrough(long zxid) {
        submitted.tailMap(zxid, false).clear();
        reportedDurable = zxid;
    }

    long highestAcknowledgedZxid() {
        return acks.stream().mapToLong(Ack::zxid).max().orElse(0);
    }

    /** The submitted txns after {@code zxid}, one per line, for failure reports. */
    String describeAfter(long zxid) {
        StringBuilder out = new StringBuilder();
        submitted.tailMap(zxid, false).values().forEach(t -> out.append(String.format("%n    0x%x session 0x%x: %s",
                t.zxid(), t.header().sessionId(), describe(t.txn()))));
        return out.toString();
    }

    static String describe(io.paddock.core.tree.Txn txn) {
        return switch (txn) {
            case io.paddock.core.tree.Txn.Create c -> (c.ephemeral() ? "create ephemeral " : "create ") + c.path();
            case io.paddock.core.tree.Txn.Delete d -> "delete " + d.path();
            case io.paddock.core.tree.Txn.SetData s -> "setData " + s.path() + " v" + s.version();
            case io.paddock.core.tree.Txn.CloseSession c -> "closeSession " + c.paths2Delete();
            case io.paddock.core.tree.Txn.CreateSession c -> "createSession";
            case io.paddock.core.tree.Txn.Error e -> "error " + e.err();
            case io.paddock.core.tree.Txn.Multi m -> "multi" + m.txns().stream().map(History::describe).toList();
            default -> txn.toString();
        };
    }
}
