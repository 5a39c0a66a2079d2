package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.cli.ServerLauncher.RunningServer;
import io.paddock.server.CorruptHistoryException;
import io.paddock.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command objects in-process, with a fake server and a stop signal that fires at once. */
class PaddockCommandLineTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<ServerConfig> launched = new ArrayList<>();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicBoolean handedOff = new AtomicBoolean();
    private ServerLauncher launcher = config -> {
        launched.add(config);
        return fakeServer(config);
    };

    private RunningServer fakeServer(ServerConfig config) {
        return new RunningServer() {
            @Override
            public InetSocketAddress clientAddress() {
                InetSocketAddress asked = config.clientAddress();
                return asked.getPort() == 0 ? new InetSocketAddress(asked.getAddress(), 40123) : asked;
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
    }

    private int run(String... args) {
        CommandLine commandLine = PaddockMain.commandLine(launcher, () -> () -> handedOff.set(true));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aBadConfigExitsWithTwoAndNamesTheLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.cfg"), "# test\ndataDir=/tmp/x\ntickTime=abc\nclientPort=2181\n");

        int code = run("start", "--config", bad.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("paddock: " + bad + ":3: tickTime=abc: not a number");
        assertThat(launched).isEmpty();
    }

    @Test
    void aMissingConfigFileExitsWithTwo() {
        Path missing = dir.resolve("missing.cfg");
        assertThat(run("start", "--config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(missing + ": no such file");
    }

    @Test
    void startsWithDefaultsAndReportsAddressDataDirAndDurability() {
        Path data = dir.resolve("data");

        int code = run("start", "--data-dir", data.toString());

        assertThat(code).isZero();
        assertThat(launched).singleElement().satisfies(config -> {
            assertThat(config.clientAddress()).isEqualTo(new InetSocketAddress(2181));
            assertThat(config.dataDir()).isEqualTo(data);
            assertThat(config.isReplicated()).isFalse();
        });
        assertThat(data).isDirectory();
        assertThat(out.toString().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .contains("0.0.0.0:2181", data.toAbsolutePath().toString(), "data survives restarts")
                .doesNotContain("not built"));
        assertThat(closes).hasValue(1);
        assertThat(handedOff).isTrue();
    }

    @Test
    void repairIsOffUnlessAsked() {
        assertThat(run("start", "--data-dir", dir.resolve("a").toString())).isZero();
        assertThat(run("start", "--data-dir", dir.resolve("b").toString(), "--repair")).isZero();

        assertThat(launched).extracting(ServerConfig::repairCorruption).containsExactly(false, true);
    }

    @Test
    void corruptHistoryIsReportedWithItsFileAndTheWayOut() {
        assertThat(StartCommand.startFailure(ServerConfig.defaults(), new CorruptHistoryException(
                Path.of("log.01"), 40, "log.01 at offset 40: checksum mismatch", null)))
                .contains("log.01", "offset 40", "--repair", "paddock.repairCorruption=true")
                .doesNotContain("Exception");
    }

    @Test
    void optionsOverrideTheConfigFile() throws Exception {
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "dataDir=" + dir.resolve("from-cfg")
                + "\ndataLogDir=" + dir.resolve("log") + "\nclientPort=2222\ntickTime=1000\n");

        int code = run("start", "--config", cfg.toString(), "--port", "0", "--client-address", "127.0.0.1",
                "--data-dir", dir.resolve("override").toString());

        assertThat(code).isZero();
        ServerConfig config = launched.getFirst();
        assertThat(config.clientAddress()).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        assertThat(config.dataDir()).isEqualTo(dir.resolve("override"));
        assertThat(config.dataLogDir()).isEqualTo(dir.resolve("log"));
        assertThat(config.tickTime()).isEqualTo(1000);
        assertThat(dir.resolve("log")).isDirectory();
        assertThat(out.toString()).contains("127.0.0.1:40123");
    }

    @Test
    void theConfigFilePortIsKeptWhenOnlyTheAddressChanges() throws Exception {
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "dataDir=" + dir.resolve("d") + "\nclientPort=2222\n");

        assertThat(run("start", "--config", cfg.toString(), "--client-address", "127.0.0.1")).isZero();

        assertThat(launched.getFirst().clientAddress())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 2222));
    }

    @Test
    void aReplicatedConfigIsRefused() throws IOException {
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "dataDir=" + dir.resolve("d")
                + "\nclientPort=2181\ninitLimit=5\nsyncLimit=2\nserver.1=a:2888:3888\nserver.2=b:2888:3888\n"
                + "server.3=c:2888:3888\n");

        int code = run("start", "--config", cfg.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("replicated ensemble of 3 servers", "replication is not built yet");
        assertThat(launched).isEmpty();
    }

    @Test
    void aSingleServerLineRunsStandalone() throws IOException {
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "dataDir=" + dir.resolve("d")
                + "\nclientPort=2181\nserver.1=localhost:2888:3888\n");

        assertThat(run("start", "--config", cfg.toString())).isZero();
        assertThat(launched).hasSize(1);
    }

    @Test
    void aPortInUseIsSaidPlainly() {
        launcher = config -> {
            throw new IOException("bind failed", new BindException("Address already in use"));
        };

        int code = run("start", "--data-dir", dir.resolve("d").toString(), "--port", "2190");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot listen on 0.0.0.0:2190: Address already in use",
                "using port 2190", "--port");
    }

    @Test
    void anyOtherStartFailureIsReported() {
        launcher = config -> {
            throw new IllegalStateException("the runtime is not built yet");
        };

        assertThat(run("start", "--data-dir", dir.resolve("d").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("paddock: the server failed to start", "the runtime is not built yet");
    }

    @Test
    void aDataDirThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThat(run("start", "--data-dir", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("it is a file");
        assertThat(launched).isEmpty();
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("start", "--port", "70000", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--port: 70000 is not a port number");
        assertThat(run("start", "--port", "many")).isEqualTo(2);
        assertThat(run("start", "--no-such-option")).isEqualTo(2);
        assertThat(launched).isEmpty();
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).containsPattern("^paddock \\d+\\.\\d+\\.\\d+").contains("Java ");
        assertThat(out.toString()).doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void noSubcommandShowsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: paddock", "start", "version");
    }
}
