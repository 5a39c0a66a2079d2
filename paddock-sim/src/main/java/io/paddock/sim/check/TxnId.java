package io.paddock.sim.check;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.JuteWriter;
import java.util.Locale;

/**
 * A txn's identity: its zxid and a 64-bit fingerprint of its encoding (header then body), so two different txns
 * given the same zxid (the bug the checkers hunt) are told apart. The header carries the zxid, the session, the
 * cxid and the prepare time, so equal fingerprints mean the same txn, up to a negligible hash collision.
 */
public record TxnId(long zxid, long fingerprint) {

    // One writer per thread: checkers run single-threaded per history, runs may run in parallel.
    private static final ThreadLocal<JuteWriter> WRITER = ThreadLocal.withInitial(() -> new JuteWriter(256));

    public static TxnId of(TxnHeader header, Txn txn) {
        JuteWriter w = WRITER.get();
        w.reset();
        header.write(w);
        txn.write(w);
        return new TxnId(header.zxid(), hash(w.array(), w.size()));
    }

    public long epoch() {
        return Zxid.epoch(zxid);
    }

    @Override
    public String toString() {
        return Zxid.hex(zxid) + String.format(Locale.ROOT, "#%08x", (int) (fingerprint >>> 32));
    }

    /** FNV-1a over the bytes, then a 64-bit finaliser so nearby encodings spread over all bits. */
    private static long hash(byte[] bytes, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            h ^= bytes[i] & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
