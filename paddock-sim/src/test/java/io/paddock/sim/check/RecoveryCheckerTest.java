package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryCheckerTest {
    private final Checker checker = new RecoveryChecker();

    @Test
    void restartsThatKeepTheDurableLogHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void losingADurableTxnIsReported() {
        var history = new TraceBuilder().logs(2, A, B, C).durable(2, B.zxid())
                .at(9).crashes(2).restarts(2, 0, A.zxid())
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(9);
            assertThat(v.detail()).isEqualTo("peer 2 restarted (snapshot 0x0) without 1 logged txn(s) that storage"
                    + " had reported durable up to 0x100000002: " + B.id());
        });
    }

    @Test
    void recoveringATxnNeverLoggedIsReported() {
        var history = new TraceBuilder().logs(2, A).crashes(2).restarts(2, 0, A.zxid(), B.zxid()).build();
        assertThat(checker.check(history)).singleElement().extracting(Violation::detail).asString()
                .isEqualTo("peer 2 restarted with 0x100000002 in its log (after snapshot 0x0), which it never logged");
    }

    @Test
    void aTruncationACrashCutShortMayComeBack() {
        var history = new TraceBuilder().logs(2, A, B, C).durable(2, C.zxid())
                .truncates(2, A.zxid()).crashes(2).restarts(2, 0, A.zxid(), B.zxid(), C.zxid())
                .build();
        assertThat(checker.check(history)).isEmpty();
    }

    @Test
    void aTruncationLowersTheDurableMark() {
        Tx d = Tx.at(2, 1);
        var history = new TraceBuilder().logs(2, A, B, C).durable(2, C.zxid())
                .truncates(2, A.zxid()).logs(2, d)
                .crashes(2).restarts(2, 0, A.zxid())
                .build();
        assertThat(checker.check(history)).isEmpty();
    }

    /** Seeds 225 and 1536: a SNAP from a new leader replaces txns below its zxid; a crash before it is durable hands them back. */
    @Test
    void txnsASnapshotSyncReplacedMayComeBackWhenACrashBeatsTheSnapshot() {
        var history = new TraceBuilder().logs(2, A, B, C).durable(2, C.zxid())
                .snapshots(2, Tx.at(3, 1).zxid())
                .crashes(2).restarts(2, 0, A.zxid(), B.zxid(), C.zxid())
                .build();
        assertThat(checker.check(history)).isEmpty();
    }
}
