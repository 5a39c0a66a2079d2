package io.paddock.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/**
 * One ZooKeeper session plus a thread that keeps up to {@code outstanding} async requests in flight on it: it
 * takes a permit before each request, and the reply's callback gives the permit back.
 */
final class BenchClient implements AutoCloseable {
    static final long CONNECT_TIMEOUT_SECONDS = 15;
    private static final long STOP_JOIN_MILLIS = 5_000;

    private final int index;
    private final ZooKeeper zk;
    private final int maxOutstanding;
    private final Semaphore permits;
    private volatile boolean issuing;
    private Thread issuer;

    private BenchClient(int index, ZooKeeper zk, int maxOutstanding) {
        this.index = index;
        this.zk = zk;
        this.maxOutstanding = maxOutstanding;
        this.permits = new Semaphore(maxOutstanding);
    }

    static BenchClient connect(int index, String connectString, int sessionTimeoutMs, int outstanding,
                               SessionEvents events) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        Watcher watcher = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                return;
            }
            KeeperState state = event.getState();
            if (state == KeeperState.SyncConnected && connected.getCount() > 0) {
                connected.countDown();
            } else if (state != KeeperState.Closed && !closing.get()) {
                events.record(index, state);
            }
        };
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, watcher);
        if (!connected.await(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            closing.set(true);
            zk.close();
            throw new IllegalStateException("session " + index + " did not connect to " + connectString + " within "
                    + CONNECT_TIMEOUT_SECONDS + " s");
        }
        return new BenchClient(index, zk, outstanding);
    }

    ZooKeeper zk() {
        return zk;
    }

    int index() {
        return index;
    }

    /** Starts the issuing thread; {@code issueOne} sends one async request whose callback calls {@link #completed}. */
    void startIssuing(Consumer<BenchClient> issueOne) {
        if (issuer != null) {
            throw new IllegalStateException("already issuing");
        }
        issuing = true;
        issuer = new Thread(() -> issueWhileRunning(issueOne), "bench-client-" + index);
        issuer.setDaemon(true);
        issuer.start();
    }

    private void issueWhileRunning(Consumer<BenchClient> issueOne) {
        while (issuing) {
            try {
                // A timed wait so that a stop is noticed even while every permit is out.
                if (!permits.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            issueOne.accept(this);
        }
    }

    /** Called once per reply (from the session's callback thread). */
    void completed() {
        permits.release();
    }

    /** Requests sent and not yet answered. */
    int outstanding() {
        return maxOutstanding - permits.availablePermits();
    }

    void stopIssuing() throws InterruptedException {
        issuing = false;
        if (issuer != null) {
            issuer.join(STOP_JOIN_MILLIS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        issuing = false;
        zk.close((int) TimeUnit.SECONDS.toMillis(5));
    }
}
