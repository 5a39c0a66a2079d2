package io.paddock.core.wire;

/**
 * The first message of a client connection; it has no RequestHeader. Old clients omit
 * {@code readOnly}: {@code readOnlyPresent} remembers which form arrived so the answer uses the same.
 */
public record ConnectRequest(int protocolVersion, long lastZxidSeen, int timeOut, long sessionId, byte[] passwd,
                             boolean readOnly, boolean readOnlyPresent) {

    public static ConnectRequest read(JuteReader r) {
        int protocolVersion = r.readInt();
        long lastZxidSeen = r.readLong();
        int timeOut = r.readInt();
        long sessionId = r.readLong();
        byte[] passwd = r.readBuffer();
        boolean present = r.hasRemaining();
        boolean readOnly = present && r.readBool();
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly, present);
    }

    public void write(JuteWriter w) {
        w.writeInt(protocolVersion).writeLong(lastZxidSeen).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
        if (readOnlyPresent) {
            w.writeBool(readOnly);
        }
    }
}
