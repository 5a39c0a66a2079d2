package io.paddock.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Blocks the command until the process is asked to stop (SIGINT, SIGTERM), and lets the JVM's exit wait while
 * the command closes the server. A seam so tests can stop at once.
 */
@FunctionalInterface
public interface ShutdownSignal {
    /** How long the JVM's shutdown waits for the server to close. */
    long CLOSE_WAIT_SECONDS = 10;

    /**
     * Returns when the process should stop. The caller runs the returned action once the server is closed.
     */
    Runnable awaitStop() throws InterruptedException;

    /** Waits for the JVM's shutdown to begin, through a shutdown hook. */
    static ShutdownSignal jvmShutdown() {
        return () -> {
            CountDownLatch stopRequested = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopRequested.countDown();
                try {
                    // The JVM halts as soon as the last hook returns, so this one outlives the close.
                    closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "paddock-shutdown"));
            stopRequested.await();
            return closed::countDown;
        };
    }
}
