package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prefix consistency of delivered logs: of any two peers' delivered sequences (as (zxid, fingerprint) pairs), one
 * is a prefix of the other. Checked in linear time against one reference sequence, the union of all deliveries:
 * each peer keeps a cursor into it, and its next delivery must be the reference's entry at the cursor (or extend
 * the reference when the cursor is at its end). A restart or a SNAP sync at zxid z moves the peer's cursor just
 * past z in the reference (its tree now holds that prefix); an anchor the reference lacks re-anchors the peer at
 * its next delivery. After a peer departs from the reference it is reported once and followed again only from
 * its next anchor.
 */
public final class PrefixConsistencyChecker implements Checker {
    private static final int UNANCHORED = -1;

    @Override
    public String property() {
        return "prefix consistency";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        List<TxnId> reference = new ArrayList<>();
        List<Long> firstDeliverer = new ArrayList<>();
        Map<TxnId, Integer> indexOfTxn = new HashMap<>();
        Map<Long, Integer> indexOfZxid = new HashMap<>();
        Map<Long, Integer> cursor = new HashMap<>();
        Set<Long> departed = new HashSet<>();
        for (Observation o : history) {
            long anchor = Anchor.of(o);
            if (anchor != Anchor.NONE) {
                departed.remove(o.peer());
                Integer at = indexOfZxid.get(anchor);
                cursor.put(o.peer(), anchor == 0 ? 0 : at == null ? UNANCHORED : at + 1);
                continue;
            }
            if (!(o instanceof Observation.Acted a) || !(a.action() instanceof ZabAction.Delivered d)
                    || departed.contains(a.peer())) {
                continue;
            }
            TxnId txn = TxnId.of(d.header(), d.txn());
            int at = cursor.getOrDefault(a.peer(), 0);
            if (at == UNANCHORED) {
                Integer known = indexOfTxn.get(txn);
                at = known == null ? reference.size() : known;
            }
            if (at == reference.size()) {
                indexOfTxn.putIfAbsent(txn, at);
                indexOfZxid.putIfAbsent(txn.zxid(), at);
                reference.add(txn);
                firstDeliverer.add(a.peer());
            } else if (!reference.get(at).equals(txn)) {
                departed.add(a.peer());
                String after = at == 0 ? "as its first txn" : "after " + reference.get(at - 1);
                violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " delivered " + txn + " "
                        + after + ", but peer " + firstDeliverer.get(at) + " delivered " + reference.get(at)
                        + " there; neither delivered log is a prefix of the other"));
                continue;
            }
            cursor.put(a.peer(), at + 1);
        }
        return violations;
    }
}
