package io.paddock.sim.check;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A restart recovers what storage promised, and nothing else. At Restarted(snapshotZxid, tailZxids): every tail zxid
 * is one the peer logged (still in its tracked history, or dropped by a truncation or SNAP since its last restart,
 * which a crash may have cut short); and every tracked entry above the snapshot, at or below the highest zxid
 * storage reported Durable, is in the tail. The durable mark falls to z on TruncateLog(z), to nothing on
 * PersistSnapshot (until storage reports again), and is the recovered log's end after a restart.
 */
public final class RecoveryChecker implements Checker {
    private static final int LISTED_MAX = 5;

    @Override
    public String property() {
        return "restart recovers the durable log";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Replay replay = new Replay();
        Map<Long, Long> durable = new HashMap<>();
        for (Observation o : history) {
            switch (o) {
                case Observation.Durable d -> durable.merge(d.peer(), d.zxid(), Math::max);
                case Observation.Acted a when a.action() instanceof ZabAction.TruncateLog t ->
                        durable.computeIfPresent(a.peer(), (p, z) -> Math.min(z, t.zxid()));
                case Observation.Acted a when a.action() instanceof ZabAction.PersistSnapshot ->
                        durable.remove(a.peer());
                case Observation.Restarted r -> {
                    checkRestart(r, replay.log(r.peer()), durable.getOrDefault(r.peer(), 0L), violations);
                    long end = r.tailZxids().isEmpty() ? r.snapshotZxid() : r.tailZxids().getLast();
                    durable.put(r.peer(), end);
                }
                default -> {
                }
            }
            replay.apply(o);
        }
        return violations;
    }

    private void checkRestart(Observation.Restarted r, PeerLog log, long durableZxid, List<Violation> violations) {
        List<String> invented = new ArrayList<>();
        for (long zxid : r.tailZxids()) {
            if (zxid > r.snapshotZxid() && !log.loggedSinceRestart(zxid) && invented.size() < LISTED_MAX) {
                invented.add(Zxid.hex(zxid));
            }
        }
        if (!invented.isEmpty()) {
            violations.add(new Violation(property(), r.time(), "peer " + r.peer() + " restarted with "
                    + String.join(", ", invented) + " in its log (after snapshot " + Zxid.hex(r.snapshotZxid())
                    + "), which it never logged"));
        }
        Set<Long> tail = new HashSet<>(r.tailZxids());
        List<String> lost = new ArrayList<>();
        int count = 0;
        for (TxnId t : log.range(r.snapshotZxid(), durableZxid)) {
            if (!tail.contains(t.zxid())) {
                count++;
                if (lost.size() < LISTED_MAX) {
                    lost.add(t.toString());
                }
            }
        }
        if (count > 0) {
            violations.add(new Violation(property(), r.time(), "peer " + r.peer() + " restarted (snapshot "
                    + Zxid.hex(r.snapshotZxid()) + ") without " + count + " logged txn(s) that storage had reported"
                    + " durable up to " + Zxid.hex(durableZxid) + ": " + String.join(", ", lost)
                    + (count > lost.size() ? ", ..." : "")));
        }
    }
}
