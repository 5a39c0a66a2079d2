package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class InterProcessMutexTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void excludesOtherClientsFromAReadModifyWrite(KindServer server) throws Exception {
        int clients = 3;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Curators curators = new Curators(server)) {
            CuratorFramework setup = curators.client();
            setup.create().creatingParentsIfNeeded().forPath("/mutex-rmw/counter", "0".getBytes(StandardCharsets.UTF_8));
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                CuratorFramework client = curators.client();
                InterProcessMutex mutex = new InterProcessMutex(client, "/mutex-rmw/lock");
                workers.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int r = 0; r < rounds; r++) {
                            mutex.acquire();
                            try {
                                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                // Unversioned read-modify-write: without exclusion, increments get lost.
                                int value = Integer.parseInt(new String(client.getData().forPath("/mutex-rmw/counter"),
                                        StandardCharsets.UTF_8));
                                client.setData().forPath("/mutex-rmw/counter",
                                        Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8));
                                inside.decrementAndGet();
                            } finally {
                                mutex.release();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(maxInside.get()).isEqualTo(1);
            assertThat(new String(setup.getData().forPath("/mutex-rmw/counter"), StandardCharsets.UTF_8))
                    .isEqualTo(Integer.toString(clients * rounds));
            assertThat(Curators.childrenOrNoneIfCollected(setup, "/mutex-rmw/lock")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void isReentrantAndFreedOnlyByTheLastRelease(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            InterProcessMutex mine = new InterProcessMutex(curators.client(), "/mutex-reentrant");
            InterProcessMutex theirs = new InterProcessMutex(curators.client(), "/mutex-reentrant");

            mine.acquire();
            assertThat(mine.acquire(5, TimeUnit.SECONDS)).isTrue();
            assertThat(mine.isAcquiredInThisProcess()).isTrue();
            assertThat(mine.isOwnedByCurrentThread()).isTrue();
            // Reentry does not take a second lock node.
            assertThat(mine.getParticipantNodes()).hasSize(1);

            mine.release();
            assertThat(mine.isOwnedByCurrentThread()).isTrue();
            assertThat(otherThreadAcquires(theirs)).isFalse();

            mine.release();
            assertThat(mine.isAcquiredInThisProcess()).isFalse();
            assertThat(otherThreadAcquires(theirs)).isTrue();
            assertThatThrownBy(mine::release).isInstanceOf(IllegalMonitorStateException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void releaseDeletesTheLockNodeAndWakesTheWaiter(KindServer server) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Curators curators = new Curators(server)) {
            CuratorFramework observer = curators.client();
            InterProcessMutex first = new InterProcessMutex(curators.client(), "/mutex-release");
            InterProcessMutex second = new InterProcessMutex(curators.client(), "/mutex-release");
            first.acquire();
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try {
                    second.acquire();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            // The waiter queues behind the holder: two lock nodes, and it does not get through.
            eventually().until(() -> observer.getChildren().forPath("/mutex-release").size() == 2);
            assertThat(waiter).isNotDone();

            first.release();
            waiter.get(20, TimeUnit.SECONDS);
            assertThat(observer.getChildren().forPath("/mutex-release")).hasSize(1);
            assertThat(second.getParticipantNodes()).hasSize(1);
            pool.submit(() -> {
                second.release();
                return null;
            }).get(20, TimeUnit.SECONDS);
            assertThat(Curators.childrenOrNoneIfCollected(observer, "/mutex-release")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a thread that does not hold {@code mutex} can take it within a short bound (and gives it back). */
    private static boolean otherThreadAcquires(InterProcessMutex mutex) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                boolean acquired = mutex.acquire(300, TimeUnit.MILLISECONDS);
                if (acquired) {
                    mutex.release();
                }
                return acquired;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(20, TimeUnit.SECONDS);
    }
}
