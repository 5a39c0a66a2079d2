package io.paddock.compat.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.ServerUnderTest;
import io.paddock.compat.support.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cli_mt, the C client's shell from Debian's zookeeper-bin, in batch mode ({@code -h HOST:PORT -c COMMAND}):
 * each command is one session that connects, runs the command, prints the answer and closes. It prints
 * result codes (rc = 0, -101 no node, -110 node exists, -111 not empty) rather than exiting non-zero, so
 * the test reads its output. Only asynchronous commands end a batch run, hence no "exists".
 */
class CliMtTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static Path cliMt;

    @BeforeAll
    static void cliMtIsInstalled() {
        cliMt = PolyglotTools.requireCliMt();
    }

    @ParameterizedTest(name = "cli_mt against {0}")
    @MethodSource("io.paddock.compat.polyglot.ServerKinds#kinds")
    void cliMtCreatesReadsListsAndDeletes(String kind, @TempDir Path dir) {
        try (ServerUnderTest server = TestServers.start(kind, dir)) {
            Cli cli = new Cli(server.connectString(), dir);

            assertThat(cli.run("create /cli")).contains("[/cli]: rc = 0", "name = /cli");
            assertThat(cli.run("create /cli")).contains("[/cli]: rc = -110");
            assertThat(cli.run("set /cli hello world")).contains("/cli: rc = 0", "version=1");
            assertThat(cli.run("get /cli")).contains("/cli: rc = 0", "value_len = 11", "hello world", "version=1");
            assertThat(cli.run("create +s /cli/s-")).contains("[/cli/s-]: rc = 0", "name = /cli/s-0000000000");
            // the ephemeral belongs to a cli session that closes right after creating it
            assertThat(cli.run("create +e /cli/eph")).contains("[/cli/eph]: rc = 0", "name = /cli/eph");
            assertThat(cli.run("create2 /cli/two")).contains("[/cli/two]: rc = 0", "name = /cli/two");

            String listing = cli.run("ls /cli");
            assertThat(listing).contains("/cli: rc = 0", "\ts-0000000000\n", "\ttwo\n").doesNotContain("eph");
            assertThat(cli.run("ls2 /cli")).contains("/cli: rc = 0", "\ts-0000000000\n", "version=1");
            assertThat(cli.run("get /nope")).contains("/nope: rc = -101");
            assertThat(cli.run("ls /nope")).contains("/nope: rc = -101");
            assertThat(cli.run("delete /cli")).contains("/cli: rc = -111");
            assertThat(cli.run("delete /cli/s-0000000000")).contains("/cli/s-0000000000: rc = 0");
            assertThat(cli.run("delete /cli/two")).contains("/cli/two: rc = 0");
            assertThat(cli.run("delete /cli")).contains("/cli: rc = 0");
            assertThat(cli.run("ls /")).contains("/: rc = 0", "\tzookeeper\n").doesNotContain("\tcli\n");
        }
    }

    /** Runs one batch command and returns its output, after checking that the session connected and ended. */
    private record Cli(String connectString, Path dir) {
        String run(String command) {
            ToolRun run = ToolRun.run(COMMAND_TIMEOUT, dir,
                    List.of(cliMt.toString(), "-h", connectString, "-c", command));
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.output()).as(run.describe()).contains("state = CONNECTED_STATE");
            return run.output();
        }
    }
}
