package io.paddock.compat.zkcli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.ServerUnderTest;
import io.paddock.compat.support.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zkCli (the official jar's ZooKeeperMain) run as a separate process with a script of commands, once against
 * a fresh Apache ZooKeeper and once against a fresh Paddock server. The two transcripts must be identical once
 * wall-clock times, session ids and the port are normalised: same answers, same errors, same zxids.
 */
class ZkCliTranscriptTest {
    private static final List<String> SCRIPT = List.of(
            "create /cli hello",
            "create /cli hello",
            "create -e /cli/eph x",
            "create -s /cli/seq- y",
            "create -s /cli/seq- z",
            "create -c /cli/container",
            "create -t 60000 /cli/ttl t",
            "get /cli",
            "set /cli world",
            "set -v 0 /cli stale",
            "get -s /cli",
            "ls /cli",
            "ls -s /cli",
            "stat /cli",
            "stat /nothing",
            "getAcl /cli",
            "addauth digest alice:secret",
            "setAcl /cli/eph auth::cdrwa",
            "getAcl /cli/eph",
            "delete /cli",
            "delete /cli/seq-0000000001",
            "getAllChildrenNumber /cli",
            "getEphemerals",
            "whoami",
            "deleteall /cli",
            "ls /",
            "get /zookeeper/config",
            "sync /",
            "version",
            "quit");

    private static final Pattern TIME = Pattern.compile("(?m)^(ctime|mtime) = .*$");
    private static final Pattern SESSION = Pattern.compile("0x[0-9a-f]{9,}");
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");

    @TempDir
    Path dir;

    @Test
    void zkCliTranscriptIsTheSameOnPaddockAsOnZooKeeper() throws Exception {
        String reference = transcript("zookeeper");
        String paddock = transcript("paddock");
        assertThat(reference).as("the script ran on ZooKeeper").contains("Created /cli", "[container, eph, seq-0000000001", "Node not empty: /cli", "digest: alice");
        assertThat(paddock).isEqualTo(reference);
    }

    private String transcript(String kind) throws IOException, InterruptedException {
        try (ServerUnderTest server = TestServers.start(kind, dir.resolve(kind))) {
            Path script = dir.resolve(kind + ".script");
            Files.write(script, SCRIPT, StandardCharsets.UTF_8);
            Path output = dir.resolve(kind + ".out");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("-Dzookeeper.jline.disable=true");
            command.add("org.apache.zookeeper.ZooKeeperMain");
            command.add("-server");
            command.add(server.connectString());
            Process process = new ProcessBuilder(command)
                    .redirectInput(script.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("zkCli finished").isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return normalise(text);
        }
    }

    private static String normalise(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\\R")) {
            // Log lines from the client library (with timestamps and thread names) are not the transcript.
            if (line.matches("^\\d{4}-\\d\\d-\\d\\d.*|^\\d\\d:\\d\\d:\\d\\d.*|^SLF4J.*|^WATCHER::.*|^WatchedEvent.*|^\\s*$")) {
                continue;
            }
            kept.add(line);
        }
        String joined = String.join("\n", kept);
        joined = TIME.matcher(joined).replaceAll("$1 = <time>");
        joined = SESSION.matcher(joined).replaceAll("<session>");
        return PORT.matcher(joined).replaceAll("127.0.0.1:<port>");
    }
}
