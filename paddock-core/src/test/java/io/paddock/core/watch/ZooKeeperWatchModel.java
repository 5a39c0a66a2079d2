package io.paddock.core.watch;

import io.paddock.core.wire.WatchEventType;
import io.paddock.core.wire.WatcherType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Reference model for the property test: the structure of ZooKeeper 3.9's DataTree with two watch managers,
 * each with a path-to-watchers map and a watcher-to-(path, modes) map, updated step by step the way
 * ZooKeeper updates them. Deliberately naive (recursive watches are found by scanning every entry).
 */
final class ZooKeeperWatchModel {
    enum Mode { STANDARD, PERSISTENT, RECURSIVE }

    /** One of ZooKeeper's WatchManagers. */
    static final class Manager {
        final Map<String, Set<Long>> watchTable = new HashMap<>();
        final Map<Long, Map<String, EnumSet<Mode>>> watch2Paths = new HashMap<>();

        void add(String path, long connection, Mode mode) {
            watchTable.computeIfAbsent(path, p -> new HashSet<>()).add(connection);
            watch2Paths.computeIfAbsent(connection, c -> new HashMap<>())
                    .computeIfAbsent(path, p -> EnumSet.noneOf(Mode.class)).add(mode);
        }

        Set<Long> trigger(String path) {
            Set<Long> watchers = new HashSet<>();
            for (Iterator<Map.Entry<String, Set<Long>>> it = watchTable.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Set<Long>> entry = it.next();
                String watched = entry.getKey();
                for (Iterator<Long> ci = entry.getValue().iterator(); ci.hasNext(); ) {
                    long connection = ci.next();
                    Map<String, EnumSet<Mode>> paths = watch2Paths.get(connection);
                    EnumSet<Mode> modes = paths.get(watched);
                    if (watched.equals(path)) {
                        watchers.add(connection);
                        modes.remove(Mode.STANDARD);
                        if (modes.isEmpty()) {
                            ci.remove();
                            paths.remove(watched);   // the watcher's key stays, as in ZooKeeper
                        }
                    } else if (isProperAncestor(watched, path) && modes.contains(Mode.RECURSIVE)) {
                        watchers.add(connection);
                    }
                }
                if (entry.getValue().isEmpty()) {
                    it.remove();
                }
            }
            return watchers;
        }

        boolean contains(String path, long connection, Mode modeOrNull) {
            Map<String, EnumSet<Mode>> paths = watch2Paths.get(connection);
            EnumSet<Mode> modes = paths == null ? null : paths.get(path);
            return modes != null && (modeOrNull == null || modes.contains(modeOrNull));
        }

        boolean remove(String path, long connection, Mode modeOrNull) {
            Map<String, EnumSet<Mode>> paths = watch2Paths.get(connection);
            Set<Long> watchers = watchTable.get(path);
            if (paths == null || watchers == null) {
                return false;
            }
            EnumSet<Mode> modes = paths.get(path);
            if (modes == null) {
                return false;
            }
            boolean removed;
            if (modeOrNull == null) {
                modes.clear();
                removed = true;
            } else {
                removed = modes.remove(modeOrNull);
            }
            if (modes.isEmpty()) {
                paths.remove(path);
                if (paths.isEmpty()) {
                    watch2Paths.remove(connection);
                }
                watchers.remove(connection);
                if (watchers.isEmpty()) {
                    watchTable.remove(path);
                }
            }
            return removed;
        }

        void removeConnection(long connection) {
            Map<String, EnumSet<Mode>> paths = watch2Paths.remove(connection);
            if (paths == null) {
                return;
            }
            for (String path : paths.keySet()) {
                Set<Long> watchers = watchTable.get(path);
                watchers.remove(connection);
                if (watchers.isEmpty()) {
                    watchTable.remove(path);
                }
            }
        }

        int size() {
            return watchTable.values().stream().mapToInt(Set::size).sum();
        }
    }

    final Manager data = new Manager();
    final Manager child = new Manager();

    static boolean isProperAncestor(String ancestor, String path) {
        return !ancestor.equals(path) && (ancestor.equals("/") || path.startsWith(ancestor + "/"));
    }

    void add(String path, long connection, WatchKind kind) {
        switch (kind) {
            case DATA -> data.add(path, connection, Mode.STANDARD);
            case CHILD -> child.add(path, connection, Mode.STANDARD);
            case PERSISTENT -> {
                data.add(path, connection, Mode.PERSISTENT);
                child.add(path, connection, Mode.PERSISTENT);
            }
            case PERSISTENT_RECURSIVE -> data.add(path, connection, Mode.RECURSIVE);
        }
    }

    /** The (connection, type, path) notifications, as a set: ZooKeeper's order across connections is a HashSet's. */
    Set<WatchDelivery> trigger(String path, int type, LongPredicate readable) {
        Set<Long> notified = new HashSet<>();
        switch (type) {
            case WatchEventType.NODE_CREATED, WatchEventType.NODE_DATA_CHANGED -> notified.addAll(data.trigger(path));
            case WatchEventType.NODE_DELETED -> {
                notified.addAll(data.trigger(path));
                notified.addAll(child.trigger(path));   // suppressed ones are already in the set
            }
            case WatchEventType.NODE_CHILDREN_CHANGED -> notified.addAll(child.trigger(path));
            default -> throw new IllegalArgumentException();
        }
        Set<WatchDelivery> deliveries = new HashSet<>();
        for (long connection : notified) {
            if (readable.test(connection)) {
                deliveries.add(new WatchDelivery(connection, type, path));
            }
        }
        return deliveries;
    }

    boolean contains(String path, long connection, int watcherType) {
        return switch (watcherType) {
            case WatcherType.CHILDREN -> child.contains(path, connection, Mode.STANDARD);
            case WatcherType.DATA -> data.contains(path, connection, Mode.STANDARD);
            case WatcherType.PERSISTENT -> data.contains(path, connection, Mode.PERSISTENT);
            case WatcherType.PERSISTENT_RECURSIVE -> data.contains(path, connection, Mode.RECURSIVE);
            case WatcherType.ANY -> child.contains(path, connection, null) || data.contains(path, connection, null);
            default -> throw new IllegalArgumentException();
        };
    }

    boolean remove(String path, long connection, int watcherType) {
        return switch (watcherType) {
            case WatcherType.CHILDREN -> child.remove(path, connection, Mode.STANDARD);
            case WatcherType.DATA -> data.remove(path, connection, Mode.STANDARD);
            case WatcherType.PERSISTENT -> child.remove(path, connection, Mode.PERSISTENT)
                    | data.remove(path, connection, Mode.PERSISTENT);
            case WatcherType.PERSISTENT_RECURSIVE -> data.remove(path, connection, Mode.RECURSIVE);
            case WatcherType.ANY -> child.remove(path, connection, null) | data.remove(path, connection, null);
            default -> throw new IllegalArgumentException();
        };
    }

    void removeConnection(long connection) {
        data.removeConnection(connection);
        child.removeConnection(connection);
    }

    int watchCount() {
        return data.size() + child.size();
    }

    WatchSummary summary() {
        int total = data.watch2Paths.values().stream().mapToInt(Map::size).sum();
        return new WatchSummary(data.watch2Paths.size(), data.watchTable.size(), total);
    }

    Map<Long, List<String>> pathsByConnection() {
        Map<Long, List<String>> report = new TreeMap<>();
        data.watch2Paths.forEach((connection, paths) -> report.put(connection, paths.keySet().stream().sorted().toList()));
        return report;
    }

    Map<String, List<Long>> connectionsByPath() {
        Map<String, List<Long>> report = new TreeMap<>();
        data.watchTable.forEach((path, connections) -> report.put(path, connections.stream().sorted().toList()));
        return report;
    }
}
