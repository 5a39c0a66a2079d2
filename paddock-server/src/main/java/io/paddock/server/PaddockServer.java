package io.paddock.server;

import io.paddock.server.config.ServerConfig;
import java.net.InetSocketAddress;

/** A running standalone Paddock server. Placeholder API; the runtime fills it in. */
public final class PaddockServer implements AutoCloseable {
    private final InetSocketAddress address;

    private PaddockServer(InetSocketAddress address) {
        this.address = address;
    }

    /** Binds the client port (0 picks a free one) and starts serving; returns once clients can connect. */
    public static PaddockServer start(ServerConfig config) {
        throw new IllegalStateException("the runtime is not built yet");
    }

    /** The address the client port is bound to (with the real port when 0 was asked for). */
    public InetSocketAddress clientAddress() {
        return address;
    }

    @Override
    public void close() {
    }
}
