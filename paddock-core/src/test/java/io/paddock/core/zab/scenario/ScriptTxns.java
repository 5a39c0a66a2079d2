package io.paddock.core.zab.scenario;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.Zxid;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

/** Txns a scenario preloads onto disks: the create of a path named after the zxid, so a tree shows which it holds. */
final class ScriptTxns {
    private ScriptTxns() {
    }

    static String pathOf(long zxid) {
        return "/n" + Long.toHexString(zxid);
    }

    static PeerMessage.Proposal proposal(long zxid) {
        String path = pathOf(zxid);
        Txn txn = new Txn.Create(OpCode.CREATE, path, path.getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, false, -1);
        return new PeerMessage.Proposal(new TxnHeader(0, (int) Zxid.counter(zxid), zxid, 0, OpCode.CREATE), txn);
    }

    /** The txns {@code <epoch, first>} .. {@code <epoch, last>}. */
    static List<PeerMessage.Proposal> log(long epoch, long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(c -> proposal(Zxid.of(epoch, c))).toList();
    }
}
