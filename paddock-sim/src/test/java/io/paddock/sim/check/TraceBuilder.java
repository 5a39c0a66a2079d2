package io.paddock.sim.check;

import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds a history that reads like a trace: {@code trace.leads(1, 1).logs(1, a).delivers(1, a)}. Every observation
 * is stamped with the current virtual time, which only {@link #at} moves.
 */
final class TraceBuilder {
    private final List<Observation> observations = new ArrayList<>();
    private long now;

    /** The digest every peer reports after delivering the txn at {@code zxid}, unless a test says otherwise. */
    static long digestAfter(long zxid) {
        return zxid * 7919 + 17;
    }

    TraceBuilder at(long time) {
        now = time;
        return this;
    }

    TraceBuilder act(long peer, ZabAction action) {
        observations.add(new Observation.Acted(now, peer, action));
        return this;
    }

    // ---- roles and phases ----

    TraceBuilder leads(long peer, long epoch) {
        return act(peer, new ZabAction.RoleChanged(PeerState.LEADING, peer, epoch));
    }

    TraceBuilder follows(long peer, long leader, long epoch) {
        return act(peer, new ZabAction.RoleChanged(PeerState.FOLLOWING, leader, epoch));
    }

    TraceBuilder looks(long peer) {
        return act(peer, new ZabAction.RoleChanged(PeerState.LOOKING, -1, 0));
    }

    TraceBuilder established(long peer, long epoch, long lastZxid) {
        return act(peer, new ZabAction.LeaderEstablished(epoch, lastZxid));
    }

    TraceBuilder synced(long peer, long leader, long epoch, long lastZxid) {
        return act(peer, new ZabAction.LearnerSynced(leader, epoch, lastZxid));
    }

    // ---- history and tree ----

    TraceBuilder logs(long peer, Tx... txns) {
        for (Tx t : txns) {
            act(peer, new ZabAction.PersistTxn(t.header(), t.txn()));
        }
        return this;
    }

    TraceBuilder delivers(long peer, Tx... txns) {
        for (Tx t : txns) {
            deliversWithDigest(peer, t, digestAfter(t.zxid()));
        }
        return this;
    }

    TraceBuilder deliversWithDigest(long peer, Tx t, long digest) {
        return act(peer, new ZabAction.Delivered(t.header(), t.txn(), digest));
    }

    /** The leader logs {@code t}, then the followers log it, then everyone delivers it. */
    TraceBuilder broadcast(long leader, List<Long> followers, Tx t) {
        logs(leader, t);
        followers.forEach(f -> logs(f, t));
        delivers(leader, t);
        followers.forEach(f -> delivers(f, t));
        return this;
    }

    TraceBuilder truncates(long peer, long zxid) {
        return act(peer, new ZabAction.TruncateLog(zxid));
    }

    TraceBuilder snapshots(long peer, long zxid) {
        return act(peer, new ZabAction.PersistSnapshot(zxid, List.of(), new TreeMap<>()));
    }

    // ---- storage, faults, workload ----

    TraceBuilder durable(long peer, long zxid) {
        observations.add(new Observation.Durable(now, peer, zxid));
        return this;
    }

    TraceBuilder crashes(long peer) {
        observations.add(new Observation.Crashed(now, peer));
        return this;
    }

    TraceBuilder restarts(long peer, long snapshotZxid, Long... tail) {
        observations.add(new Observation.Restarted(now, peer, snapshotZxid, Arrays.asList(tail), 0, 0));
        return this;
    }

    TraceBuilder submits(long peer, long sessionId, int cxid) {
        observations.add(new Observation.WriteSubmitted(now, peer, sessionId, cxid));
        return this;
    }

    TraceBuilder fault(long peer, String description) {
        observations.add(new Observation.Fault(now, peer, description));
        return this;
    }

    TraceBuilder healed() {
        observations.add(new Observation.FaultsHealed(now));
        return this;
    }

    List<Observation> build() {
        return List.copyOf(observations);
    }
}
