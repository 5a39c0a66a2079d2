package io.paddock.compat.curator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class InterProcessSemaphoreV2Test {
    private static final int MAX_LEASES = 2;

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void aThirdLeaseWaitsUntilOneIsReturned(KindServer server) throws Exception {
        try (Curators curators = new Curators(server)) {
            InterProcessSemaphoreV2 a = new InterProcessSemaphoreV2(curators.client(), "/semaphore-basic", MAX_LEASES);
            InterProcessSemaphoreV2 b = new InterProcessSemaphoreV2(curators.client(), "/semaphore-basic", MAX_LEASES);
            InterProcessSemaphoreV2 c = new InterProcessSemaphoreV2(curators.client(), "/semaphore-basic", MAX_LEASES);

            Lease leaseA = a.acquire(10, TimeUnit.SECONDS);
            Lease leaseB = b.acquire(10, TimeUnit.SECONDS);
            assertThat(leaseA).isNotNull();
            assertThat(leaseB).isNotNull();
            assertThat(a.getParticipantNodes()).hasSize(MAX_LEASES);

            assertThat(c.acquire(300, TimeUnit.MILLISECONDS)).as("lease beyond the maximum").isNull();

            a.returnLease(leaseA);
            Lease leaseC = c.acquire(10, TimeUnit.SECONDS);
            assertThat(leaseC).isNotNull();
            assertThat(c.getParticipantNodes()).hasSize(MAX_LEASES);
            b.returnLease(leaseB);
            c.returnLease(leaseC);
            assertThat(c.getParticipantNodes()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void neverMoreHoldersThanLeasesUnderContention(KindServer server) throws Exception {
        int workers = 4;
        int rounds = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (Curators curators = new Curators(server)) {
            AtomicInteger holders = new AtomicInteger();
            AtomicInteger maxHolders = new AtomicInteger();
            AtomicInteger grants = new AtomicInteger();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                InterProcessSemaphoreV2 semaphore =
                        new InterProcessSemaphoreV2(curators.client(), "/semaphore-contention", MAX_LEASES);
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int r = 0; r < rounds; r++) {
                            Lease lease = semaphore.acquire();
                            try {
                                maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                                grants.incrementAndGet();
                                // Hold across a server round trip so holders overlap when allowed to.
                                semaphore.getParticipantNodes();
                                holders.decrementAndGet();
                            } finally {
                                semaphore.returnLease(lease);
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(grants.get()).isEqualTo(workers * rounds);
            assertThat(maxHolders.get()).isBetween(1, MAX_LEASES);
        } finally {
            pool.shutdownNow();
        }
    }
}
