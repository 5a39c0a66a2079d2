package io.paddock.core.zab;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small txns for protocol tests: each creates a znode named after its zxid. */
final class Txns {
    private Txns() {
    }

    static PeerMessage.Proposal proposal(long zxid) {
        String path = "/n" + Long.toHexString(zxid);
        Txn txn = new Txn.Create(OpCode.CREATE, path, path.getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, false, -1);
        return new PeerMessage.Proposal(new TxnHeader(0, (int) Zxid.counter(zxid), zxid, 0, OpCode.CREATE), txn);
    }
}
