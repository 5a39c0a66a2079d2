package io.paddock.compat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One lazily started server per kind, shared by the tests of one class, plus the clients those tests open
 * (closed by {@link #closeClients()} after each test, before the servers at the end).
 */
public final class ServerPool implements AutoCloseable {
    private final Map<String, ServerUnderTest> servers = new LinkedHashMap<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path dir;

    public synchronized ServerUnderTest server(String kind) {
        return servers.computeIfAbsent(kind, k -> TestServers.start(k, directory().resolve(k + "-" + servers.size())));
    }

    /** A new server of {@code kind} for one test that must see a pristine tree; closed with the pool. */
    public synchronized ServerUnderTest freshServer(String kind) {
        String key = kind + "#" + servers.size();
        ServerUnderTest server = TestServers.start(kind, directory().resolve(key.replace('#', '-')));
        servers.put(key, server);
        return server;
    }

    /** A connected client of the {@code kind} server, closed after the test. */
    public Clients.Client client(String kind) {
        return track(Clients.connect(server(kind).connectString()));
    }

    public synchronized <T extends AutoCloseable> T track(T closeable) {
        clients.add(closeable);
        return closeable;
    }

    /** Closes them all at once: each official client takes about 100 ms to close. */
    public synchronized void closeClients() {
        clients.parallelStream().forEach(ServerPool::closeQuietly);
        clients.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing after a failed test must not hide the failure.
        }
    }

    @Override
    public synchronized void close() {
        closeClients();
        servers.values().forEach(ServerUnderTest::close);
        servers.clear();
        if (dir != null) {
            deleteRecursively(dir);
        }
    }

    private Path directory() {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("paddock-compat");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temp files left behind are harmless.
        }
    }
}
