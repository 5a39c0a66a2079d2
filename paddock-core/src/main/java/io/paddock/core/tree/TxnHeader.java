package io.paddock.core.tree;

import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.JuteWriter;

/** Who made a txn, its zxid, the wall time it was prepared at, and its opcode (-1 for an error txn). */
public record TxnHeader(long sessionId, int cxid, long zxid, long time, int type) {
    public void write(JuteWriter w) {
        w.writeLong(sessionId).writeInt(cxid).writeLong(zxid).writeLong(time).writeInt(type);
    }

    public static TxnHeader read(JuteReader r) {
        return new TxnHeader(r.readLong(), r.readInt(), r.readLong(), r.readLong(), r.readInt());
    }
}
