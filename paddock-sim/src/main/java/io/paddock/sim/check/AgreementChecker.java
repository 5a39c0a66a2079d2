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
 * Agreement: two peers that delivered a txn with the same zxid delivered the same txn (same fingerprint). Each
 * delivery is compared with the first delivery of its zxid; each (peer, zxid) is reported once.
 */
public final class AgreementChecker implements Checker {

    private record First(TxnId txn, long peer, long time) {
    }

    @Override
    public String property() {
        return "agreement";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, First> firstByZxid = new HashMap<>();
        Set<List<Long>> reported = new HashSet<>();
        for (Observation o : history) {
            if (!(o instanceof Observation.Acted a) || !(a.action() instanceof ZabAction.Delivered d)) {
                continue;
            }
            TxnId txn = TxnId.of(d.header(), d.txn());
            First first = firstByZxid.putIfAbsent(txn.zxid(), new First(txn, a.peer(), a.time()));
            if (first != null && !first.txn().equals(txn) && reported.add(List.of(a.peer(), txn.zxid()))) {
                violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " delivered " + txn
                        + " but peer " + first.peer() + " delivered a different txn " + first.txn()
                        + " at the same zxid (t=" + first.time() + "ms)"));
            }
        }
        return violations;
    }
}
