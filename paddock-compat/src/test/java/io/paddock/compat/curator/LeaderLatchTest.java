package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.Participant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class LeaderLatchTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void exactlyOneLeaderAndLeadershipMovesWhenTheLeaderCloses(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            List<LeaderLatch> latches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LeaderLatch latch = curators.closeLater(new LeaderLatch(curators.client(), "/latch", "p" + i));
                latch.start();
                latches.add(latch);
            }

            List<String> formerLeaders = new ArrayList<>();
            while (!latches.isEmpty()) {
                eventually().until(() -> leaders(latches).size() == 1);
                LeaderLatch leader = leaders(latches).get(0);
                assertThat(formerLeaders).doesNotContain(leader.getId());
                // Every remaining participant sees the same leader and the same participant set.
                for (LeaderLatch latch : latches) {
                    eventually().until(() -> latch.getLeader().getId().equals(leader.getId()));
                    assertThat(latch.getParticipants()).extracting(Participant::getId)
                            .containsExactlyInAnyOrderElementsOf(latches.stream().map(LeaderLatch::getId).toList());
                }
                formerLeaders.add(leader.getId());
                leader.close();
                assertThat(leader.hasLeadership()).isFalse();
                latches.remove(leader);
            }
            assertThat(formerLeaders).containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    private static List<LeaderLatch> leaders(List<LeaderLatch> latches) {
        return latches.stream().filter(LeaderLatch::hasLeadership).toList();
    }
}
