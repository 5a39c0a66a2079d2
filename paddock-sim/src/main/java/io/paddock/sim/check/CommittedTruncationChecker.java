package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * A truncation never removes a committed txn: a TruncateLog(z), or a PersistSnapshot(z) (which drops every logged
 * txn after z), must not drop from the peer's tracked history an entry that was committed at that moment (the very
 * txn, same fingerprint, committed by a delivery or an establishment).
 */
public final class CommittedTruncationChecker implements Checker {
    private static final int LISTED_MAX = 5;

    @Override
    public String property() {
        return "no committed txn truncated";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Replay replay = new Replay();
        for (Observation o : history) {
            if (o instanceof Observation.Acted a) {
                String how = switch (a.action()) {
                    case ZabAction.TruncateLog t -> "TruncateLog(" + Zxid.hex(t.zxid()) + ")";
                    case ZabAction.PersistSnapshot s -> "PersistSnapshot(" + Zxid.hex(s.zxid()) + ")";
                    default -> null;
                };
                if (how != null) {
                    long zxid = a.action() instanceof ZabAction.TruncateLog t ? t.zxid()
                            : ((ZabAction.PersistSnapshot) a.action()).zxid();
                    List<String> lost = new ArrayList<>();
                    int count = 0;
                    for (TxnId dropped : replay.log(a.peer()).above(zxid)) {
                        if (dropped.equals(replay.committed(dropped.zxid()))) {
                            count++;
                            if (lost.size() < LISTED_MAX) {
                                lost.add(dropped.toString());
                            }
                        }
                    }
                    if (count > 0) {
                        violations.add(new Violation(property(), a.time(), "peer " + a.peer() + "'s " + how
                                + " dropped " + count + " committed txn(s) from its log: " + String.join(", ", lost)
                                + (count > lost.size() ? ", ..." : "")));
                    }
                }
            }
            replay.apply(o);
        }
        return violations;
    }
}
