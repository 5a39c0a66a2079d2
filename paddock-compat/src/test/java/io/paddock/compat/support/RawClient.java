package io.paddock.compat.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal hand-written ZooKeeper wire client, for requests the official client refuses to send (malformed
 * paths, bad create flags, empty ACL lists, TTLs with the wrong mode). Written from the jute definitions
 * independently of Paddock's own codec, so it cannot share a mistake with it.
 */
public final class RawClient implements AutoCloseable {
    /** A server reply: header fields plus the undecoded body. */
    public record Reply(int xid, long zxid, int err, byte[] body) {
    }

    /** One ACL entry as sent on the wire. */
    public record RawAcl(int perms, String scheme, String id) {
        public static final RawAcl OPEN = new RawAcl(31, "world", "anyone");
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final long sessionId;
    private int nextXid = 1;

    private RawClient(Socket socket, long sessionId) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
        this.sessionId = sessionId;
    }

    public static RawClient connect(ServerUnderTest server, int timeoutMs) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            Body connect = new Body().i32(0).i64(0).i32(timeoutMs).i64(0).buffer(new byte[16]).bool(false);
            frame(out, connect.bytes());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = readFrame(in);
            DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(response));
            r.readInt();
            r.readInt();
            long session = r.readLong();
            if (session == 0) {
                throw new IllegalStateException("server refused the session");
            }
            return new RawClient(socket, session);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long sessionId() {
        return sessionId;
    }

    /** Sends one request and returns its reply, skipping watch notifications and pings. */
    public Reply call(int opcode, Body body) {
        try {
            int xid = nextXid++;
            frame(out, new Body().i32(xid).i32(opcode).raw(body.bytes()).bytes());
            while (true) {
                byte[] frame = readFrame(in);
                DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(frame));
                int replyXid = r.readInt();
                long zxid = r.readLong();
                int err = r.readInt();
                if (replyXid == -1 || replyXid == -2) {
                    continue;
                }
                if (replyXid != xid) {
                    throw new IllegalStateException("reply xid " + replyXid + " for request " + xid);
                }
                return new Reply(replyXid, zxid, err, r.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CreateRequest (opcode create/create2/createContainer) or, with a ttl, CreateTTLRequest. */
    public static Body createBody(String path, byte[] data, List<RawAcl> acl, int flags, Long ttl) {
        Body body = new Body().string(path).buffer(data).acls(acl).i32(flags);
        return ttl == null ? body : body.i64(ttl);
    }

    public static Body pathAndInt(String path, int value) {
        return new Body().string(path).i32(value);
    }

    public static Body pathAndWatch(String path, boolean watch) {
        return new Body().string(path).bool(watch);
    }

    @Override
    public void close() {
        try {
            frame(out, new Body().i32(nextXid++).i32(-11).bytes());
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    private static void frame(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 0xfffff) {
            throw new IOException("bad frame length " + length);
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** A jute record body under construction. */
    public static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Body i32(int v) {
            return write(() -> out.writeInt(v));
        }

        public Body i64(long v) {
            return write(() -> out.writeLong(v));
        }

        public Body bool(boolean v) {
            return write(() -> out.writeBoolean(v));
        }

        public Body buffer(byte[] b) {
            return write(() -> {
                if (b == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(b.length);
                    out.write(b);
                }
            });
        }

        public Body string(String s) {
            return buffer(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        public Body acls(List<RawAcl> acl) {
            if (acl == null) {
                return i32(-1);
            }
            i32(acl.size());
            for (RawAcl a : acl) {
                i32(a.perms()).string(a.scheme()).string(a.id());
            }
            return this;
        }

        Body raw(byte[] b) {
            return write(() -> out.write(b));
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        private interface IoAction {
            void run() throws IOException;
        }

        private Body write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
