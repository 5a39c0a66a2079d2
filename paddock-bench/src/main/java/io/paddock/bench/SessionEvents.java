package io.paddock.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.Watcher.Event.KeeperState;

/**
 * Connection state changes after a session first connected (disconnects, reconnects, expiry). Under a healthy
 * server there are none; each one is printed the moment it happens, so a stall can be placed in time.
 */
final class SessionEvents {
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final List<String> events = new ArrayList<>();

    SessionEvents(PrintStream out) {
        this.out = out;
    }

    synchronized void record(int client, KeeperState state) {
        String line = String.format("session %d: %s at +%.3f s", client, state,
                (System.nanoTime() - startNanos) / 1e9);
        events.add(line);
        out.println("  !! " + line);
    }

    synchronized List<String> all() {
        return List.copyOf(events);
    }
}
