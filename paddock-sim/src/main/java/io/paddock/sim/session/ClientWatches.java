package io.paddock.sim.session;

import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.WatchEventType;
import java.util.List;
import java.util.TreeSet;

/**
 * The one-shot watches a client holds, by kind, as ZooKeeper's client watch manager keeps them: they survive
 * disconnects (and are re-registered with setWatches) and go when they fire or the session ends. Sorted sets keep
 * the setWatches lists deterministic.
 */
final class ClientWatches {
    private final TreeSet<String> data = new TreeSet<>();
    private final TreeSet<String> exist = new TreeSet<>();
    private final TreeSet<String> child = new TreeSet<>();

    /** A successful reply to a watching call registers its watch: getData a data watch; exists one by result. */
    void registerAfterReply(ClientOp op, int err) {
        switch (op) {
            case ClientOp.GetData g when g.watch() && err == ErrorCode.OK -> data.add(g.path());
            case ClientOp.Exists e when e.watch() && err == ErrorCode.OK -> data.add(e.path());
            case ClientOp.Exists e when e.watch() && err == ErrorCode.NO_NODE -> exist.add(e.path());
            default -> {
            }
        }
    }

    /** A notification consumes the watches it triggers. */
    void fired(int eventType, String path) {
        switch (eventType) {
            case WatchEventType.NODE_CREATED, WatchEventType.NODE_DATA_CHANGED -> {
                data.remove(path);
                exist.remove(path);
            }
            case WatchEventType.NODE_CHILDREN_CHANGED -> child.remove(path);
            case WatchEventType.NODE_DELETED -> {
                data.remove(path);
                exist.remove(path);
                child.remove(path);
            }
            default -> {
            }
        }
    }

    boolean isEmpty() {
        return data.isEmpty() && exist.isEmpty() && child.isEmpty();
    }

    List<String> dataPaths() {
        return List.copyOf(data);
    }

    List<String> existPaths() {
        return List.copyOf(exist);
    }

    List<String> childPaths() {
        return List.copyOf(child);
    }

    void clear() {
        data.clear();
        exist.clear();
        child.clear();
    }
}
