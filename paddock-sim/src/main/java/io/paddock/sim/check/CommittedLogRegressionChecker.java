package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed log never regresses from one leader to the next. At each LeaderEstablished(e, lastZxid):
 * its epoch is above every epoch established before it (epochs only grow), its lastZxid is at or above the
 * highest zxid committed so far, and its history holds that highest committed txn. (Every committed txn of an
 * earlier epoch is checked by {@link PrimaryIntegrityChecker}; this is the cheap frontier check.)
 */
public final class CommittedLogRegressionChecker implements Checker {

    private record Establishment(long peer, long epoch, long lastZxid, long time) {
    }

    @Override
    public String property() {
        return "committed log never regresses";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Replay replay = new Replay();
        Establishment latest = null;
        for (Observation o : history) {
            if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.LeaderEstablished e) {
                String leader = "peer " + a.peer() + " (established in epoch " + e.epoch() + " with lastZxid "
                        + Zxid.hex(e.lastZxid()) + ")";
                if (latest != null && e.epoch() < latest.epoch()) {
                    violations.add(new Violation(property(), a.time(), leader + " came after peer " + latest.peer()
                            + " was established in the higher epoch " + latest.epoch() + " at t=" + latest.time()
                            + "ms; established epochs must increase"));
                }
                TxnId top = replay.highestCommitted();
                if (top != null && top.zxid() > e.lastZxid()) {
                    violations.add(new Violation(property(), a.time(), leader + " is behind the committed log: "
                            + top + " was already committed"));
                } else if (top != null && !replay.log(a.peer()).holdsOrCovers(top)) {
                    TxnId held = replay.log(a.peer()).get(top.zxid());
                    violations.add(new Violation(property(), a.time(), leader + " lacks the highest committed txn "
                            + top + (held == null ? "" : "; its history holds " + held + " there")));
                }
                if (latest == null || e.epoch() >= latest.epoch()) {
                    latest = new Establishment(a.peer(), e.epoch(), e.lastZxid(), a.time());
                }
            }
            replay.apply(o);
        }
        return violations;
    }
}
