package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.DataTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery: the epoch a new leader proposes, and who counts toward it. */
class DiscoveryTest {

    private static RecoveredHistory epochs(long accepted, long current) {
        return new RecoveredHistory(new DataTree(), Map.of(), List.of(), accepted, current);
    }

    @Test
    void theNewEpochIsAboveEveryAcceptedEpochOfTheVotersAndAnObserversNeverCounts() {
        // S1 and S2 once accepted epoch 6 (it never became current), so every quorum with the leader S3 holds a 6;
        // the observer S4 claims 40, which must not count
        ZabCluster c = ZabCluster.of(3, 1, id -> id <= 2 ? epochs(6, 3) : id == 4 ? epochs(40, 3) : epochs(3, 3));
        c.start();
        c.runUntil(ZabCluster::established, 100);
        long leader = c.leader();
        List<Long> proposed = c.actionsOf(leader, ZabAction.LeaderEstablished.class).stream()
                .map(ZabAction.LeaderEstablished::epoch).toList();
        assertThat(proposed).containsExactly(7L);
        c.runUntil(x -> x.actionsOf(1, ZabAction.LearnerSynced.class).size() == 1
                && x.actionsOf(2, ZabAction.LearnerSynced.class).size() == 1, 50);
        // every voter takes the epoch durably before it acknowledges it
        for (long id = 1; id <= 3; id++) {
            assertThat(c.actionsOf(id, ZabAction.SaveEpochs.class)).as("S%d", id)
                    .anyMatch(s -> s.acceptedEpoch() == 7 && s.currentEpoch() == 7);
        }
        // the observer, having accepted 40, can only join a later epoch: it never acknowledges epoch 7
        for (int t = 0; t < 30; t++) {
            c.tickAll();
            for (int n = 0; n < 500 && c.deliverOne(m -> true); n++) {
                // bounded: a refused observer retries at once
            }
        }
        assertThat(c.actionsOf(4, ZabAction.Send.class)).noneMatch(s -> s.message() instanceof PeerMessage.AckEpoch);
        assertThat(c.actionsOf(4, ZabAction.LearnerSynced.class)).isEmpty();
    }
}
