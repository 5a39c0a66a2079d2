package io.paddock.compat.polyglot;

import java.util.Arrays;
import java.util.stream.Stream;

/** The server kinds a polyglot test runs against: system property compat.servers, default both. */
final class ServerKinds {
    static final String PROPERTY = "compat.servers";
    static final String DEFAULT = "zookeeper,paddock";

    private ServerKinds() {
    }

    static Stream<String> kinds() {
        String[] kinds = Arrays.stream(System.getProperty(PROPERTY, DEFAULT).split(","))
                .map(String::trim)
                .filter(kind -> !kind.isEmpty())
                .toArray(String[]::new);
        if (kinds.length == 0) {
            throw new IllegalArgumentException(PROPERTY + " names no server kind");
        }
        return Stream.of(kinds);
    }
}
