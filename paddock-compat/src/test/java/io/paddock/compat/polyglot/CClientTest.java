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
 * The official C client (libzookeeper_mt from Debian) runs polyglot/c_client_suite.c, compiled here with gcc,
 * unchanged against each server kind: the same program must pass against Apache ZooKeeper and Paddock.
 */
class CClientTest {
    private static final Duration SUITE_TIMEOUT = Duration.ofSeconds(90);
    private static Path suite;

    @BeforeAll
    static void compileSuite() {
        suite = PolyglotTools.compileC("c_client_suite.c");
    }

    @ParameterizedTest(name = "C client against {0}")
    @MethodSource("io.paddock.compat.polyglot.ServerKinds#kinds")
    void cClientSuitePasses(String kind, @TempDir Path dir) {
        try (ServerUnderTest server = TestServers.start(kind, dir)) {
            ToolRun run = ToolRun.run(SUITE_TIMEOUT, dir, List.of(suite.toString(), server.connectString()));

            assertThat(run.exitCode()).as("C client suite against %s: %s", kind, run.describe()).isZero();
            assertThat(run.output()).as("C client suite against %s: %s", kind, run.describe())
                    .contains("C client suite: all ")
                    .doesNotContain("FAIL ");
        }
    }
}
