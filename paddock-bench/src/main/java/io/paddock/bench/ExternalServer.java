package io.paddock.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A server someone else started; the generator only connects to it, and only on this machine. */
final class ExternalServer implements BenchServer {
    private final InetSocketAddress address;

    private ExternalServer(InetSocketAddress address) {
        this.address = address;
    }

    /** Parses host:port and refuses anything that is not a loopback address: this tool loads local servers only. */
    static ExternalServer parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--connect wants host:port, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--connect: bad port in '" + hostPort + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--connect: port out of range in '" + hostPort + "'");
        }
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--connect: unknown host '" + host + "'");
        }
        for (InetAddress each : resolved) {
            if (!each.isLoopbackAddress()) {
                throw new IllegalArgumentException("--connect: " + host + " resolves to " + each.getHostAddress()
                        + "; this load generator only drives servers on this machine (loopback addresses)");
            }
        }
        return new ExternalServer(new InetSocketAddress(resolved[0], port));
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public String connectString() {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public String description() {
        return "external server at " + connectString() + " (durability settings unknown to this tool)";
    }

    @Override
    public boolean needsCleanup() {
        return true;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
