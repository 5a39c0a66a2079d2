package io.paddock.compat.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;

/** A watcher that remembers every event it is given, in order, for tests to wait on and inspect. */
public final class EventLog implements Watcher {
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** An event reduced to what a test compares. */
    public record Event(EventType type, KeeperState state, String path) {
        public static Event node(EventType type, String path) {
            return new Event(type, KeeperState.SyncConnected, path);
        }

        @Override
        public String toString() {
            return type == EventType.None ? state.name() : type + " " + path;
        }
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void process(WatchedEvent event) {
        events.add(new Event(event.getType(), event.getState(), event.getPath()));
    }

    public synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /** Events about znodes (type other than None), in delivery order. */
    public synchronized List<Event> nodeEvents() {
        return events.stream().filter(e -> e.type() != EventType.None).toList();
    }

    public synchronized void clear() {
        events.clear();
    }

    public int size() {
        return all().size();
    }

    /** Awaitility's default 100 ms poll would dominate these tests' run time; events arrive in microseconds. */
    public static ConditionFactory waiting() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    public void awaitState(KeeperState state) {
        waiting().until(() -> all().stream().anyMatch(e -> e.type() == EventType.None && e.state() == state));
    }

    public void awaitNodeEvents(int count) {
        waiting().until(() -> nodeEvents().size() >= count);
    }

    public void awaitMatching(Predicate<Event> predicate) {
        waiting().until(() -> all().stream().anyMatch(predicate));
    }
}
