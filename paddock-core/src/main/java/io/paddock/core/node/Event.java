package io.paddock.core.node;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.RequestHeader;

/**
 * Everything that can happen to a server, as the runtime reports it to the core. Time enters only here:
 * {@code wallTimeMillis} is the runtime's clock at the moment it created the event (used for znode
 * ctime/mtime and TTLs), and {@link Tick} is the only thing that advances the core's notion of time.
 */
public sealed interface Event {

    /** One tickTime has passed. Sessions expire, containers and TTL nodes are collected, on ticks. */
    record Tick(long wallTimeMillis) implements Event {
    }

    /** A client TCP connection was accepted. {@code remoteHost} is its IP address as text (for the ip ACL scheme). */
    record ConnectionOpened(long connectionId, String remoteHost) implements Event {
    }

    /** The connection's first frame decoded as a ConnectRequest. */
    record ConnectReceived(long connectionId, ConnectRequest request, long wallTimeMillis) implements Event {
    }

    /** A request after the handshake. */
    record RequestReceived(long connectionId, RequestHeader header, ClientRequest request, long wallTimeMillis)
            implements Event {
    }

    /**
     * A request whose header decoded but whose body did not: either an opcode the protocol does not define
     * ({@code unknownOpcode}: answered Unimplemented, then closed, as Apache ZooKeeper does) or a body that
     * is not the record its opcode names (answered MarshallingError).
     */
    record RequestUndecodable(long connectionId, RequestHeader header, boolean unknownOpcode, String reason)
            implements Event {
    }

    /** The connection is gone (closed by either side, or by the runtime after a protocol error). */
    record ConnectionClosed(long connectionId) implements Event {
    }

    /** Every txn with zxid up to and including {@code zxid} is durable. */
    record Persisted(long zxid) implements Event {
    }
}
