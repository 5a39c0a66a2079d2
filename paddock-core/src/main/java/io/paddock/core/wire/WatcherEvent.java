package io.paddock.core.wire;

/** A watch notification's body, sent after a ReplyHeader with xid -1. */
public record WatcherEvent(int type, int state, String path) {
    public void write(JuteWriter w) {
        w.writeInt(type).writeInt(state).writeString(path);
    }

    public static WatcherEvent read(JuteReader r) {
        return new WatcherEvent(r.readInt(), r.readInt(), r.readString());
    }
}
