package io.paddock.server;

/** Where I/O threads put work for the peer loop. Must not block and must not take a lock on the hot path. */
interface LoopSink {
    void submit(LoopItem item);
}
