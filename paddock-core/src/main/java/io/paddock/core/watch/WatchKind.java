package io.paddock.core.watch;

import io.paddock.core.wire.WatcherType;

/** What a connection registered on a path; see the package documentation for ZooKeeper's mapping. */
public enum WatchKind {
    /** One-shot data watch: getData, and exists (also on a missing node). */
    DATA(WatchBits.DATA),
    /** One-shot child watch: getChildren. */
    CHILD(WatchBits.CHILD),
    /** addWatch mode persistent (0): data and child events on the path itself, never consumed. */
    PERSISTENT(WatchBits.PERSISTENT),
    /** addWatch mode persistentRecursive (1): created/deleted/data events on the path and below. */
    PERSISTENT_RECURSIVE(WatchBits.RECURSIVE);

    final int bit;

    WatchKind(int bit) {
        this.bit = bit;
    }

    /** The kind an addWatch request's mode asks for; unknown modes are rejected as ZooKeeper does. */
    public static WatchKind fromAddWatchMode(int mode) {
        return switch (mode) {
            case WatcherType.ADD_WATCH_MODE_PERSISTENT -> PERSISTENT;
            case WatcherType.ADD_WATCH_MODE_PERSISTENT_RECURSIVE -> PERSISTENT_RECURSIVE;
            default -> throw new IllegalArgumentException("Unsupported mode: " + mode);
        };
    }
}
