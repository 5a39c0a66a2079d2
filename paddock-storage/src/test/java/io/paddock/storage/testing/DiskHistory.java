package io.paddock.storage.testing;

import io.paddock.core.node.Peer;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.storage.log.CorruptLogException;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.SnapshotWriter;
import io.paddock.storage.testing.PeerHarness.Kind;
import io.paddock.storage.testing.PeerHarness.Op;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * A Peer's history written the way the server writes it: every txn logged and forced before it is applied
 * (the harness applies at once, so the log is synced after each operation), fuzzy snapshots taken while
 * operations keep coming. Small segments, no preallocation, so tests can find records at the end of files.
 */
public final class DiskHistory implements AutoCloseable {
    public static final LogOptions SMALL_SEGMENTS = new LogOptions(2048, 0);

    public final MemoryFileSystem fs;
    public final Path snapDir;
    public final Path logDir;
    public final PeerHarness harness;
    private final Random random;
    private TxnLog log;

    public DiskHistory(long seed) throws IOException, CorruptLogException {
        this(new MemoryFileSystem(), Path.of("/data/version-2"), Path.of("/datalog/version-2"), new PeerHarness(), seed);
    }

    public DiskHistory(MemoryFileSystem fs, Path snapDir, Path logDir, PeerHarness harness, long seed)
            throws IOException, CorruptLogException {
        this.fs = fs;
        this.snapDir = snapDir;
        this.logDir = logDir;
        this.harness = harness;
        this.random = new Random(seed);
        this.log = TxnLog.open(fs, logDir, SMALL_SEGMENTS, false, w -> {
        });
        sync();
    }

    public TxnLog log() {
        return log;
    }

    /** Continues on a log another component opened (after recovery). */
    public void useLog(TxnLog other) {
        this.log = other;
    }

    /** Runs {@code count} random operations, each logged durably. */
    public void run(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            apply(randomOp());
        }
    }

    public void apply(Op op) throws IOException {
        harness.apply(op);
        sync();
    }

    /** A snapshot of the tree as it stands (no operation runs during the walk). Returns the file. */
    public Path snapshot() throws IOException {
        return snapshot(false);
    }

    /** A fuzzy snapshot: random operations run between its slices. Returns the file. */
    public Path fuzzySnapshot() throws IOException {
        return snapshot(true);
    }

    private Path snapshot(boolean fuzzy) throws IOException {
        Peer.SnapshotStart start = harness.peer().startSnapshot();
        TreeSnapshotCursor cursor = start.cursor();
        try (SnapshotWriter writer = SnapshotWriter.begin(fs, snapDir, cursor.startZxid(), start.sessionTimeouts())) {
            while (!cursor.done()) {
                writer.write(cursor.next(1 + random.nextInt(3)));
                if (fuzzy) {
                    run(random.nextInt(3));
                }
            }
            return writer.finish();
        }
    }

    private void sync() throws IOException {
        for (LoggedTxn txn : harness.logAfter(log.lastZxid())) {
            log.append(txn);
        }
        log.force();
    }

    private Op randomOp() {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[random.nextInt(kinds.length)];
        if (kind == Kind.CLOSE_SESSION && random.nextInt(4) != 0) {
            kind = Kind.CREATE_EPHEMERAL;
        }
        return new Op(kind, random.nextInt(50), random.nextInt(3), random.nextInt(7));
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
