package io.paddock.sim.check;

import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a history observation by observation and keeps what several checkers need: each peer's tracked history
 * ({@link PeerLog}), its role and the leader it follows, and the txns known committed so far. A checker inspects
 * the state before {@link #apply} to judge an observation against what came before it.
 *
 * <p>A txn is committed once any peer delivered it, or once a leader's establishment covered it (its history up to
 * the established lastZxid). The first identity seen committed at a zxid is kept; a second one is some checker's
 * violation, not a state to track.
 */
public final class Replay {
    private final Map<Long, PeerLog> logs = new HashMap<>();
    private final Map<Long, PeerState> roles = new HashMap<>();
    private final Map<Long, Long> leaders = new HashMap<>();
    private final Map<Long, TxnId> committed = new HashMap<>();
    private final List<TxnId> committedInOrder = new ArrayList<>();
    private ZabAction lastAction;
    private TxnId lastId;

    public PeerLog log(long peer) {
        return logs.computeIfAbsent(peer, p -> new PeerLog());
    }

    /** The peer's role from its last RoleChanged; null before any, and while it is down after a crash. */
    public PeerState role(long peer) {
        return roles.get(peer);
    }

    /** The leader the peer named in its last RoleChanged (itself when leading); -1 when none or unknown. */
    public long leaderOf(long peer) {
        return leaders.getOrDefault(peer, -1L);
    }

    /** The txn committed at {@code zxid} so far, or null. */
    public TxnId committed(long zxid) {
        return committed.get(zxid);
    }

    /** The committed txn with the highest zxid so far, or null. */
    public TxnId highestCommitted() {
        return committedInOrder.isEmpty() ? null : committedInOrder.getLast();
    }

    /** Every txn committed so far below {@code zxidExclusive}, in zxid order; a view. */
    public List<TxnId> committedBelow(long zxidExclusive) {
        return committedInOrder.subList(0, insertionPoint(committedInOrder, zxidExclusive));
    }

    /**
     * The identity of a PersistTxn's or a Delivered's txn (null for other actions); remembers the last one, so a
     * checker and this replay fingerprint each action once.
     */
    public TxnId idOf(ZabAction action) {
        if (action == lastAction) {
            return lastId;
        }
        TxnId id = switch (action) {
            case ZabAction.PersistTxn p -> TxnId.of(p.header(), p.txn());
            case ZabAction.Delivered d -> TxnId.of(d.header(), d.txn());
            default -> null;
        };
        lastAction = action;
        lastId = id;
        return id;
    }

    public void apply(Observation o) {
        switch (o) {
            case Observation.Acted a -> applyAction(a.peer(), a.action());
            case Observation.Crashed c -> {
                roles.remove(c.peer());
                leaders.remove(c.peer());
            }
            case Observation.Restarted r -> log(r.peer()).restart(r.snapshotZxid(), r.tailZxids());
            default -> {
            }
        }
    }

    private void applyAction(long peer, ZabAction action) {
        switch (action) {
            case ZabAction.PersistTxn p -> log(peer).append(idOf(p));
            case ZabAction.TruncateLog t -> log(peer).truncate(t.zxid());
            case ZabAction.PersistSnapshot s -> {
                long leader = leaderOf(peer);
                List<TxnId> covered = leader >= 0 && leader != peer ? log(leader).upTo(s.zxid()) : List.of();
                log(peer).replaceBySnapshot(s.zxid(), covered);
            }
            case ZabAction.Delivered d -> commit(idOf(d));
            case ZabAction.RoleChanged r -> {
                roles.put(peer, r.state());
                leaders.put(peer, r.leaderId());
            }
            case ZabAction.LeaderEstablished e -> {
                // one merge walk: most of the leader's history is committed already
                List<TxnId> history = log(peer).upTo(e.lastZxid());
                int j = 0;
                for (TxnId t : history) {
                    while (j < committedInOrder.size() && committedInOrder.get(j).zxid() < t.zxid()) {
                        j++;
                    }
                    if (j == committedInOrder.size() || committedInOrder.get(j).zxid() != t.zxid()) {
                        commit(t);
                    }
                }
            }
            default -> {
            }
        }
    }

    private void commit(TxnId txn) {
        if (committed.putIfAbsent(txn.zxid(), txn) != null) {
            return;
        }
        if (committedInOrder.isEmpty() || committedInOrder.getLast().zxid() < txn.zxid()) {
            committedInOrder.add(txn);
        } else {
            // committed below the frontier: a bug some checker reports; keep the order anyway
            committedInOrder.add(insertionPoint(committedInOrder, txn.zxid()), txn);
        }
    }

    /** The index of the first txn at or above {@code zxid} in a zxid-sorted list. */
    static int insertionPoint(List<TxnId> sorted, long zxid) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).zxid() < zxid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
