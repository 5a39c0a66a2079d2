package io.paddock.core.node;

import io.paddock.core.tree.TxnResult;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client connection as the core sees it. Replies leave in request order: every request takes a place in
 * {@link #queue}; a read is evaluated when it reaches the head (so it sees the writes queued before it), a
 * write's place fills when its txn is durable and applied.
 */
final class Connection {
    enum State { AWAITING_CONNECT, CONNECTING, CONNECTED, CLOSED }

    /** One place in the reply order. */
    sealed interface Slot {
    }

    record ReadSlot(RequestHeader header, ClientRequest request) implements Slot {
    }

    record ReadySlot(Action action) implements Slot {
    }

    /** A sync in an ensemble: answered once the leader says every txn committed before it has been delivered here. */
    static final class SyncSlot implements Slot {
        final RequestHeader header;
        final String path;
        boolean done;

        SyncSlot(RequestHeader header, String path) {
            this.header = header;
            this.path = path;
        }
    }

    /** A write waiting for its txn; {@code result} is set when the txn is applied. */
    static final class WriteSlot implements Slot {
        final RequestHeader header;
        final int opCode;
        /** The txn's zxid: known at once on a standalone server, once the txn is delivered in an ensemble. */
        long zxid;
        TxnResult result;

        WriteSlot(RequestHeader header, int opCode, long zxid) {
            this.header = header;
            this.opCode = opCode;
            this.zxid = zxid;
        }
    }

    final long id;
    final String remoteHost;
    final List<Id> authInfo = new ArrayList<>(2);
    final ArrayDeque<Slot> queue = new ArrayDeque<>();
    /** Requests that arrived before the session was established; replayed once it is. */
    final ArrayDeque<Event.RequestReceived> deferred = new ArrayDeque<>();
    State state = State.AWAITING_CONNECT;
    long sessionId;
    int timeoutMillis;
    boolean readOnlyPresent;

    Connection(long id, String remoteHost) {
        this.id = id;
        this.remoteHost = remoteHost;
        if (remoteHost != null) {
            authInfo.add(new Id("ip", remoteHost)); // every connection is authenticated by its address
        }
    }

    /** ZooKeeper answers an opcode it does not serve with Unimplemented, in order, then closes the connection. */
    void queueUnimplemented(RequestHeader header) {
        queue.add(new ReadySlot(new Action.SendReply(id, new ReplyHeader(header.xid(), -1, ErrorCode.UNIMPLEMENTED), null)));
        queue.add(new ReadySlot(new Action.CloseConnection(id, "unimplemented opcode")));
    }

    void addAuth(Id id) {
        if (!authInfo.contains(id)) {
            authInfo.add(id);
        }
    }
}
