package io.paddock.core.watch;

import io.paddock.core.wire.WatcherType;

/** Bit flags for the watch kinds one connection holds on one path. */
final class WatchBits {
    static final int DATA = 1;
    static final int CHILD = 2;
    static final int PERSISTENT = 4;
    static final int RECURSIVE = 8;
    static final int ALL = DATA | CHILD | PERSISTENT | RECURSIVE;

    /** The kinds ZooKeeper keeps in its data watch manager. */
    static final int DATA_SIDE = DATA | PERSISTENT | RECURSIVE;
    /** The kinds ZooKeeper keeps in its child watch manager. */
    static final int CHILD_SIDE = CHILD | PERSISTENT;

    private WatchBits() {
    }

    /**
     * The kinds a checkWatches/removeWatches {@code watcherType} addresses, as DataTree's
     * containsWatcher/removeWatch map Watcher.WatcherType onto the two managers.
     */
    static int forWatcherType(int watcherType) {
        return switch (watcherType) {
            case WatcherType.CHILDREN -> CHILD;
            case WatcherType.DATA -> DATA;
            case WatcherType.ANY -> ALL;
            case WatcherType.PERSISTENT -> PERSISTENT;
            case WatcherType.PERSISTENT_RECURSIVE -> RECURSIVE;
            default -> throw new IllegalArgumentException("unknown watcher type " + watcherType);
        };
    }

    static boolean any(int mask, int bits) {
        return (mask & bits) != 0;
    }
}
