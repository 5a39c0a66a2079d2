package io.paddock.compat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP forwarder in front of a server, so a test can make a client lose its connection without its
 * session expiring: {@link #cutAll()} closes every current connection, {@link #refuseNew(boolean)} closes new
 * ones as soon as they arrive (keeping the client disconnected while others change the tree), {@link
 * #retarget(ServerUnderTest)} sends new connections to another server.
 */
public final class ChaosProxy implements AutoCloseable {
    private final ServerSocket listener;
    private volatile InetSocketAddress target;
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean refusing;
    private volatile boolean closed;
    private int accepted;
    private int closedWithoutReply;

    public ChaosProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = Thread.ofPlatform().daemon().name("chaos-proxy-accept").start(this::acceptLoop);
    }

    public static ChaosProxy in(ServerUnderTest server) {
        return new ChaosProxy("127.0.0.1", server.port());
    }

    public String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** How many client connections were forwarded so far (refused ones not counted). */
    public synchronized int acceptedConnections() {
        return accepted;
    }

    /** New connections go to this server from now on; open ones stay where they are (cut them to move them). */
    public void retarget(ServerUnderTest server) {
        this.target = new InetSocketAddress("127.0.0.1", server.port());
    }

    public void refuseNew(boolean refuse) {
        this.refusing = refuse;
    }

    /** Closes both sides of every connection that is open now. */
    public synchronized void cutAll() {
        open.forEach(ChaosProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cutAll();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // listener closed
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 5_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                synchronized (this) {
                    open.add(client);
                    open.add(server);
                    accepted++;
                }
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /**
     * How many forwarded connections ended without the server sending a single byte: a server refusing a
     * handshake closes without a ConnectResponse.
     */
    public synchronized int closedWithoutReply() {
        return closedWithoutReply;
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        Thread.ofPlatform().daemon().name("chaos-proxy-pump").start(() -> {
            byte[] buffer = new byte[8192];
            long forwarded = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    forwarded += n;
                }
            } catch (IOException e) {
                // One side went away; close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                if (fromServer && forwarded == 0) {
                    synchronized (this) {
                        closedWithoutReply++;
                    }
                }
            }
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
