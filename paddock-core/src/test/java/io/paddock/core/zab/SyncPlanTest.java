package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The leader's choice of DIFF, TRUNC or SNAP for one learner. The leader's history in every row: applied txns
 * 0x100000001..0x100000005 of which the window keeps 0x100000003.. (base 0x100000002), then uncommitted
 * 0x200000001..0x200000002.
 */
class SyncPlanTest {
    private static final long WINDOW_BASE = 0x100000002L;
    private static final long APPLIED = 0x100000005L;
    private static final long LAST = 0x200000002L;

    @ParameterizedTest(name = "learner at {0}: {1} from {2} ({3})")
    @CsvSource({
            // learner last, kind, base, the rule
            "0x200000002, DIFF, 0x200000002, 'same last zxid: nothing to send'",
            "0x100000004, DIFF, 0x100000004, 'a prefix of the window: send what follows'",
            "0x100000002, DIFF, 0x100000002, 'exactly at the window base: still a DIFF'",
            "0x200000001, DIFF, 0x200000001, 'inside the uncommitted tail: the tail follows'",
            "0x200000007, TRUNC, 0x200000002, 'ahead of the leader: drop what the leader lacks'",
            "0x300000001, TRUNC, 0x200000002, 'ahead in a later epoch: drop it too'",
            "0x100000009, TRUNC, 0x100000005, 'diverged in epoch 1: truncate to the leader''s greatest zxid below'",
            "0x100000001, SNAP, 0x100000005, 'behind the window: the applied tree'",
            "0x0, SNAP, 0x100000005, 'empty learner behind the window'",
    })
    void choosesThePlanFromTheLearnersLastZxid(String learner, SyncPlan.Kind kind, String base, String rule) {
        long learnerLast = Long.decode(learner);
        History h = leaderHistory();
        SyncPlan plan = SyncPlan.choose(learnerLast, WINDOW_BASE, APPLIED, LAST, h.contains(learnerLast),
                h.greatestBelow(learnerLast));
        assertThat(plan.kind()).as(rule).isEqualTo(kind);
        assertThat(plan.base()).as(rule).isEqualTo(Long.decode(base));
    }

    /** The history the table describes, built through the real History class. */
    private static History leaderHistory() {
        History h = new History(RecoveredHistory.empty(), 3);
        for (long c = 1; c <= 5; c++) {
            h.append(Txns.proposal(Zxid.of(1, c)));
        }
        h.commitThrough(APPLIED, applied -> { });
        h.append(Txns.proposal(Zxid.of(2, 1)));
        h.append(Txns.proposal(Zxid.of(2, 2)));
        assertThat(h.windowBase()).isEqualTo(WINDOW_BASE);
        assertThat(h.lastZxid()).isEqualTo(LAST);
        return h;
    }
}
