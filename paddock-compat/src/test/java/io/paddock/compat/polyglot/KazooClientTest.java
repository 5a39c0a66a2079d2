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
 * kazoo, the Python client, runs its suite (polyglot/kazoo_suite.py) unchanged against each server kind: the
 * same script must pass against Apache ZooKeeper and against Paddock.
 */
class KazooClientTest {
    private static final Duration SUITE_TIMEOUT = Duration.ofSeconds(120);
    private static Path python;

    @BeforeAll
    static void kazooIsInstalled() {
        python = PolyglotTools.requireKazoo();
    }

    @ParameterizedTest(name = "kazoo against {0}")
    @MethodSource("io.paddock.compat.polyglot.ServerKinds#kinds")
    void kazooSuitePasses(String kind, @TempDir Path dir) {
        try (ServerUnderTest server = TestServers.start(kind, dir)) {
            ToolRun run = ToolRun.run(SUITE_TIMEOUT, dir, List.of(python.toString(), "-u",
                    PolyglotTools.resource("kazoo_suite.py").toString(), server.connectString()));

            assertThat(run.exitCode()).as("kazoo suite against %s: %s", kind, run.describe()).isZero();
            assertThat(run.output()).as("kazoo suite against %s: %s", kind, run.describe())
                    .contains("kazoo suite: all ")
                    .doesNotContain("FAIL ");
        }
    }
}
