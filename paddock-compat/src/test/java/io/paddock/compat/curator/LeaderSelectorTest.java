package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class LeaderSelectorTest {
    private static final int PARTICIPANTS = 3;
    private static final int ROUNDS = 2;

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void participantsLeadInTurnOneAtATime(KindServer server) throws Exception {
        List<String> turns = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        try (Curators curators = new Curators(server)) {
            List<LeaderSelector> selectors = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS; i++) {
                String id = "p" + i;
                CuratorFramework client = curators.client();
                LeaderSelector selector = new LeaderSelector(client, "/selector/lock", new LeaderSelectorListenerAdapter() {
                    @Override
                    public void takeLeadership(CuratorFramework leaderClient) throws Exception {
                        if (turns.size() >= PARTICIPANTS * ROUNDS) {
                            finished.await(); // enough turns: hold leadership until the test closes us
                            return;
                        }
                        // Start a turn only once everyone is queued, so the order of turns is the queue's.
                        eventually().until(() -> leaderClient.getChildren().forPath("/selector/lock").size() == PARTICIPANTS);
                        // The server enforces "one leader at a time": a second concurrent leader could not
                        // create this ephemeral node.
                        try {
                            leaderClient.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                                    .forPath("/selector/holder", id.getBytes());
                            turns.add(id);
                            leaderClient.delete().forPath("/selector/holder");
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }
                });
                selector.setId(id);
                selector.autoRequeue();
                selectors.add(curators.closeLater(selector));
            }
            selectors.forEach(LeaderSelector::start);

            eventually().until(() -> turns.size() >= PARTICIPANTS * ROUNDS);
            assertThat(failures).isEmpty();
            List<String> firstRound = turns.subList(0, PARTICIPANTS);
            assertThat(firstRound).containsExactlyInAnyOrder("p0", "p1", "p2");
            // Requeued participants go to the back of the line: the second round repeats the first's order.
            assertThat(turns.subList(PARTICIPANTS, 2 * PARTICIPANTS)).containsExactlyElementsOf(firstRound);
            finished.countDown();
        } finally {
            finished.countDown();
        }
    }
}
