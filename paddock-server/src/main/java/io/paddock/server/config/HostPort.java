package io.paddock.server.config;

/**
 * A host name or address literal and a port, kept as written (not resolved): quorum members are resolved by the
 * runtime when it connects, as Apache ZooKeeper does.
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
