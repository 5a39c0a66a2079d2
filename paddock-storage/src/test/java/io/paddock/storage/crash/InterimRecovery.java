package io.paddock.storage.crash;

import io.paddock.core.node.RecoveredState;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.SnapshotFile;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stands in for io.paddock.storage.Recovery until it lands, following its contract: the newest snapshot, then
 * the log replayed after its zxid.
 */
final class InterimRecovery {
    private InterimRecovery() {
    }

    record Recovered(RecoveredState state, TxnLog log, long snapshotZxid) {
    }

    static Recovered recover(FileSystem fs, Path snapDir, Path logDir, LogOptions options, Consumer<String> warnings)
            throws Exception {
        RecoveredState state = RecoveredState.empty();
        long snapshotZxid = 0;
        List<Path> snapshots = SnapshotFile.listNewestFirst(fs, snapDir);
        if (!snapshots.isEmpty()) {
            SnapshotFile.Snapshot snapshot = SnapshotFile.read(fs, snapshots.get(0));
            state = snapshot.restore();
            snapshotZxid = snapshot.zxid();
        }
        TxnLog log = TxnLog.open(fs, logDir, options, false, warnings);
        for (LoggedTxn t : log.readAfter(snapshotZxid)) {
            state.replay(t.header(), t.txn());
        }
        return new Recovered(state, log, snapshotZxid);
    }
}
