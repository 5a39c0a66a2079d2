package io.paddock.compat.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.TestServers;
import io.paddock.server.CorruptHistoryException;
import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Damaged data directories: refused with the file named, started with repair, a torn tail repaired. */
class CorruptionTest {
    private static final int NODES = 20;

    @TempDir
    Path dir;

    private PaddockServer server;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger paddockLogger = (Logger) LoggerFactory.getLogger("io.paddock");

    @BeforeEach
    void captureLogs() {
        logged.start();
        paddockLogger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        paddockLogger.detachAppender(logged);
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig config() {
        return TestServers.base(dir);
    }

    private Path logDir() {
        return dir.resolve("paddock").resolve("version-2");
    }

    /**
     * Starts a server, creates /n0../n(NODES-1) one txn each, stops it; returns the log segment. The client is
     * closed only after the server, so the last txn in the log is the last create.
     */
    private Path writeNodes(ServerConfig config) throws Exception {
        ZooKeeper zk;
        try (PaddockServer first = PaddockServer.start(config)) {
            zk = connect(first);
            for (int i = 0; i < NODES; i++) {
                zk.create("/n" + i, ("value-" + i).getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
            }
        }
        zk.close(100);
        List<Path> segments = files("log.");
        assertThat(segments).hasSize(1);
        return segments.getFirst();
    }

    private List<Path> files(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(logDir())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && !f.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }

    private static ZooKeeper connect(PaddockServer server) throws Exception {
        EventLog events = new EventLog();
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + server.clientAddress().getPort(), 4_000, events);
        events.awaitState(KeeperState.SyncConnected);
        return zk;
    }

    /** Start offsets of every record of a segment (16-byte header, then length-prefixed records, 0 ends). */
    private static List<Long> recordOffsets(Path segment) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "r")) {
            long offset = 16;
            while (offset + 4 <= file.length()) {
                file.seek(offset);
                int length = file.readInt();
                if (length == 0) {
                    break;
                }
                offsets.add(offset);
                offset += 8 + length;
            }
        }
        return offsets;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x20);
        }
    }

    /** The /nI nodes that exist. */
    private List<Integer> nodesPresent(PaddockServer running) throws Exception {
        ZooKeeper zk = connect(running);
        try {
            List<Integer> present = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                byte[] data = zk.exists("/n" + i, false) == null ? null : zk.getData("/n" + i, false, null);
                if (data != null) {
                    assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("value-" + i);
                    present.add(i);
                }
            }
            return present;
        } finally {
            zk.close();
        }
    }

    @Test
    void aFlippedByteInTheMiddleOfTheLogStopsTheStartAndNamesTheFile() throws Exception {
        Path segment = writeNodes(config());
        List<Long> records = recordOffsets(segment);
        long damaged = records.get(records.size() / 2);
        flipByte(segment, damaged + 20);

        assertThatThrownBy(() -> PaddockServer.start(config()))
                .isInstanceOf(CorruptHistoryException.class)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("offset")
                .hasMessageContaining("--repair")
                .satisfies(e -> assertThat(((CorruptHistoryException) e).file().getFileName())
                        .isEqualTo(segment.getFileName()));
    }

    @Test
    void repairStartsAnywayWithTheHistoryBeforeTheDamage() throws Exception {
        Path segment = writeNodes(config());
        List<Long> records = recordOffsets(segment);
        long damaged = records.get(records.size() / 2);
        flipByte(segment, damaged + 20);

        server = PaddockServer.start(config().withRepairCorruption(true));

        List<Integer> present = nodesPresent(server);
        assertThat(present).isNotEmpty().hasSizeLessThan(NODES);
        assertThat(present).isEqualTo(java.util.stream.IntStream.range(0, present.size()).boxed().toList());
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("ERROR");
            assertThat(event.getFormattedMessage()).contains(segment.getFileName().toString());
        });
    }

    @Test
    void aTornTailIsRepairedWithoutBeingAskedAndLogged() throws Exception {
        Path segment = writeNodes(config());
        List<Long> records = recordOffsets(segment);
        long last = records.getLast();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(last + 12); // the last record loses its end, as a crash mid-write leaves it
        }

        server = PaddockServer.start(config());

        assertThat(nodesPresent(server)).hasSize(NODES - 1).doesNotContain(NODES - 1);
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage()).contains(segment.getFileName().toString());
        });
    }

    @Test
    void aDamagedNewestSnapshotStopsTheStartAndNamesIt() throws Exception {
        writeNodes(config());
        // a restart after replaying txns writes a snapshot of what it recovered
        server = PaddockServer.start(config());
        org.awaitility.Awaitility.await().atMost(EventLog.WAIT).until(() -> !files("snapshot.").isEmpty());
        server.close();
        server = null;
        Path snapshot = files("snapshot.").getLast();
        flipByte(snapshot, Files.size(snapshot) / 2);

        assertThatThrownBy(() -> PaddockServer.start(config()))
                .isInstanceOf(CorruptHistoryException.class)
                .hasMessageContaining(snapshot.getFileName().toString());

        server = PaddockServer.start(config().withRepairCorruption(true));
        assertThat(nodesPresent(server)).hasSize(NODES);
    }
}
