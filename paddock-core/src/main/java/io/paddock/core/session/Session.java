package io.paddock.core.session;

/** A live session: its id, negotiated timeout, the tick after which it expires, and whether it is closing. */
public final class Session {
    private final long id;
    private int timeoutMillis;
    private long expiryTick;
    private boolean closing;

    Session(long id, int timeoutMillis) {
        this.id = id;
        this.timeoutMillis = timeoutMillis;
    }

    public long id() {
        return id;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    void timeoutMillis(int timeout) {
        this.timeoutMillis = timeout;
    }

    public long expiryTick() {
        return expiryTick;
    }

    void expiryTick(long tick) {
        this.expiryTick = tick;
    }

    /** Closing sessions are being removed by a closeSession txn; they accept no more requests. */
    public boolean isClosing() {
        return closing;
    }

    void markClosing() {
        this.closing = true;
    }
}
