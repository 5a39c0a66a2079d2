package io.paddock.server;

import io.paddock.core.tree.NodeRecord;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Snapshots written as files in the snapshot directory (temp file, forced, renamed). */
record SnapshotFiles(FileSystem fs, Path snapDir) implements SnapshotOutput.Factory {
    @Override
    public SnapshotOutput begin(long zxid, Map<Long, Integer> sessionTimeouts) throws IOException {
        SnapshotWriter writer = SnapshotWriter.begin(fs, snapDir, zxid, sessionTimeouts);
        return new SnapshotOutput() {
            @Override
            public void write(List<NodeRecord> nodes) throws IOException {
                writer.write(nodes);
            }

            @Override
            public Path finish() throws IOException {
                return writer.finish();
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }
}
