package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Total order: if some peer delivers a before b, no peer delivers b before a. Zab orders txns by zxid, so this is
 * checked as: each peer delivers in strictly increasing zxid order (no going back, no repeat) from its last anchor
 * (a restart's snapshot or a SNAP sync, whose zxid the next delivery must exceed). With agreement (one txn per
 * zxid) that gives one total order over all peers' deliveries.
 */
public final class TotalOrderChecker implements Checker {

    @Override
    public String property() {
        return "total order";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, Long> lastZxid = new HashMap<>();
        Map<Long, String> lastWhat = new HashMap<>();
        for (Observation o : history) {
            long anchor = Anchor.of(o);
            if (anchor != Anchor.NONE) {
                lastZxid.put(o.peer(), anchor);
                lastWhat.put(o.peer(), "its tree was anchored at snapshot " + Zxid.hex(anchor));
                continue;
            }
            if (!(o instanceof Observation.Acted a) || !(a.action() instanceof ZabAction.Delivered d)) {
                continue;
            }
            long zxid = d.header().zxid();
            long previous = lastZxid.getOrDefault(a.peer(), 0L);
            if (zxid <= previous) {
                violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " delivered "
                        + Zxid.hex(zxid) + " after " + lastWhat.getOrDefault(a.peer(), "starting empty")
                        + "; deliveries must follow increasing zxid order"));
            }
            lastZxid.put(a.peer(), Math.max(previous, zxid));
            lastWhat.put(a.peer(), "it delivered " + Zxid.hex(Math.max(previous, zxid)));
        }
        return violations;
    }
}
