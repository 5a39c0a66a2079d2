package io.paddock.sim.history;

import io.paddock.core.zab.ZabAction;
import java.util.List;

/**
 * One thing the simulator saw happen, in the order it happened. The checkers read nothing else: what a replica
 * did is its actions, what storage did is when it made data durable, and the faults are recorded as they strike.
 * {@code time} is virtual milliseconds; {@code peer} is a server id (-1 when no single server is meant).
 */
public sealed interface Observation {
    long time();

    long peer();

    /** An action a replica returned from one step, recorded before the simulator executes it. */
    record Acted(long time, long peer, ZabAction action) implements Observation {
    }

    /** Storage made everything this peer asked it to persist up to {@code zxid} durable. */
    record Durable(long time, long peer, long zxid) implements Observation {
    }

    /** The peer crashed: its volatile state is gone, and so are the bytes its disk had not forced. */
    record Crashed(long time, long peer) implements Observation {
    }

    /**
     * The peer restarted from its disk: the newest snapshot's zxid (0: none), the zxids logged after it
     * (its recovered history), and its epochs.
     */
    record Restarted(long time, long peer, long snapshotZxid, List<Long> tailZxids, long acceptedEpoch,
                     long currentEpoch) implements Observation {
        public Restarted {
            tailZxids = List.copyOf(tailZxids);
        }
    }

    /** The workload submitted a write at {@code peer}; it is identified by (sessionId, cxid) in the txn header. */
    record WriteSubmitted(long time, long peer, long sessionId, int cxid) implements Observation {
    }

    /** A fault struck (for the trace and for liveness: which faults happened, and when the last one healed). */
    record Fault(long time, long peer, String description) implements Observation {
    }

    /** From now on no fault strikes and every earlier one is healed: liveness is measured from here. */
    record FaultsHealed(long time) implements Observation {
        @Override
        public long peer() {
            return -1;
        }
    }
}
