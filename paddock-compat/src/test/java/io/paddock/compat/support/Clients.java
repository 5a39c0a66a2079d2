package io.paddock.compat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/** Connects official ZooKeeper clients and waits until they are connected. */
public final class Clients {
    /** Asked for by default; servers clamp it to 20 ticks. */
    public static final int SESSION_TIMEOUT_MS = 4_000;

    private Clients() {
    }

    /** A connected client with its default-watcher event log. */
    public record Client(ZooKeeper zk, EventLog events) implements AutoCloseable {
        @Override
        public void close() {
            try {
                zk.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Client connect(String connectString) {
        return connect(connectString, SESSION_TIMEOUT_MS);
    }

    public static Client connect(String connectString, int sessionTimeoutMs) {
        EventLog events = new EventLog();
        try {
            ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, events);
            events.awaitState(KeeperState.SyncConnected);
            return new Client(zk, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reattaches to an existing session; does not wait (the answer may be Expired). */
    public static Client resume(String connectString, int sessionTimeoutMs, long sessionId, byte[] password) {
        EventLog events = new EventLog();
        try {
            ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, events, sessionId, password);
            return new Client(zk, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
