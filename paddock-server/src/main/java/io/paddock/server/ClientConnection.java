package io.paddock.server;

import java.util.List;

/** The peer loop's handle on one client connection's output. Calls come from the loop thread. */
interface ClientConnection {

    /**
     * Writes a batch of send actions in order and flushes once. A {@code CloseConnection} in the batch closes the
     * connection after everything before it has been flushed; anything after it is dropped.
     */
    void deliver(List<Object> outbox);

    /** Writes a four-letter word's answer and closes; a null answer closes without writing. */
    void answerAndClose(String text);

    /** The remote end as ZooKeeper prints it: {@code /ip:port}. */
    String remoteAddress();

    /** ZooKeeper's interest ops for {@code cons}: 1 while the connection is read, plus 4 while it cannot be written. */
    int interestOps();
}
