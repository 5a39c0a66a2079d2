package io.paddock.sim.check;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.OpCode;
import java.nio.charset.StandardCharsets;

/** A test txn: a setData whose value tells txns apart; {@code variant} makes a different txn at the same zxid. */
record Tx(TxnHeader header, Txn txn) {

    static long z(long epoch, long counter) {
        return (epoch << 32) | counter;
    }

    static Tx at(long epoch, long counter) {
        return of(z(epoch, counter), "v");
    }

    static Tx of(long zxid, String variant) {
        return write(zxid, 0x1000L, (int) zxid, variant);
    }

    static Tx write(long zxid, long sessionId, int cxid, String variant) {
        byte[] value = (variant + "@" + Long.toHexString(zxid)).getBytes(StandardCharsets.UTF_8);
        return new Tx(new TxnHeader(sessionId, cxid, zxid, 0, OpCode.SET_DATA), new Txn.SetData("/k", value, 1));
    }

    long zxid() {
        return header.zxid();
    }

    TxnId id() {
        return TxnId.of(header, txn);
    }
}
