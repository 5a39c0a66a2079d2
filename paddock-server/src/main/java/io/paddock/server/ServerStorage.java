package io.paddock.server;

import io.paddock.core.node.RecoveredState;
import io.paddock.server.config.ServerConfig;
import io.paddock.storage.Recovery;
import io.paddock.storage.RecoveryOptions;
import io.paddock.storage.Retention;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.log.CorruptLogException;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.CorruptSnapshotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's data directories, as ZooKeeper lays them out: snapshots in {@code <dataDir>/version-2}, the txn
 * log in {@code <dataLogDir>/version-2}. Recovers the state before the server binds its port, then provides the
 * txn store, the snapshot taker and the autopurge timer the running server needs.
 */
final class ServerStorage {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStorage.class);
    static final String VERSION_DIR = "version-2";

    private final RecoveredState state;
    private final FileTxnStore store;
    private final SnapshotTaker snapshots;
    private final List<AutoCloseable> extras;
    private final boolean snapshotAtStart;

    private ServerStorage(RecoveredState state, FileTxnStore store, SnapshotTaker snapshots,
                          List<AutoCloseable> extras, boolean snapshotAtStart) {
        this.state = state;
        this.store = store;
        this.snapshots = snapshots;
        this.extras = extras;
        this.snapshotAtStart = snapshotAtStart;
    }

    static Path snapDir(ServerConfig config) {
        return config.dataDir().resolve(VERSION_DIR);
    }

    static Path logDir(ServerConfig config) {
        return config.dataLogDir().resolve(VERSION_DIR);
    }

    /**
     * Recovers the newest snapshot plus the log after it. Corrupt history throws {@link CorruptHistoryException}
     * naming the file and offset, unless the config asks for repair.
     *
     * @param onFailure told when the txn log cannot be written any more (the server must stop)
     */
    static ServerStorage open(ServerConfig config, FileSystem fs, Consumer<Throwable> onFailure) {
        Path snapDir = snapDir(config);
        Path logDir = logDir(config);
        long started = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = warning -> {
            warnings.add(warning);
            if (config.repairCorruption()) {
                LOG.error("Recovery (repair mode): {}", warning);
            } else {
                LOG.warn("Recovery: {}", warning);
            }
        };
        Recovery.Recovered recovered;
        try {
            fs.createDirectories(snapDir);
            fs.createDirectories(logDir);
            recovered = Recovery.recover(fs, snapDir, logDir, LogOptions.defaults(),
                    new RecoveryOptions(config.repairCorruption()), warn);
        } catch (CorruptLogException e) {
            throw new CorruptHistoryException(e.file(), e.offset(), e.getMessage(), e);
        } catch (CorruptSnapshotException e) {
            throw new CorruptHistoryException(e.file(), e.offset(), e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data directories " + snapDir + " and " + logDir, e);
        }
        RecoveredState state = recovered.state();
        long lastZxid = state.lastZxid();
        long snapshotZxid = recovered.snapshotZxid();
        LOG.info("Recovered {} in {} ms: snapshot at zxid 0x{}, log replayed up to zxid 0x{} ({} txns after"
                        + " the snapshot), {} sessions, {} nodes",
                snapDir.equals(logDir) ? snapDir.toAbsolutePath()
                        : snapDir.toAbsolutePath() + " and " + logDir.toAbsolutePath(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Long.toHexString(snapshotZxid),
                Long.toHexString(lastZxid), Math.max(0, lastZxid - snapshotZxid), state.sessionTimeouts().size(),
                state.tree().nodeCount());
        if (config.repairCorruption() && !warnings.isEmpty()) {
            LOG.error("Started in repair mode: {} problem(s) in the history were cut away (see above); writes after"
                    + " the damage are lost", warnings.size());
        }
        TxnLog log = recovered.log();
        FileTxnStore store = new FileTxnStore(new TxnLogDurableLog(log), onFailure);
        SnapshotTaker snapshots = new SnapshotTaker(new SnapshotThreshold(config.snapCount(), new SecureRandom()),
                new SnapshotFiles(fs, snapDir));
        snapshots.whenStarting(store::rollLogSoon);
        List<AutoCloseable> extras = new ArrayList<>();
        if (config.purgeIntervalHours() > 0) {
            extras.add(autopurge(config, fs, snapDir, log, store));
        }
        return new ServerStorage(state, store, snapshots, List.copyOf(extras), lastZxid > snapshotZxid);
    }

    /**
     * ZooKeeper's DatadirCleanupManager: every purgeInterval hours (first at startup) keep the newest
     * snapRetainCount snapshots and the log they need. Runs on the storage thread, which owns the log.
     */
    private static AutoCloseable autopurge(ServerConfig config, FileSystem fs, Path snapDir, TxnLog log,
                                           FileTxnStore store) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "paddock-autopurge");
            thread.setDaemon(true);
            return thread;
        });
        int retain = config.snapRetainCount();
        timer.scheduleAtFixedRate(() -> store.runOnStorageThread(() -> {
            try {
                Retention.purge(fs, snapDir, log, retain, report -> LOG.info("Autopurge: {}", report));
            } catch (IOException e) {
                LOG.warn("Autopurge failed; it tries again in {} h", config.purgeIntervalHours(), e);
            }
        }), 0, config.purgeIntervalHours(), TimeUnit.HOURS);
        LOG.info("Autopurge every {} h, keeping the newest {} snapshots", config.purgeIntervalHours(), retain);
        return timer::shutdownNow;
    }

    RecoveredState state() {
        return state;
    }

    FileTxnStore store() {
        return store;
    }

    SnapshotTaker snapshots() {
        return snapshots;
    }

    List<AutoCloseable> extras() {
        return extras;
    }

    /** Whether txns were replayed after the newest snapshot, so a fresh one would make the next start faster. */
    boolean snapshotAtStart() {
        return snapshotAtStart;
    }
}
