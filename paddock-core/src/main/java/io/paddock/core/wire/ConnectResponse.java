package io.paddock.core.wire;

/** The server's answer to a ConnectRequest. {@code readOnlyPresent} mirrors the request's form. */
public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] passwd, boolean readOnly,
                              boolean readOnlyPresent) {

    /** The answer that tells a client its session is gone: zero timeout, zero id, 16 zero bytes. */
    public static ConnectResponse expired(boolean readOnlyPresent) {
        return new ConnectResponse(0, 0, 0, new byte[16], false, readOnlyPresent);
    }

    public void write(JuteWriter w) {
        w.writeInt(protocolVersion).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
        if (readOnlyPresent) {
            w.writeBool(readOnly);
        }
    }

    public static ConnectResponse read(JuteReader r) {
        int protocolVersion = r.readInt();
        int timeOut = r.readInt();
        long sessionId = r.readLong();
        byte[] passwd = r.readBuffer();
        boolean present = r.hasRemaining();
        boolean readOnly = present && r.readBool();
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly, present);
    }
}
