package io.paddock.core.watch;

import java.util.HashSet;
import java.util.Set;

/** The paths one connection watches (any kind). */
final class ConnectionWatches {
    final Set<String> paths = new HashSet<>();
    /** How many of {@link #paths} carry a data-side bit for this connection. */
    int dataSidePaths;
}
