package io.paddock.core.wire;

/** Precedes every request after the handshake: the client's transaction id and the opcode. */
public record RequestHeader(int xid, int type) {
    public static RequestHeader read(JuteReader r) {
        return new RequestHeader(r.readInt(), r.readInt());
    }

    public void write(JuteWriter w) {
        w.writeInt(xid).writeInt(type);
    }
}
