package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * Primary integrity: a leader, when established in epoch e, holds in its history every txn committed so far from
 * an epoch below e (delivered by any peer, or covered by an earlier establishment). Checked at each
 * LeaderEstablished against the leader's tracked history; an entry under the leader's snapshot whose content the
 * checker cannot know counts as held.
 */
public final class PrimaryIntegrityChecker implements Checker {
    private static final int LISTED_MAX = 5;

    @Override
    public String property() {
        return "primary integrity";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Replay replay = new Replay();
        for (Observation o : history) {
            if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.LeaderEstablished e) {
                PeerLog log = replay.log(a.peer());
                List<TxnId> lacking = log.lacking(replay.committedBelow(Zxid.firstOfEpoch(e.epoch())));
                int count = lacking.size();
                List<String> missing = new ArrayList<>();
                for (TxnId c : lacking.subList(0, Math.min(count, LISTED_MAX))) {
                    TxnId held = log.get(c.zxid());
                    missing.add(c + (held == null ? " (absent)" : " (it holds " + held + ")"));
                }
                if (count > 0) {
                    violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " was established in epoch "
                            + e.epoch() + " without " + count + " committed txn(s) of earlier epochs in its history: "
                            + String.join(", ", missing) + (count > missing.size() ? ", ..." : "")));
                }
            }
            replay.apply(o);
        }
        return violations;
    }
}
