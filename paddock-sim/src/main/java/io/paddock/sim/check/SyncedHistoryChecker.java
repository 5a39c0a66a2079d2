package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * A synced learner's history is a prefix of its leader's. At LearnerSynced(leaderId, ...) the learner's tracked
 * history above its snapshot base, up to its last entry, must equal the leader's tracked history over the same
 * zxid range entry for entry: every learner entry is in the leader's history (or under the leader's snapshot,
 * content unknown), and every leader entry in that range is in the learner's.
 */
public final class SyncedHistoryChecker implements Checker {
    private static final int LISTED_MAX = 5;

    @Override
    public String property() {
        return "synced learner history is a prefix of the leader's";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Replay replay = new Replay();
        for (Observation o : history) {
            if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.LearnerSynced s
                    && s.leaderId() != a.peer()) {
                PeerLog learner = replay.log(a.peer());
                PeerLog leader = replay.log(s.leaderId());
                long from = learner.base();
                long to = learner.lastZxid();
                List<String> differences = new ArrayList<>();
                int count = 0;
                for (TxnId mine : leader.lacking(learner.range(from, to))) {
                    count++;
                    if (differences.size() < LISTED_MAX) {
                        TxnId theirs = leader.get(mine.zxid());
                        differences.add("learner has " + mine + ", leader "
                                + (theirs == null ? "has nothing there" : "has " + theirs));
                    }
                }
                for (TxnId theirs : learner.lacking(leader.range(from, to))) {
                    if (learner.get(theirs.zxid()) == null) {   // a different txn there was counted above
                        count++;
                        if (differences.size() < LISTED_MAX) {
                            differences.add("learner lacks " + theirs);
                        }
                    }
                }
                if (count > 0) {
                    violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " synced with leader "
                            + s.leaderId() + " in epoch " + s.epoch() + " but its history (" + Zxid.hex(from)
                            + ", " + Zxid.hex(to) + "] differs from the leader's in " + count + " entr"
                            + (count == 1 ? "y" : "ies") + ": " + String.join("; ", differences)
                            + (count > differences.size() ? "; ..." : "")));
                }
            }
            replay.apply(o);
        }
        return violations;
    }
}
