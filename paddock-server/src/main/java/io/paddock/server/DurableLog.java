package io.paddock.server;

import io.paddock.storage.log.LoggedTxn;
import java.io.IOException;

/**
 * What the storage thread needs from a txn log: buffered appends and one force per group. The txn log of
 * paddock-storage in production; tests put a recording fake here to count forces.
 */
interface DurableLog extends AutoCloseable {
    /** The zxid of the last txn appended, 0 when the log is empty. */
    long lastZxid();

    /** Buffers one txn; it is durable only after the next {@link #force}. */
    void append(LoggedTxn txn) throws IOException;

    /** Makes every appended txn durable. */
    void force() throws IOException;

    /** The next txn appended starts a new segment (at a snapshot, so older segments can be purged). */
    void rollAtNextAppend();

    @Override
    void close() throws IOException;
}
