package io.paddock.compat.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Finds the non-Java clients the polyglot tests drive. They come from Debian packages that
 * bin/install-test-deps installs; when one is missing the test fails (never skips) and says so.
 */
final class PolyglotTools {
    static final String INSTALL_HINT = "run bin/install-test-deps";
    /** Debian's interpreter: python3-kazoo installs for it, not for any other python3 on PATH. */
    static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    static final Path ZOOKEEPER_HEADER = Path.of("/usr/include/zookeeper/zookeeper.h");
    static final List<Path> CLI_MT_LOCATIONS = List.of(Path.of("/usr/lib/zookeeper/bin/cli_mt"),
            Path.of("/usr/bin/cli_mt"));
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    private PolyglotTools() {
    }

    /** The compiled test resources folder's file, e.g. polyglot/kazoo_suite.py. */
    static Path resource(String name) {
        URL url = PolyglotTools.class.getResource("/polyglot/" + name);
        assertThat(url).as("test resource polyglot/%s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** paddock-compat/target/polyglot: where compiled C programs and tool logs go. */
    static Path workDir() {
        Path testClasses = resource("kazoo_suite.py").getParent().getParent();
        return testClasses.getParent().resolve("polyglot");
    }

    /** Runs a setup step; a tool that cannot even start (not installed) fails with the install hint. */
    private static ToolRun setup(List<String> command) {
        try {
            return ToolRun.run(SETUP_TIMEOUT, workDir(), command);
        } catch (UncheckedIOException e) {
            throw new AssertionError(command.get(0) + " cannot run (" + INSTALL_HINT + "): " + e.getCause(), e);
        }
    }

    static Path requireKazoo() {
        assertThat(DEBIAN_PYTHON).as("%s is missing: %s", DEBIAN_PYTHON, INSTALL_HINT).isExecutable();
        ToolRun probe = setup(
                List.of(DEBIAN_PYTHON.toString(), "-c", "import kazoo.client, kazoo.recipe.lock"));
        assertThat(probe.exitCode())
                .as("%s cannot import kazoo (%s):%n%s", DEBIAN_PYTHON, INSTALL_HINT, probe.output())
                .isZero();
        return DEBIAN_PYTHON;
    }

    static Path requireCliMt() {
        return CLI_MT_LOCATIONS.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("cli_mt (Debian zookeeper-bin) not found in "
                        + CLI_MT_LOCATIONS + ": " + INSTALL_HINT));
    }

    /** Compiles a C program from the test resources against libzookeeper_mt; returns the executable. */
    static Path compileC(String sourceName) {
        assertThat(ZOOKEEPER_HEADER).as("%s is missing (libzookeeper-mt-dev): %s", ZOOKEEPER_HEADER, INSTALL_HINT)
                .exists();
        Path source = resource(sourceName);
        Path binary = workDir().resolve(sourceName.replaceFirst("\\.c$", ""));
        ToolRun gcc = setup(List.of("gcc", "-std=gnu11", "-Wall", "-Wextra",
                "-Werror", "-DTHREADED", "-o", binary.toString(), source.toString(), "-lzookeeper_mt", "-lcrypto",
                "-lpthread"));
        assertThat(gcc.exitCode()).as("compiling %s failed (%s): %s", sourceName, INSTALL_HINT, gcc.describe())
                .isZero();
        assertThat(binary).isExecutable();
        return binary;
    }
}
