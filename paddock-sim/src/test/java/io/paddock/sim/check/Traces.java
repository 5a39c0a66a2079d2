package io.paddock.sim.check;

import io.paddock.sim.history.Observation;
import java.util.List;

/**
 * Histories shared by the checker tests. {@link #healthy()} exercises every path the checkers follow — elections,
 * a DIFF, a TRUNC, a SNAP, crashes and restarts — and breaks no property.
 */
final class Traces {
    static final Tx A = Tx.at(1, 1);
    static final Tx B = Tx.at(1, 2);
    static final Tx C = Tx.at(1, 3);
    static final Tx D = Tx.at(2, 1);
    static final Tx E = Tx.at(2, 2);

    private Traces() {
    }

    /** Epoch 1 led by 1 over 2 and 3; epoch 2 led by 2 after 1 crashes. */
    static TraceBuilder epochOne() {
        return new TraceBuilder()
                .at(10).leads(1, 1).follows(2, 1, 1).follows(3, 1, 1)
                .established(1, 1, 0).synced(2, 1, 1, 0).synced(3, 1, 1, 0)
                .at(20).broadcast(1, List.of(2L, 3L), A)
                .at(30).logs(1, B).logs(2, B).delivers(1, B).delivers(2, B)   // 3 never got B
                .durable(1, B.zxid()).durable(2, B.zxid())
                .at(40).logs(1, C);                                          // proposed, never acked
    }

    static TraceBuilder healthyBuilder() {
        return epochOne()
                .at(50).crashes(1).looks(2).looks(3)
                .at(60).restarts(1, A.zxid(), B.zxid(), C.zxid()).looks(1)
                .at(70).leads(2, 2).follows(3, 2, 2).follows(1, 2, 2)
                .logs(3, B)                        // DIFF for 3
                .truncates(1, B.zxid())            // TRUNC for 1: C was never committed
                .established(2, 2, B.zxid())
                .synced(3, 2, 2, B.zxid()).synced(1, 2, 2, B.zxid())
                .delivers(3, B).delivers(1, B)     // 1 restarted from a snapshot at A
                .at(80).broadcast(2, List.of(3L, 1L), D)
                .at(90).crashes(3).restarts(3, 0).looks(3).follows(3, 2, 2)
                .snapshots(3, D.zxid())            // SNAP for 3
                .synced(3, 2, 2, D.zxid())
                .at(100).broadcast(2, List.of(1L, 3L), E);
    }

    static List<Observation> healthy() {
        return healthyBuilder().build();
    }
}
