package io.paddock.compat.fuzz;

import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.ReplyHeader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A client connection spoken by hand: frames out, frames in, every read bounded by a socket timeout. */
final class RawConnection implements AutoCloseable {
    /** Larger than any reply either server sends in these tests; a frame beyond it means garbage on the wire. */
    static final int MAX_REPLY_FRAME = 1 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(int port, int readTimeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] frame(byte[] payload) {
        return new JuteWriter(payload.length + 4).writeBuffer(payload).toByteArray();
    }

    /** Sends the current ConnectRequest form and returns the server's answer. */
    ConnectResponse handshake(int timeoutMs) throws IOException {
        JuteWriter w = new JuteWriter();
        new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false, true).write(w);
        send(frame(w.toByteArray()));
        byte[] payload = readFrame();
        if (payload == null) {
            throw new EOFException("closed during handshake");
        }
        return ConnectResponse.read(new JuteReader(payload));
    }

    /** Writes raw bytes; false when the server has already closed the connection. */
    boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** The next frame's payload; null when the server closed; SocketTimeoutException when it said nothing. */
    byte[] readFrame() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException reset) {
            return null;
        }
        if (length < 16 || length > MAX_REPLY_FRAME) {
            // A handshake answer is at least 20 bytes and every reply at least a 16-byte header.
            throw new IllegalStateException("server sent a frame of impossible length " + length);
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException | SocketException cut) {
            throw new IllegalStateException("server closed in the middle of a " + length + "-byte frame", cut);
        }
        return payload;
    }

    /** Reads replies until one carries {@code xid}; returns false if the server closed first. */
    boolean awaitReply(int xid) throws IOException {
        while (true) {
            byte[] payload = readFrame();
            if (payload == null) {
                return false;
            }
            ReplyHeader header = ReplyHeader.read(new JuteReader(payload));
            if (header.xid() == xid) {
                return true;
            }
        }
    }

    /** After our half-close, the server must close too; returns false if it stays silent past the timeout. */
    boolean closesAfterOurEnd() throws IOException {
        socket.shutdownOutput();
        InputStream raw = socket.getInputStream();
        byte[] sink = new byte[8192];
        try {
            while (raw.read(sink) >= 0) {
                // drain whatever replies were still queued
            }
            return true;
        } catch (SocketTimeoutException silent) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
