package io.paddock.sim.check;

import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Local primary order: if the leader of an epoch proposed a before b, a peer that delivers b has delivered a
 * before it. The proposal order of epoch e is the order in which the first LEADING peer to log a txn of epoch e
 * logged txns of epoch e (PersistTxn while LEADING). By induction it is enough that, when a peer delivers the
 * k-th proposal of an epoch, it already has the (k-1)-th: delivered since its last anchor, or covered by that
 * anchor's snapshot (the anchor's zxid is at or above it).
 */
public final class LocalPrimaryOrderChecker implements Checker {

    @Override
    public String property() {
        return "local primary order";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, PeerState> roles = new HashMap<>();
        Map<Long, Long> proposerOfEpoch = new HashMap<>();
        Map<Long, List<TxnId>> proposalsOfEpoch = new HashMap<>();
        Map<TxnId, Integer> proposalIndex = new HashMap<>();
        Map<Long, Set<TxnId>> deliveredSinceAnchor = new HashMap<>();
        Map<Long, Long> anchorOf = new HashMap<>();
        for (Observation o : history) {
            long anchor = Anchor.of(o);
            if (anchor != Anchor.NONE) {
                anchorOf.put(o.peer(), anchor);
                deliveredSinceAnchor.remove(o.peer());
            }
            if (o instanceof Observation.Crashed c) {
                roles.remove(c.peer());
            }
            if (!(o instanceof Observation.Acted a)) {
                continue;
            }
            switch (a.action()) {
                case ZabAction.RoleChanged r -> roles.put(a.peer(), r.state());
                case ZabAction.PersistTxn p when roles.get(a.peer()) == PeerState.LEADING -> {
                    TxnId txn = TxnId.of(p.header(), p.txn());
                    long proposer = proposerOfEpoch.computeIfAbsent(txn.epoch(), e -> a.peer());
                    if (proposer == a.peer() && !proposalIndex.containsKey(txn)) {
                        List<TxnId> proposals = proposalsOfEpoch.computeIfAbsent(txn.epoch(), e -> new ArrayList<>());
                        proposalIndex.put(txn, proposals.size());
                        proposals.add(txn);
                    }
                }
                case ZabAction.Delivered d -> {
                    TxnId txn = TxnId.of(d.header(), d.txn());
                    Set<TxnId> delivered = deliveredSinceAnchor.computeIfAbsent(a.peer(), p -> new HashSet<>());
                    Integer index = proposalIndex.get(txn);
                    if (index != null && index > 0) {
                        TxnId before = proposalsOfEpoch.get(txn.epoch()).get(index - 1);
                        boolean covered = anchorOf.getOrDefault(a.peer(), 0L) >= before.zxid();
                        if (!covered && !delivered.contains(before)) {
                            violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " delivered "
                                    + txn + " without having delivered " + before + ", which leader "
                                    + proposerOfEpoch.get(txn.epoch()) + " proposed just before it in epoch "
                                    + txn.epoch()));
                        }
                    }
                    delivered.add(txn);
                }
                default -> {
                }
            }
        }
        return violations;
    }
}
