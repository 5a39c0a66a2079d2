package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class BarrierTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void distributedBarrierHoldsWaitersUntilRemoved(KindServer server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Curators curators = new Curators(server)) {
            DistributedBarrier controller = new DistributedBarrier(curators.client(), "/barrier");
            controller.setBarrier();
            AtomicInteger passed = new AtomicInteger();
            List<CompletableFuture<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DistributedBarrier barrier = new DistributedBarrier(curators.client(), "/barrier");
                assertThat(barrier.waitOnBarrier(200, TimeUnit.MILLISECONDS)).as("barrier is set").isFalse();
                waiters.add(CompletableFuture.runAsync(() -> {
                    try {
                        barrier.waitOnBarrier();
                        passed.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            eventually().during(Duration.ofMillis(300)).until(() -> passed.get() == 0);

            controller.removeBarrier();
            CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(passed.get()).isEqualTo(2);
            assertThat(new DistributedBarrier(curators.client(), "/barrier").waitOnBarrier(1, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void doubleBarrierReleasesEnterOnlyWithAllMembersAndLeaveTogether(KindServer server) throws Exception {
        int members = 3;
        ExecutorService pool = Executors.newFixedThreadPool(members);
        try (Curators curators = new Curators(server)) {
            CuratorFramework observer = curators.client();
            AtomicInteger entered = new AtomicInteger();
            AtomicInteger left = new AtomicInteger();
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                DistributedDoubleBarrier barrier = new DistributedDoubleBarrier(curators.client(), "/double", members);
                if (i == members - 1) {
                    // The last member arrives only when the others are inside and still held at enter.
                    eventually().until(() -> observer.checkExists().forPath("/double") != null
                            && observer.getChildren().forPath("/double").size() == members - 1);
                    eventually().during(Duration.ofMillis(300)).until(() -> entered.get() == 0);
                }
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        barrier.enter();
                        entered.incrementAndGet();
                        barrier.leave();
                        left.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(entered.get()).isEqualTo(members);
            assertThat(left.get()).isEqualTo(members);
            assertThat(Curators.childrenOrNoneIfCollected(observer, "/double")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
