package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import io.paddock.storage.fs.RealFileSystem;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** paddock log dump / log verify / snapshot dump over files the storage code wrote. */
class StorageToolsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PaddockMain.commandLine(config -> {
            throw new AssertionError("no server is started by storage tools");
        }, () -> () -> { });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** A log of three creates in dir/version-2; returns its one segment. */
    private Path writeLog() throws Exception {
        Path logDir = dir.resolve("version-2");
        try (TxnLog log = TxnLog.open(new RealFileSystem(), logDir, LogOptions.defaults(), false, warning -> { })) {
            for (int i = 1; i <= 3; i++) {
                log.append(new LoggedTxn(new TxnHeader(0x42, i, i, 1_700_000_000_000L, OpCode.CREATE),
                        new Txn.Create(OpCode.CREATE, "/node" + i, ("value" + i).getBytes(StandardCharsets.UTF_8),
                                Acl.OPEN_ACL_UNSAFE, false, i)));
            }
            log.force();
            List<TxnLog.Segment> segments = log.segments();
            assertThat(segments).hasSize(1);
            return segments.getFirst().path();
        }
    }

    /** Flips one byte of the second record's payload. */
    private static void damageSecondRecord(Path segment) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(16);
            int firstLength = file.readInt();
            long secondPayload = 16 + 4 + 4 + firstLength + 4 + 4 + 8 + 2;
            file.seek(secondPayload);
            int b = file.read();
            file.seek(secondPayload);
            file.write(b ^ 0x40);
        }
    }

    @Test
    void verifyPassesAnIntactLog() throws Exception {
        writeLog();

        assertThat(run("log", "verify", dir.toString())).isZero();
        assertThat(out.toString()).contains("OK");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void verifyNamesTheFileAndOffsetOfDamageAndExitsWithTwo() throws Exception {
        Path segment = writeLog();
        damageSecondRecord(segment);

        assertThat(run("log", "verify", dir.resolve("version-2").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(segment.getFileName().toString()).containsPattern("offset \\d+");
    }

    @Test
    void dumpPrintsEveryTxnReadably() throws Exception {
        Path segment = writeLog();

        assertThat(run("log", "dump", segment.toString())).isZero();
        String printed = out.toString();
        assertThat(printed).contains("/node1", "/node2", "/node3");
        assertThat(printed.indexOf("/node1")).isLessThan(printed.indexOf("/node3"));
    }

    @Test
    void dumpOfADamagedSegmentExitsWithTwo() throws Exception {
        Path segment = writeLog();
        damageSecondRecord(segment);

        assertThat(run("log", "dump", segment.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(segment.getFileName().toString());
    }

    @Test
    void snapshotDumpPrintsSessionsAndNodes() throws Exception {
        Path snapshot;
        try (SnapshotWriter writer = SnapshotWriter.begin(new RealFileSystem(), dir, 0x10, Map.of(0x42L, 4000))) {
            writer.write(List.of(
                    new NodeRecord("/", new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0, 0, 0, 1, 0, 0, 0),
                    new NodeRecord("/kept", "hello".getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE,
                            5, 5, 1, 1, 0, 0, 0, 0, 5)));
            snapshot = writer.finish();
        }

        assertThat(run("snapshot", "dump", snapshot.toString())).isZero();
        assertThat(out.toString()).contains("/kept").containsIgnoringCase("42");
    }

    @Test
    void missingFilesExitWithOne() {
        assertThat(run("log", "dump", dir.resolve("nope").toString())).isEqualTo(1);
        assertThat(run("snapshot", "dump", dir.resolve("nope").toString())).isEqualTo(1);
        assertThat(run("log", "verify", dir.resolve("nope").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope");
    }
}
