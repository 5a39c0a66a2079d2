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
 * Zab's leadership property: at most one leader is established per epoch. Evidence that peer L leads epoch e is
 * L's own LeaderEstablished(e), or a learner's LearnerSynced(L, e) (it was brought up to date by L in e). Two
 * different leaders named for one epoch is a violation (reported once per epoch). A peer that reports
 * LeaderEstablished while its last role is not LEADING is one too.
 */
public final class LeaderUniquenessChecker implements Checker {

    private record Claim(long leader, long time, String evidence) {
    }

    @Override
    public String property() {
        return "one leader per epoch";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, Claim> leaderOfEpoch = new HashMap<>();
        Set<Long> reportedEpochs = new HashSet<>();
        Map<Long, PeerState> roles = new HashMap<>();
        for (Observation o : history) {
            if (o instanceof Observation.Crashed c) {
                roles.remove(c.peer());
            }
            if (!(o instanceof Observation.Acted a)) {
                continue;
            }
            Claim claim = switch (a.action()) {
                case ZabAction.RoleChanged r -> {
                    roles.put(a.peer(), r.state());
                    yield null;
                }
                case ZabAction.LeaderEstablished e -> {
                    PeerState role = roles.get(a.peer());
                    if (role != PeerState.LEADING) {
                        violations.add(new Violation(property(), a.time(), "peer " + a.peer()
                                + " reported LeaderEstablished for epoch " + e.epoch() + " while its role was "
                                + role + "; only a LEADING peer can be established"));
                    }
                    yield new Claim(a.peer(), a.time(), "peer " + a.peer() + " established epoch " + e.epoch());
                }
                case ZabAction.LearnerSynced s -> new Claim(s.leaderId(), a.time(),
                        "peer " + a.peer() + " synced with leader " + s.leaderId() + " in epoch " + s.epoch());
                default -> null;
            };
            if (claim == null) {
                continue;
            }
            long epoch = switch (a.action()) {
                case ZabAction.LeaderEstablished e -> e.epoch();
                case ZabAction.LearnerSynced s -> s.epoch();
                default -> throw new AssertionError(a.action());
            };
            Claim first = leaderOfEpoch.putIfAbsent(epoch, claim);
            if (first != null && first.leader() != claim.leader() && reportedEpochs.add(epoch)) {
                violations.add(new Violation(property(), a.time(), "epoch " + epoch + " has two leaders: peer "
                        + first.leader() + " (" + first.evidence() + " at t=" + first.time() + "ms) and peer "
                        + claim.leader() + " (" + claim.evidence() + ")"));
            }
        }
        return violations;
    }
}
