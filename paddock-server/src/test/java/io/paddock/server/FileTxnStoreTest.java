package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.core.node.Action;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.OpCode;
import io.paddock.storage.log.LoggedTxn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FileTxnStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Appends, forces and durability reports, in the order they happened. */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final GatedLog log = new GatedLog();
    private FileTxnStore store;

    /** A log that records what it is asked to do; its forces can be held at a gate or made to fail. */
    private final class GatedLog implements DurableLog {
        final List<Long> appended = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean insideForce;
        volatile IOException forceFailure;
        volatile boolean closed;
        volatile long durable;
        volatile int rolls;
        private long last;

        @Override
        public long lastZxid() {
            return last;
        }

        @Override
        public void append(LoggedTxn txn) {
            assertThat(txn.zxid()).isGreaterThan(last);
            last = txn.zxid();
            appended.add(txn.zxid());
            events.add("append " + txn.zxid());
        }

        @Override
        public void rollAtNextAppend() {
            rolls++;
        }

        @Override
        public void force() throws IOException {
            insideForce = true;
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                insideForce = false;
            }
            if (forceFailure != null) {
                throw forceFailure;
            }
            durable = last;
            events.add("force");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private void start() {
        store = new FileTxnStore(log, failure::set);
        store.start(zxid -> events.add("durable " + zxid));
    }

    private static List<Action.Persist> batch(long... zxids) {
        return LongStream.of(zxids)
                .mapToObj(zxid -> new Action.Persist(new TxnHeader(1, 1, zxid, 0, OpCode.SET_DATA),
                        new Txn.SetData("/a", new byte[] {(byte) zxid}, (int) zxid)))
                .toList();
    }

    @AfterEach
    void stop() {
        log.gate = new CountDownLatch(0);
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aLogRollIsCarriedOutOnTheStorageThread() {
        start();
        store.append(batch(1));
        store.rollLogSoon();
        await().atMost(WAIT).until(() -> log.rolls == 1);
        store.append(batch(2));
        await().atMost(WAIT).until(() -> store.durableZxid() == 2);
        assertThat(log.rolls).isEqualTo(1);
    }

    @Test
    void batchesQueuedDuringAForceShareTheNextForce() {
        log.gate = new CountDownLatch(1);
        start();
        store.append(batch(1));
        await().atMost(WAIT).until(() -> log.insideForce);
        for (long zxid = 2; zxid <= 100; zxid++) {
            store.append(batch(zxid));
        }
        CountDownLatch held = log.gate;
        log.gate = new CountDownLatch(0);
        held.countDown();

        await().atMost(WAIT).until(() -> store.durableZxid() == 100);
        assertThat(store.forces()).isEqualTo(2);
        assertThat(log.appended).isEqualTo(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(events).endsWith("append 100", "force", "durable 100");
    }

    @Test
    void nothingIsReportedDurableBeforeTheForceReturns() {
        log.gate = new CountDownLatch(1);
        start();
        store.append(batch(1, 2, 3));
        await().atMost(WAIT).until(() -> log.insideForce);

        assertThat(store.durableZxid()).isZero();
        assertThat(events).containsExactly("append 1", "append 2", "append 3");

        log.gate.countDown();
        await().atMost(WAIT).until(() -> store.durableZxid() == 3);
        assertThat(events).containsExactly("append 1", "append 2", "append 3", "force", "durable 3");
    }

    @Test
    void everyReportFollowsAForceCoveringIt() {
        start();
        for (long zxid = 1; zxid <= 500; zxid += 5) {
            store.append(batch(zxid, zxid + 1, zxid + 2, zxid + 3, zxid + 4));
        }
        await().atMost(WAIT).until(() -> store.durableZxid() == 500);

        List<String> seen = List.copyOf(events);
        long lastReported = 0;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).startsWith("durable ")) {
                long zxid = Long.parseLong(seen.get(i).substring("durable ".length()));
                assertThat(zxid).isGreaterThan(lastReported);
                assertThat(seen.get(i - 1)).isEqualTo("force");
                assertThat(seen.subList(0, i)).contains("append " + zxid);
                lastReported = zxid;
            }
        }
        assertThat(lastReported).isEqualTo(500);
        assertThat(store.forces()).isLessThanOrEqualTo(100);
    }

    @Test
    void aFailedForceStopsReportingForGood() {
        log.forceFailure = new IOException("disk on fire");
        start();
        store.append(batch(1, 2));

        await().atMost(WAIT).until(() -> failure.get() != null);
        assertThat(failure.get()).hasMessage("disk on fire");
        assertThat(store.failed()).isTrue();

        log.forceFailure = null;
        store.append(batch(3));
        store.close();
        assertThat(store.durableZxid()).isZero();
        assertThat(events).noneMatch(event -> event.startsWith("durable"));
        assertThat(log.appended).containsExactly(1L, 2L);
        assertThat(log.closed).isTrue();
    }

    @Test
    void txnsMustComeInZxidOrder() {
        start();
        store.append(batch(5));

        assertThatThrownBy(() -> store.append(batch(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x5");
        assertThatThrownBy(() -> store.append(batch(7, 6))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeWritesWhatWasHandedOverThenClosesTheLog() {
        log.gate = new CountDownLatch(1);
        start();
        store.append(batch(1));
        await().atMost(WAIT).until(() -> log.insideForce);
        store.append(batch(2, 3));
        log.gate.countDown();
        store.close();

        assertThat(log.durable).isEqualTo(3);
        assertThat(log.closed).isTrue();
    }

    @Test
    void tasksRunOnTheStorageThread() {
        start();
        AtomicReference<String> ranOn = new AtomicReference<>();
        store.runOnStorageThread(() -> ranOn.set(Thread.currentThread().getName()));

        await().atMost(WAIT).until(() -> ranOn.get() != null);
        assertThat(ranOn.get()).isEqualTo("paddock-storage");
    }
}
