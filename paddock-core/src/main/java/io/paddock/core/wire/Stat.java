package io.paddock.core.wire;

/** A znode's metadata exactly as the client protocol carries it. */
public record Stat(long czxid, long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
                   long ephemeralOwner, int dataLength, int numChildren, long pzxid) {

    public static final Stat EMPTY = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public void write(JuteWriter w) {
        w.writeLong(czxid).writeLong(mzxid).writeLong(ctime).writeLong(mtime)
                .writeInt(version).writeInt(cversion).writeInt(aversion)
                .writeLong(ephemeralOwner).writeInt(dataLength).writeInt(numChildren).writeLong(pzxid);
    }

    public static Stat read(JuteReader r) {
        return new Stat(r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readInt(), r.readInt(), r.readInt(),
                r.readLong(), r.readInt(), r.readInt(), r.readLong());
    }
}
