package io.paddock.server;

import io.paddock.core.tree.NodeRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A snapshot being written, fed in slices on the snapshot thread. SnapshotWriter in production. */
interface SnapshotOutput extends AutoCloseable {
    void write(List<NodeRecord> nodes) throws IOException;

    /** Completes the snapshot durably and returns where it is. */
    Path finish() throws IOException;

    /** Abandons an unfinished snapshot (its temporary file goes away). */
    @Override
    void close();

    /** Where snapshots are begun. */
    @FunctionalInterface
    interface Factory {
        SnapshotOutput begin(long zxid, Map<Long, Integer> sessionTimeouts) throws IOException;
    }
}
