package io.paddock.core.zab.scenario;

import io.paddock.core.tree.Txn;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.Zxid;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The properties the scenarios of the S-2845/3911/4643/4712 family check, each as "empty, or what broke", read off
 * an {@link Ensemble}'s record of every server's actions and disk. A txn counts as committed once any server
 * delivered (applied) it.
 */
final class ReplicationChecks {
    private ReplicationChecks() {
    }

    /** Committed zxids, each with the servers that applied it ("S1, S3"). */
    private static Map<Long, String> committedBy(Ensemble e) {
        Map<Long, java.util.SortedSet<Long>> committed = new TreeMap<>();
        e.actions.forEach((id, actions) -> actions.stream().filter(a -> a instanceof ZabAction.Delivered)
                .map(a -> ((ZabAction.Delivered) a).header().zxid())
                .forEach(z -> committed.computeIfAbsent(z, k -> new java.util.TreeSet<>()).add(id)));
        Map<Long, String> names = new TreeMap<>();
        committed.forEach((z, ids) -> names.put(z, String.join(", ", ids.stream().map(id -> "S" + id).toList())));
        return names;
    }

    /** S-4643: nothing committed is ever truncated (no TRUNC removes a committed txn from any server's log). */
    static Optional<String> committedTxnTruncated(Ensemble e) {
        Map<Long, String> committed = committedBy(e);
        for (Map.Entry<Long, ScriptDisk> disk : e.disks.entrySet()) {
            for (long z : disk.getValue().truncatedZxids()) {
                if (committed.containsKey(z)) {
                    return Optional.of("S" + disk.getKey() + " truncated " + Zxid.hex(z) + " from its log, though "
                            + committed.get(z) + " had committed it");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * S-3911: a leader's committed log never regresses: the given (newly established) leader holds every txn any
     * server ever committed. Txns are creates of distinct paths, so "holds" is "its tree has the path".
     */
    static Optional<String> leaderLacksCommitted(Ensemble e, long leader) {
        Map<Long, String> committed = committedBy(e);
        for (java.util.List<ZabAction> actions : e.actions.values()) {
            for (ZabAction a : actions) {
                if (a instanceof ZabAction.Delivered d && d.txn() instanceof Txn.Create c
                        && e.replica(leader).tree().get(c.path()) == null) {
                    return Optional.of("leader S" + leader + " (epoch " + e.replica(leader).currentEpochValue() + ") lacks "
                            + Zxid.hex(d.header().zxid()) + " (" + c.path() + "), which " + committed.get(d.header().zxid())
                            + " committed");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * S-2845/S-4712: prefix consistency. Every txn a server applied was committed by {@code leader} too (its
     * history, across its lives, is the reference), and every server applying a zxid reached the same tree digest.
     */
    static Optional<String> notAPrefixOfTheLeader(Ensemble e, long leader) {
        Map<Long, Long> leaderDigests = new TreeMap<>();
        e.actionsOf(leader, ZabAction.Delivered.class).forEach(d -> leaderDigests.putIfAbsent(d.header().zxid(), d.digest()));
        for (long id : e.actions.keySet()) {
            for (ZabAction.Delivered d : e.actionsOf(id, ZabAction.Delivered.class)) {
                long z = d.header().zxid();
                Long expected = leaderDigests.get(z);
                if (expected == null && z <= e.replica(leader).tree().lastProcessedZxid()) {
                    return Optional.of("S" + id + " applied " + Zxid.hex(z) + ", which leader S" + leader + " never committed");
                }
                if (expected != null && expected != d.digest()) {
                    return Optional.of("S" + id + " reached digest " + Long.toHexString(d.digest()) + " at " + Zxid.hex(z)
                            + ", leader S" + leader + " reached " + Long.toHexString(expected));
                }
            }
        }
        return Optional.empty();
    }
}
