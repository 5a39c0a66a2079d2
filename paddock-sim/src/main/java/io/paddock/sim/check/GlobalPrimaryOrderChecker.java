package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Global primary order: at every peer, txns of a lower epoch are delivered before txns of a higher epoch. Each
 * peer's highest epoch so far comes from its deliveries since its last anchor and from that anchor's zxid (a
 * snapshot holding epoch e's txns holds every earlier epoch's txns it will ever deliver); a delivery from a lower
 * epoch than that is a violation.
 */
public final class GlobalPrimaryOrderChecker implements Checker {

    private record Highest(long epoch, String why) {
    }

    @Override
    public String property() {
        return "global primary order";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, Highest> highest = new HashMap<>();
        for (Observation o : history) {
            long anchor = Anchor.of(o);
            if (anchor != Anchor.NONE) {
                highest.put(o.peer(), new Highest(Zxid.epoch(anchor), "its snapshot at " + Zxid.hex(anchor)));
                continue;
            }
            if (!(o instanceof Observation.Acted a) || !(a.action() instanceof ZabAction.Delivered d)) {
                continue;
            }
            long zxid = d.header().zxid();
            long epoch = Zxid.epoch(zxid);
            Highest top = highest.get(a.peer());
            if (top != null && epoch < top.epoch()) {
                violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " delivered "
                        + Zxid.hex(zxid) + " of epoch " + epoch + " after " + top.why() + " of epoch " + top.epoch()
                        + "; every txn of a lower epoch must come first"));
            } else if (top == null || epoch > top.epoch()) {
                highest.put(a.peer(), new Highest(epoch, "delivering " + Zxid.hex(zxid)));
            }
        }
        return violations;
    }
}
