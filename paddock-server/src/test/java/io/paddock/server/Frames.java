package io.paddock.server;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.RequestHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds client-side frames the way the ZooKeeper client encodes them. */
final class Frames {
    private Frames() {
    }

    static ConnectRequest connectRequest() {
        return new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, true);
    }

    static byte[] connect() {
        JuteWriter w = new JuteWriter();
        connectRequest().write(w);
        return frame(w.toByteArray());
    }

    static byte[] request(int xid, ClientRequest request) {
        JuteWriter w = new JuteWriter();
        new RequestHeader(xid, request.opCode()).write(w);
        request.write(w);
        return frame(w.toByteArray());
    }

    static byte[] rawRequest(int xid, int opCode, byte[] body) {
        JuteWriter w = new JuteWriter();
        new RequestHeader(xid, opCode).write(w);
        byte[] header = w.toByteArray();
        return frame(concat(header, body));
    }

    static byte[] frame(byte[] payload) {
        JuteWriter w = new JuteWriter();
        w.writeInt(payload.length);
        return concat(w.toByteArray(), payload);
    }

    static byte[] lengthOnly(int length) {
        JuteWriter w = new JuteWriter();
        w.writeInt(length);
        return w.toByteArray();
    }

    static byte[] word(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
