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

    /**
     * The real thing: {@link PaddockServer}. If its storage fails the server stops itself, and the process exits
     * with status 1 rather than linger without a client port.
     */
    static ServerLauncher paddock() {
        return config -> {
            PaddockServer server = PaddockServer.start(config);
            server.fatalFailure().thenAccept(cause -> {
                System.err.println("paddock: the server stopped because storage failed: " + cause);
                System.exit(StartCommand.EXIT_FAILURE);
            });
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
