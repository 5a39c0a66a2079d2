package io.paddock.core.watch;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.WatchEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** setWatches/setWatches2: what a reconnecting client's remembered watches turn into (DataTree.setWatches). */
final class WatchRearm {
    private WatchRearm() {
    }

    static List<WatchDelivery> apply(WatchTable table, long connectionId, ClientRequest.SetWatches request,
                                     Function<String, NodeZxids> tree) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(tree, "tree");
        long relativeZxid = request.relativeZxid();
        List<WatchDelivery> fired = new ArrayList<>();
        for (String path : request.dataWatches()) {
            NodeZxids node = tree.apply(path);
            if (node == null) {
                fired.add(new WatchDelivery(connectionId, WatchEventType.NODE_DELETED, path));
            } else if (node.mzxid() > relativeZxid) {
                fired.add(new WatchDelivery(connectionId, WatchEventType.NODE_DATA_CHANGED, path));
            } else {
                table.add(path, connectionId, WatchKind.DATA);
            }
        }
        for (String path : request.existWatches()) {
            if (tree.apply(path) != null) {
                fired.add(new WatchDelivery(connectionId, WatchEventType.NODE_CREATED, path));
            } else {
                table.add(path, connectionId, WatchKind.DATA);
            }
        }
        for (String path : request.childWatches()) {
            NodeZxids node = tree.apply(path);
            if (node == null) {
                fired.add(new WatchDelivery(connectionId, WatchEventType.NODE_DELETED, path));
            } else if (node.pzxid() > relativeZxid) {
                fired.add(new WatchDelivery(connectionId, WatchEventType.NODE_CHILDREN_CHANGED, path));
            } else {
                table.add(path, connectionId, WatchKind.CHILD);
            }
        }
        for (String path : request.persistentWatches()) {
            table.add(path, connectionId, WatchKind.PERSISTENT);
        }
        for (String path : request.persistentRecursiveWatches()) {
            table.add(path, connectionId, WatchKind.PERSISTENT_RECURSIVE);
        }
        return fired;
    }
}
