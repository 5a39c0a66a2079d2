package io.paddock.core.watch;

import java.util.LinkedHashMap;
import java.util.Map;

/** The connections watching one path and what each watches; insertion order is delivery order. */
final class PathWatchers {
    /** connection id to its non-zero {@link WatchBits} mask on this path. */
    final Map<Long, Integer> masks = new LinkedHashMap<>(4);
    /** How many of {@link #masks} have a data-side bit (ZooKeeper's data manager holds this path). */
    int dataSideConnections;
}
