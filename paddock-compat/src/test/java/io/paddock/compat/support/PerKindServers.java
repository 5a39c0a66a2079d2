package io.paddock.compat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * Supplies one running server per kind named in the system property {@code compat.servers} (default
 * "zookeeper,paddock") to a {@code @ParameterizedTest}. Each test class gets its own servers, started on
 * first use and closed when the class finishes, so tests in a class share a server and must use their
 * own paths.
 */
public final class PerKindServers implements ArgumentsProvider {
    public static final String PROPERTY = "compat.servers";

    /** The server kinds this run targets, in the order given. */
    public static List<String> kinds() {
        String value = System.getProperty(PROPERTY, "zookeeper,paddock");
        List<String> kinds = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (kinds.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no server");
        }
        return kinds;
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        ExtensionContext classContext = context.getParent().orElseThrow();
        ExtensionContext.Store store = classContext.getStore(ExtensionContext.Namespace.create(PerKindServers.class));
        return kinds().stream().map(kind -> Arguments.of(
                store.getOrComputeIfAbsent(kind, k -> new Started(k), Started.class).handle));
    }

    /** A server and its scratch directory, closed together by JUnit when the class's store closes. */
    private static final class Started implements ExtensionContext.Store.CloseableResource {
        final Path dir;
        final KindServer handle;

        Started(String kind) {
            try {
                dir = Files.createTempDirectory("compat-" + kind);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            handle = new KindServer(kind, TestServers.start(kind, dir));
        }

        @Override
        public void close() throws IOException {
            try {
                handle.server().close();
            } finally {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A started server with its kind; prints as the kind so test names read "[1] zookeeper". */
    public record KindServer(String kind, ServerUnderTest server) {
        public String connectString() {
            return server.connectString();
        }

        public int port() {
            return server.port();
        }

        @Override
        public String toString() {
            return kind;
        }
    }
}
