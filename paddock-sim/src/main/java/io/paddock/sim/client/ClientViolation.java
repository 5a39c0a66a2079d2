package io.paddock.sim.client;

import java.util.Objects;

/**
 * A broken client guarantee found in simulated clients' logs. {@code client} is the key of the log it came from
 * ("*" when the finding spans clients, as a non-linearizable path does); {@code session} is the ZooKeeper session
 * (0 when none applies). The message names the xids and zxids involved, zxids and sessions in hex as ZooKeeper
 * logs them.
 */
public record ClientViolation(Property property, String client, long session, String message) {

    public enum Property {
        /** Requests of a connection completed out of invocation order, or a reply came after its connection died. */
        FIFO,
        /** A reply-header zxid went backwards within a session. */
        MONOTONIC_ZXID,
        /** A read returned a znode state older than one the session had already seen. */
        STALE_READ,
        /** A watch fired without a registration, fired twice, or out of zxid order / after newer data. */
        WATCH,
        /** The writes on one path have no linearization. */
        LINEARIZABLE_WRITES,
        /** The log itself is inconsistent (reply to an xid never sent, duplicate xid...): a harness bug. */
        MALFORMED_LOG
    }

    public ClientViolation {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(message, "message");
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static String describe(Command command) {
        return command == null ? "sync" : command.toString();
    }

    @Override
    public String toString() {
        return property + " client " + client + " session " + hex(session) + ": " + message;
    }
}
