package io.paddock.cli;

import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import java.net.InetSocketAddress;

/** Starts a server from a config; a seam so the command can be tested without binding ports. */
@FunctionalInterface
public interface ServerLauncher {

    /** A started server, as far as the command line needs it. */
    interface RunningServer extends AutoCloseable {
        InetSocketAddress clientAddress();

        @Override
        void close();
    }

    RunningServer launch(ServerConfig config) throws Exception;

    /** The real thing: {@link PaddockServer}. */
    static ServerLauncher paddock() {
        return config -> {
            PaddockServer server = PaddockServer.start(config);
            return new RunningServer() {
                @Override
                public InetSocketAddress clientAddress() {
                    return server.clientAddress();
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        };
    }
}
