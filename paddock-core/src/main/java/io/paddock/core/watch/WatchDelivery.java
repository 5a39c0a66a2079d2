package io.paddock.core.watch;

import java.util.Objects;

/**
 * One watch notification to send: a WatcherEvent{eventType, SyncConnected, path} with xid -1.
 *
 * @param eventType an {@link io.paddock.core.wire.WatchEventType} code
 * @param path the path that changed (for a recursive watch: the changed descendant, not the watched path)
 */
public record WatchDelivery(long connectionId, int eventType, String path) {
    public WatchDelivery {
        Objects.requireNonNull(path, "path");
    }
}
