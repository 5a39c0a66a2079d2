package io.paddock.compat.support;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server kinds a compat run targets, from the system property {@code compat.servers}
 * (comma separated, default "zookeeper,paddock"). Run {@code -Dcompat.servers=zookeeper} to check the
 * suite itself against the reference while Paddock is not ready.
 */
public final class ServerKinds {
    public static final String PROPERTY = "compat.servers";
    public static final String DEFAULT = "zookeeper,paddock";

    private ServerKinds() {
    }

    public static List<String> selected() {
        List<String> kinds = Arrays.stream(System.getProperty(PROPERTY, DEFAULT).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names no server kind");
        }
        return kinds;
    }

    /** MethodSource for {@link AgainstEachServer}. */
    public static Stream<String> kinds() {
        return selected().stream();
    }

    /**
     * The server a differential run compares with Apache ZooKeeper: Paddock when selected, otherwise a second
     * Apache ZooKeeper (which checks that the harness itself is deterministic).
     */
    public static String differentialCandidate() {
        return selected().contains("paddock") ? "paddock" : "zookeeper";
    }
}
