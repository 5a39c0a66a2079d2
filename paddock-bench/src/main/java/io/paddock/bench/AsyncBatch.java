package io.paddock.bench;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooKeeper;

/** Set-up and clean-up requests sent pipelined on one session, waited for as a whole, within a time limit. */
final class AsyncBatch {
    private static final int WINDOW = 500;

    /** Sends request {@code i} and calls {@code done} with the reply's result code. */
    interface Request {
        void send(ZooKeeper zk, int i, IntConsumer done);
    }

    private AsyncBatch() {
    }

    /**
     * Sends {@code count} requests with at most {@link #WINDOW} in flight and waits for every reply.
     *
     * @throws IllegalStateException if a reply's code is neither OK nor one of {@code alsoFine}
     * @throws TimeoutException      if the replies did not all come within {@code timeoutSeconds}
     */
    static void run(ZooKeeper zk, int count, long timeoutSeconds, Set<Code> alsoFine, Request request)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch replies = new CountDownLatch(count);
        AtomicReference<Code> firstFailure = new AtomicReference<>();
        for (int i = 0; i < count && firstFailure.get() == null; i++) {
            if (!window.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("set-up/clean-up requests unanswered after " + timeoutSeconds + " s");
            }
            request.send(zk, i, rc -> {
                Code code = Code.get(rc);
                if (code != Code.OK && !alsoFine.contains(code)) {
                    firstFailure.compareAndSet(null, code == null ? Code.SYSTEMERROR : code);
                }
                window.release();
                replies.countDown();
            });
        }
        if (firstFailure.get() == null
                && !replies.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("set-up/clean-up requests unanswered after " + timeoutSeconds + " s");
        }
        if (firstFailure.get() != null) {
            throw new IllegalStateException("set-up/clean-up request failed: " + firstFailure.get());
        }
    }
}
