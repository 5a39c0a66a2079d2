package io.paddock.core.wire;

/** Precedes every reply and notification: xid echoed (or a special xid), the server's zxid, an error code. */
public record ReplyHeader(int xid, long zxid, int err) {
    public static final int NOTIFICATION_XID = -1;
    public static final int PING_XID = -2;
    public static final int AUTH_XID = -4;
    public static final int SET_WATCHES_XID = -8;

    public static ReplyHeader read(JuteReader r) {
        return new ReplyHeader(r.readInt(), r.readLong(), r.readInt());
    }

    public void write(JuteWriter w) {
        w.writeInt(xid).writeLong(zxid).writeInt(err);
    }
}
