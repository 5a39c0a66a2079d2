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
 * Trees agree after the same txn: every Delivered digest for a zxid equals the first one delivered for that zxid.
 * A peer's first mismatch is reported (naming both peers); once its tree has diverged its later digests would all
 * differ, so the peer is not judged again until its next anchor (restart or SNAP sync) replaces its tree.
 */
public final class DigestAgreementChecker implements Checker {

    private record First(long digest, TxnId txn, long peer) {
    }

    @Override
    public String property() {
        return "tree digests agree";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, First> firstByZxid = new HashMap<>();
        Set<Long> diverged = new HashSet<>();
        for (Observation o : history) {
            if (Anchor.of(o) != Anchor.NONE) {
                diverged.remove(o.peer());
                continue;
            }
            if (!(o instanceof Observation.Acted a) || !(a.action() instanceof ZabAction.Delivered d)) {
                continue;
            }
            TxnId txn = TxnId.of(d.header(), d.txn());
            First first = firstByZxid.putIfAbsent(txn.zxid(), new First(d.digest(), txn, a.peer()));
            if (first != null && first.digest() != d.digest() && diverged.add(a.peer())) {
                violations.add(new Violation(property(), a.time(), "peer " + a.peer() + "'s tree digest after "
                        + Zxid.hex(txn.zxid()) + " is " + "0x" + Long.toHexString(d.digest()) + " but peer " + first.peer()
                        + "'s was " + "0x" + Long.toHexString(first.digest())
                        + (first.txn().equals(txn) ? " after the same txn" : "; the txns differ too (" + txn
                        + " vs " + first.txn() + ")")));
            }
        }
        return violations;
    }
}
