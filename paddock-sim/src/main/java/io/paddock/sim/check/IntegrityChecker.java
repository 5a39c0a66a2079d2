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
 * Zab's integrity: a delivered txn was proposed, nothing is invented. Proposed means some peer logged exactly that
 * txn (same zxid and fingerprint) with a PersistTxn while its role was LEADING — a leader logs each proposal before
 * sending it. Each invented txn is reported once, at its first delivery.
 */
public final class IntegrityChecker implements Checker {

    @Override
    public String property() {
        return "integrity";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Set<TxnId> proposed = new HashSet<>();
        Map<TxnId, Long> loggedByNonLeader = new HashMap<>();
        Map<Long, PeerState> roles = new HashMap<>();
        Set<TxnId> reported = new HashSet<>();
        for (Observation o : history) {
            if (o instanceof Observation.Crashed c) {
                roles.remove(c.peer());
            }
            if (!(o instanceof Observation.Acted a)) {
                continue;
            }
            switch (a.action()) {
                case ZabAction.RoleChanged r -> roles.put(a.peer(), r.state());
                case ZabAction.PersistTxn p -> {
                    TxnId txn = TxnId.of(p.header(), p.txn());
                    if (roles.get(a.peer()) == PeerState.LEADING) {
                        proposed.add(txn);
                    } else {
                        loggedByNonLeader.putIfAbsent(txn, a.peer());
                    }
                }
                case ZabAction.Delivered d -> {
                    TxnId txn = TxnId.of(d.header(), d.txn());
                    if (!proposed.contains(txn) && reported.add(txn)) {
                        Long logger = loggedByNonLeader.get(txn);
                        violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " delivered "
                                + txn + " (session 0x" + Long.toHexString(d.header().sessionId()) + " cxid "
                                + d.header().cxid() + "), which no LEADING peer ever logged as a proposal"
                                + (logger == null ? "" : "; only peer " + logger + " logged it, while not LEADING")));
                    }
                }
                default -> {
                }
            }
        }
        return violations;
    }
}
