package io.paddock.server;

import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import java.io.IOException;

/** The real txn log as the storage thread sees it. */
record TxnLogDurableLog(TxnLog log) implements DurableLog {
    @Override
    public long lastZxid() {
        return log.lastZxid();
    }

    @Override
    public void append(LoggedTxn txn) throws IOException {
        log.append(txn);
    }

    @Override
    public void force() throws IOException {
        log.force();
    }

    @Override
    public void rollAtNextAppend() {
        log.rollAtNextAppend();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
