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
 * Progress once faults heal, measured from the last FaultsHealed at time T (a run without one is not judged):
 * <ol>
 *   <li>a leader stands at T + leaderBoundMs: the latest LeaderEstablished up to then, its peer neither crashed
 *       nor out of LEADING since. It has stood since E = max(T, its establishment);</li>
 *   <li>every write submitted at or after E + settleMs is Delivered (header sessionId and cxid) at that leader
 *       within writeBoundMs of its submission;</li>
 *   <li>no peer moves from another role into LOOKING after E + settleMs (a needless election). A peer's first role
 *       after starting or restarting is not a move.</li>
 * </ol>
 * A bound that ends after the run's last observation is not judged (the run was too short to tell).
 */
public final class LivenessChecker implements Checker {
    private static final int LISTED_MAX = 5;

    private final long leaderBoundMs;
    private final long settleMs;
    private final long writeBoundMs;

    private record Standing(long peer, long epoch, long time) {
    }

    private record WriteKey(long sessionId, int cxid) {
    }

    public LivenessChecker(long leaderBoundMs, long settleMs, long writeBoundMs) {
        if (leaderBoundMs < 0 || settleMs < 0 || writeBoundMs < 0) {
            throw new IllegalArgumentException("bounds must not be negative");
        }
        this.leaderBoundMs = leaderBoundMs;
        this.settleMs = settleMs;
        this.writeBoundMs = writeBoundMs;
    }

    @Override
    public String property() {
        return "liveness after faults heal";
    }

    @Override
    public List<Violation> check(List<Observation> history) {
        long healed = -1;
        for (Observation o : history) {
            if (o instanceof Observation.FaultsHealed h) {
                healed = h.time();
            }
        }
        if (healed < 0) {
            return List.of();
        }
        long end = history.getLast().time();
        long leaderDeadline = healed + leaderBoundMs;
        Standing leader = leaderStandingAt(history, leaderDeadline);
        if (leader == null) {
            return end < leaderDeadline ? List.of() : List.of(new Violation(property(), leaderDeadline,
                    "no leader was established and standing " + leaderBoundMs + "ms after faults healed at t="
                            + healed + "ms"));
        }
        long settled = Math.max(healed, leader.time()) + settleMs;
        List<Violation> violations = new ArrayList<>(needlessElections(history, settled, leader));
        Violation writes = lostWrites(history, settled, end, leader);
        if (writes != null) {
            violations.add(writes);
        }
        return violations;
    }

    private static Standing leaderStandingAt(List<Observation> history, long deadline) {
        Standing standing = null;
        for (Observation o : history) {
            if (o.time() > deadline) {
                break;
            }
            if (o instanceof Observation.Crashed c && standing != null && c.peer() == standing.peer()) {
                standing = null;
            } else if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.LeaderEstablished e) {
                standing = new Standing(a.peer(), e.epoch(), a.time());
            } else if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.RoleChanged r
                    && standing != null && a.peer() == standing.peer() && r.state() != PeerState.LEADING) {
                standing = null;
            }
        }
        return standing;
    }

    private List<Violation> needlessElections(List<Observation> history, long settled, Standing leader) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, PeerState> roles = new HashMap<>();
        Set<Long> reported = new HashSet<>();
        for (Observation o : history) {
            if (o instanceof Observation.Crashed c) {
                roles.remove(c.peer());
            } else if (o instanceof Observation.Acted a && a.action() instanceof ZabAction.RoleChanged r) {
                PeerState before = roles.put(a.peer(), r.state());
                if (r.state() == PeerState.LOOKING && before != null && before != PeerState.LOOKING
                        && a.time() > settled && reported.add(a.peer())) {
                    violations.add(new Violation(property(), a.time(), "peer " + a.peer() + " went from " + before
                            + " to LOOKING after leader " + leader.peer() + " of epoch " + leader.epoch()
                            + " was established (t=" + leader.time() + "ms) and faults had healed: a needless election"));
                }
            }
        }
        return violations;
    }

    private Violation lostWrites(List<Observation> history, long settled, long end, Standing leader) {
        Map<WriteKey, List<Long>> deliveredAtLeader = new HashMap<>();
        List<Observation.WriteSubmitted> judged = new ArrayList<>();
        for (Observation o : history) {
            if (o instanceof Observation.WriteSubmitted w && w.time() >= settled && w.time() + writeBoundMs <= end) {
                judged.add(w);
            } else if (o instanceof Observation.Acted a && a.peer() == leader.peer()
                    && a.action() instanceof ZabAction.Delivered d) {
                deliveredAtLeader.computeIfAbsent(new WriteKey(d.header().sessionId(), d.header().cxid()),
                        k -> new ArrayList<>()).add(a.time());
            }
        }
        List<String> missed = new ArrayList<>();
        int count = 0;
        long firstDeadline = -1;
        for (Observation.WriteSubmitted w : judged) {
            long deadline = w.time() + writeBoundMs;
            List<Long> times = deliveredAtLeader.getOrDefault(new WriteKey(w.sessionId(), w.cxid()), List.of());
            boolean inTime = times.stream().anyMatch(t -> t >= w.time() && t <= deadline);
            if (!inTime) {
                count++;
                if (firstDeadline < 0) {
                    firstDeadline = deadline;
                }
                if (missed.size() < LISTED_MAX) {
                    missed.add("session 0x" + Long.toHexString(w.sessionId()) + " cxid " + w.cxid() + " at peer "
                            + w.peer() + " (t=" + w.time() + "ms)");
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return new Violation(property(), firstDeadline, count + " write(s) submitted after the cluster settled (t="
                + settled + "ms) were not delivered at leader " + leader.peer() + " within " + writeBoundMs + "ms: "
                + String.join(", ", missed) + (count > missed.size() ? ", ..." : ""));
    }
}
