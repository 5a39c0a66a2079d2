package io.paddock.core.watch;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.WatchEventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * Which connections watch which paths, and the notifications a change causes, as Apache ZooKeeper 3.9's
 * DataTree with its two WatchManagers. Not thread-safe: owned by the core's single thread.
 *
 * <p>Two indexes are kept in agreement: path to (connection to kinds) and connection to paths; a third,
 * path to connections holding a recursive watch there, lets {@link #trigger} skip the walk over a
 * changed path's ancestors entirely while nobody holds a recursive watch, and look only at recursive
 * holders when somebody does.
 *
 * <p>Every change to the indexes goes through {@link #setMask}, which keeps the counters behind the
 * reports; {@link #checkInvariants()} recomputes all of it from scratch.
 */
public final class WatchTable {
    private final Map<String, PathWatchers> byPath = new HashMap<>();
    private final Map<Long, ConnectionWatches> byConnection = new HashMap<>();
    private final Map<String, Set<Long>> recursiveByPath = new HashMap<>();
    /**
     * Connections whose last data-side watch was consumed by a trigger. ZooKeeper's data manager keeps
     * such a connection as a key with no paths until it closes, adds a data-side watch again, or has a
     * data-side watch removed by removeWatches; {@code wchs} counts it and {@code wchc} lists it with no
     * paths. Kept to report the same.
     */
    private final Set<Long> lingering = new HashSet<>();

    private int recursiveWatches;
    private int dataSidePairs;
    private int childSidePairs;
    private int dataSidePaths;
    private int dataSideConnections;

    /**
     * Registers a watch; adding one the connection already holds on the path changes nothing.
     * ZooKeeper ignores watches from an already closed connection: do not call this for one.
     *
     * @return whether the connection did not yet hold this kind on the path
     */
    public boolean add(String path, long connectionId, WatchKind kind) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        int old = maskOf(path, connectionId);
        return setMask(path, connectionId, old | kind.bit, false);
    }

    /**
     * The notifications one change to {@code path} causes, one-shot watches consumed. Call it the way
     * DataTree does, per changed node and with that node's ACL in {@code readable}:
     * <ul>
     *   <li>create: {@code trigger(path, NODE_CREATED)} then {@code trigger(parent, NODE_CHILDREN_CHANGED)}
     *       with the parent's ACL;</li>
     *   <li>delete: {@code trigger(path, NODE_DELETED)} then {@code trigger(parent, NODE_CHILDREN_CHANGED)}
     *       with the parent's ACL;</li>
     *   <li>setData: {@code trigger(path, NODE_DATA_CHANGED)}.</li>
     * </ul>
     * NODE_CREATED / NODE_DATA_CHANGED fire the data, persistent and recursive watches on the path and the
     * recursive watches on its ancestors. NODE_DELETED fires those and then the child and persistent
     * watches on the path. NODE_CHILDREN_CHANGED fires the child and persistent watches on the path only.
     * Each connection gets at most one event per call. {@code readable} is asked once per such connection
     * after the one-shot watches are consumed, as ZooKeeper's ServerCnxn.process checks READ only when it
     * delivers: an unreadable connection loses its one-shot watch and gets nothing.
     *
     * <p>Order: watchers of the path in registration order, then recursive watchers of the ancestors from
     * the parent up to {@code /}, then (NODE_DELETED) child watchers of the path. ZooKeeper's order across
     * connections is that of a HashSet, so any order is faithful; this one is deterministic.
     *
     * @param eventType a {@link WatchEventType} code: NODE_CREATED, NODE_DELETED, NODE_DATA_CHANGED or
     *     NODE_CHILDREN_CHANGED
     */
    public List<WatchDelivery> trigger(String path, int eventType, LongPredicate readable) {
        requireAbsolute(path);
        Objects.requireNonNull(readable, "readable");
        if (recursiveWatches == 0 && !byPath.containsKey(path)) {
            requireNodeEvent(eventType);
            return List.of();   // the common case: one lookup, no allocation
        }
        Set<Long> notified = new LinkedHashSet<>();
        switch (eventType) {
            case WatchEventType.NODE_CREATED, WatchEventType.NODE_DATA_CHANGED -> fireDataSide(path, notified);
            case WatchEventType.NODE_DELETED -> {
                fireDataSide(path, notified);
                fireAtPath(path, WatchBits.CHILD_SIDE, WatchBits.CHILD, notified);
            }
            case WatchEventType.NODE_CHILDREN_CHANGED ->
                    fireAtPath(path, WatchBits.CHILD_SIDE, WatchBits.CHILD, notified);
            default -> requireNodeEvent(eventType);
        }
        if (notified.isEmpty()) {
            return List.of();
        }
        List<WatchDelivery> deliveries = new ArrayList<>(notified.size());
        for (long connectionId : notified) {
            if (readable.test(connectionId)) {
                deliveries.add(new WatchDelivery(connectionId, eventType, path));
            }
        }
        return deliveries;
    }

    /**
     * checkWatches: whether the connection holds a watch of {@code watcherType} (a
     * {@link io.paddock.core.wire.WatcherType} code) on exactly this path. DATA asks for a one-shot
     * data/exist watch only, CHILDREN for a one-shot child watch only, ANY for any kind.
     *
     * @throws IllegalArgumentException for an unknown watcher type
     */
    public boolean contains(String path, long connectionId, int watcherType) {
        int bits = WatchBits.forWatcherType(watcherType);
        return WatchBits.any(maskOf(path, connectionId), bits);
    }

    /**
     * removeWatches: drops the connection's watches of {@code watcherType} on exactly this path. ANY drops
     * every kind, persistent and recursive included. No event is produced (the client raises its own
     * *WatchRemoved events).
     *
     * @return whether anything was removed; when false the server answers NoWatcher
     * @throws IllegalArgumentException for an unknown watcher type
     */
    public boolean remove(String path, long connectionId, int watcherType) {
        int bits = WatchBits.forWatcherType(watcherType);
        int old = maskOf(path, connectionId);
        return setMask(path, connectionId, old & ~bits, false);
    }

    /** The connection closed: forget all its watches. */
    public void removeConnection(long connectionId) {
        ConnectionWatches watches = byConnection.get(connectionId);
        if (watches != null) {
            for (String path : List.copyOf(watches.paths)) {
                setMask(path, connectionId, 0, false);
            }
        }
        lingering.remove(connectionId);
        assert !byConnection.containsKey(connectionId) : "connection " + connectionId + " still indexed";
    }

    /**
     * setWatches (101) / setWatches2 (105) for a reconnecting connection, as DataTree.setWatches: each
     * data watch fires NodeDeleted if the node is gone, NodeDataChanged if its mzxid is above relativeZxid,
     * else is re-armed; each exist watch fires NodeCreated if the node exists, else is re-armed; each child
     * watch fires NodeDeleted if the node is gone, NodeChildrenChanged if its pzxid is above relativeZxid,
     * else is re-armed; persistent and persistent-recursive watches are re-armed unconditionally.
     *
     * <p>The returned events are sent at once, in this order, to this connection WITHOUT a READ check
     * (ZooKeeper passes no ACL for them) and with zxid -1 in the notification's reply header. Duplicates
     * are kept: a path in two lists can produce two events.
     *
     * @param tree the znode at a path, or null if there is none
     */
    public List<WatchDelivery> setWatches(long connectionId, ClientRequest.SetWatches request,
                                          Function<String, NodeZxids> tree) {
        return WatchRearm.apply(this, connectionId, request, tree);
    }

    /** {@code mntr}'s watch_count: ZooKeeper's data manager size plus child manager size. */
    public int watchCount() {
        return dataSidePairs + childSidePairs;
    }

    /** {@code wchs}: connections, paths and watches in ZooKeeper's data manager. */
    public WatchSummary summary() {
        return new WatchSummary(dataSideConnections + lingering.size(), dataSidePaths, dataSidePairs);
    }

    /**
     * {@code wchc}: per connection its data-side watched paths, sorted. Child-only watches are not listed
     * (ZooKeeper reports its data manager only); connections whose watches were all consumed by triggers
     * are listed with no paths until they close (see {@link #lingering}).
     */
    public SortedMap<Long, List<String>> pathsByConnection() {
        SortedMap<Long, List<String>> report = new TreeMap<>();
        for (Map.Entry<Long, ConnectionWatches> e : byConnection.entrySet()) {
            if (e.getValue().dataSidePaths == 0) {
                continue;
            }
            List<String> paths = new ArrayList<>(e.getValue().dataSidePaths);
            for (String path : e.getValue().paths) {
                if (WatchBits.any(maskOf(path, e.getKey()), WatchBits.DATA_SIDE)) {
                    paths.add(path);
                }
            }
            Collections.sort(paths);
            report.put(e.getKey(), List.copyOf(paths));
        }
        for (long connectionId : lingering) {
            report.put(connectionId, List.of());
        }
        return Collections.unmodifiableSortedMap(report);
    }

    /** {@code wchp}: per data-side watched path the connections watching it, sorted. */
    public SortedMap<String, List<Long>> connectionsByPath() {
        SortedMap<String, List<Long>> report = new TreeMap<>();
        for (Map.Entry<String, PathWatchers> e : byPath.entrySet()) {
            if (e.getValue().dataSideConnections == 0) {
                continue;
            }
            List<Long> connections = new ArrayList<>(e.getValue().dataSideConnections);
            e.getValue().masks.forEach((connectionId, mask) -> {
                if (WatchBits.any(mask, WatchBits.DATA_SIDE)) {
                    connections.add(connectionId);
                }
            });
            Collections.sort(connections);
            report.put(e.getKey(), List.copyOf(connections));
        }
        return Collections.unmodifiableSortedMap(report);
    }

    /** How many (path, connection) pairs hold a recursive watch; zero means triggers never walk ancestors. */
    int recursiveWatchCount() {
        return recursiveWatches;
    }

    private void fireDataSide(String path, Set<Long> notified) {
        fireAtPath(path, WatchBits.DATA_SIDE, WatchBits.DATA, notified);
        if (recursiveWatches == 0) {
            return;
        }
        for (String ancestor = parentOf(path); ancestor != null; ancestor = parentOf(ancestor)) {
            Set<Long> holders = recursiveByPath.get(ancestor);
            if (holders != null) {
                notified.addAll(holders);
            }
        }
    }

    /** Notifies the path's watchers holding any of {@code firing}, then clears their {@code oneShot} bit. */
    private void fireAtPath(String path, int firing, int oneShot, Set<Long> notified) {
        PathWatchers watchers = byPath.get(path);
        if (watchers == null) {
            return;
        }
        List<Long> consumed = null;
        for (Map.Entry<Long, Integer> e : watchers.masks.entrySet()) {
            int mask = e.getValue();
            if (!WatchBits.any(mask, firing)) {
                continue;
            }
            notified.add(e.getKey());
            if (WatchBits.any(mask, oneShot)) {
                if (consumed == null) {
                    consumed = new ArrayList<>();
                }
                consumed.add(e.getKey());
            }
        }
        if (consumed != null) {
            for (long connectionId : consumed) {
                setMask(path, connectionId, maskOf(path, connectionId) & ~oneShot, true);
            }
        }
    }

    private int maskOf(String path, long connectionId) {
        PathWatchers watchers = byPath.get(path);
        return watchers == null ? 0 : watchers.masks.getOrDefault(connectionId, 0);
    }

    /**
     * The only place the indexes change: sets what {@code connectionId} watches on {@code path} and
     * updates every index and counter from the difference.
     *
     * @param byTrigger whether a trigger consumed the watch (matters for {@link #lingering})
     * @return whether anything changed
     */
    private boolean setMask(String path, long connectionId, int mask, boolean byTrigger) {
        assert (mask & ~WatchBits.ALL) == 0 : "bad mask " + mask;
        int old = maskOf(path, connectionId);
        if (old == mask) {
            return false;
        }
        PathWatchers pathWatchers = byPath.computeIfAbsent(path, p -> new PathWatchers());
        ConnectionWatches connectionWatches = byConnection.computeIfAbsent(connectionId, c -> new ConnectionWatches());
        if (mask == 0) {
            pathWatchers.masks.remove(connectionId);
            connectionWatches.paths.remove(path);
        } else {
            pathWatchers.masks.put(connectionId, mask);
            connectionWatches.paths.add(path);
        }
        updateDataSide(path, connectionId, old, mask, byTrigger, pathWatchers, connectionWatches);
        childSidePairs += delta(old, mask, WatchBits.CHILD_SIDE);
        updateRecursive(path, connectionId, old, mask);
        if (pathWatchers.masks.isEmpty()) {
            byPath.remove(path);
        }
        if (connectionWatches.paths.isEmpty()) {
            byConnection.remove(connectionId);
        }
        assert (mask != 0) == (byPath.containsKey(path) && byPath.get(path).masks.containsKey(connectionId))
                && (mask != 0) == (byConnection.containsKey(connectionId)
                        && byConnection.get(connectionId).paths.contains(path))
                : "indexes disagree on " + path + " / " + connectionId;
        assert recursiveWatches >= 0 && dataSidePairs >= 0 && childSidePairs >= 0 : "negative counter";
        return true;
    }

    private void updateDataSide(String path, long connectionId, int old, int mask, boolean byTrigger,
                                PathWatchers pathWatchers, ConnectionWatches connectionWatches) {
        int change = delta(old, mask, WatchBits.DATA_SIDE);
        if (change > 0) {
            dataSidePairs++;
            if (pathWatchers.dataSideConnections++ == 0) {
                dataSidePaths++;
            }
            if (connectionWatches.dataSidePaths++ == 0) {
                dataSideConnections++;
                lingering.remove(connectionId);
            }
        } else if (change < 0) {
            dataSidePairs--;
            if (--pathWatchers.dataSideConnections == 0) {
                dataSidePaths--;
            }
            if (--connectionWatches.dataSidePaths == 0) {
                dataSideConnections--;
                if (byTrigger) {
                    lingering.add(connectionId);
                }
            }
        }
        assert pathWatchers.dataSideConnections >= 0 && connectionWatches.dataSidePaths >= 0
                : "negative data-side count at " + path;
    }

    private void updateRecursive(String path, long connectionId, int old, int mask) {
        int change = delta(old, mask, WatchBits.RECURSIVE);
        if (change > 0) {
            recursiveByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(connectionId);
        } else if (change < 0) {
            Set<Long> holders = recursiveByPath.get(path);
            holders.remove(connectionId);
            if (holders.isEmpty()) {
                recursiveByPath.remove(path);
            }
        }
        recursiveWatches += change;
    }

    /** +1 if {@code bits} became present, -1 if they went away, else 0. */
    private static int delta(int old, int mask, int bits) {
        return (WatchBits.any(mask, bits) ? 1 : 0) - (WatchBits.any(old, bits) ? 1 : 0);
    }

    /** The parent path, or null for {@code /}. */
    static String parentOf(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static void requireNodeEvent(int eventType) {
        switch (eventType) {
            case WatchEventType.NODE_CREATED, WatchEventType.NODE_DELETED, WatchEventType.NODE_DATA_CHANGED,
                 WatchEventType.NODE_CHILDREN_CHANGED -> { }
            default -> throw new IllegalArgumentException("not a node event type: " + eventType);
        }
    }

    private static void requireAbsolute(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
    }

    /** Recomputes every index and counter from {@link #byPath} and fails if anything disagrees. */
    void checkInvariants() {
        int data = 0;
        int child = 0;
        int recursive = 0;
        int dataPaths = 0;
        Map<Long, Integer> dataPathsPerConnection = new HashMap<>();
        Map<Long, Integer> pathsPerConnection = new HashMap<>();
        for (Map.Entry<String, PathWatchers> pe : byPath.entrySet()) {
            String path = pe.getKey();
            PathWatchers watchers = pe.getValue();
            check(!watchers.masks.isEmpty(), "empty path entry " + path);
            int dataHere = 0;
            for (Map.Entry<Long, Integer> ce : watchers.masks.entrySet()) {
                long connectionId = ce.getKey();
                int mask = ce.getValue();
                check(mask != 0 && (mask & ~WatchBits.ALL) == 0, "bad mask at " + path);
                ConnectionWatches cw = byConnection.get(connectionId);
                check(cw != null && cw.paths.contains(path), "connection index misses " + path + "/" + connectionId);
                pathsPerConnection.merge(connectionId, 1, Integer::sum);
                if (WatchBits.any(mask, WatchBits.DATA_SIDE)) {
                    data++;
                    dataHere++;
                    dataPathsPerConnection.merge(connectionId, 1, Integer::sum);
                }
                child += WatchBits.any(mask, WatchBits.CHILD_SIDE) ? 1 : 0;
                boolean isRecursive = WatchBits.any(mask, WatchBits.RECURSIVE);
                Set<Long> holders = recursiveByPath.get(path);
                check(isRecursive == (holders != null && holders.contains(connectionId)),
                        "recursive index disagrees at " + path + "/" + connectionId);
                recursive += isRecursive ? 1 : 0;
            }
            check(watchers.dataSideConnections == dataHere, "data-side count at " + path);
            dataPaths += dataHere > 0 ? 1 : 0;
        }
        for (Map.Entry<Long, ConnectionWatches> e : byConnection.entrySet()) {
            check(e.getValue().paths.size() == pathsPerConnection.getOrDefault(e.getKey(), 0),
                    "path index has extra paths for " + e.getKey());
            check(e.getValue().dataSidePaths == dataPathsPerConnection.getOrDefault(e.getKey(), 0),
                    "data-side path count for " + e.getKey());
        }
        int recursiveIndexed = recursiveByPath.values().stream().mapToInt(Set::size).sum();
        check(recursiveByPath.values().stream().noneMatch(Set::isEmpty), "empty recursive entry");
        check(recursive == recursiveIndexed && recursive == recursiveWatches, "recursive count");
        check(data == dataSidePairs && child == childSidePairs && dataPaths == dataSidePaths, "pair counts");
        check(dataPathsPerConnection.size() == dataSideConnections, "data-side connection count");
        for (long connectionId : lingering) {
            check(!dataPathsPerConnection.containsKey(connectionId), "lingering connection has watches");
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("watch table inconsistent: " + message);
        }
    }
}
