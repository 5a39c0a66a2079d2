package io.paddock.storage.log;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;

/** One txn as the log stores it; its zxid is the header's. */
public record LoggedTxn(TxnHeader header, Txn txn) {
    public long zxid() {
        return header.zxid();
    }
}
