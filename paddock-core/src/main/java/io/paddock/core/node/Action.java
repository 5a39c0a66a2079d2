package io.paddock.core.node;

import io.paddock.core.tree.TxnHeader;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.WatcherEvent;

/**
 * What the core asks the runtime to do, in the order it must be done. Sends on one connection go out in
 * the order given. A Persist's txn must be durable before the runtime reports {@link Event.Persisted}
 * for its zxid; the core sends nothing that acknowledges a txn before that event.
 */
public sealed interface Action {

    record SendConnectResponse(long connectionId, ConnectResponse response) implements Action {
    }

    /** A reply; {@code body} is null exactly when {@code header.err()} is not 0. */
    record SendReply(long connectionId, ReplyHeader header, ClientResponse body) implements Action {
        public SendReply {
            if ((header.err() == 0) == (body == null)) {
                throw new IllegalArgumentException("a reply has a body exactly when it is not an error: " + header);
            }
        }
    }

    /** A watch notification: sent with ReplyHeader{xid -1, zxid, err 0}. */
    record SendWatchEvent(long connectionId, long zxid, WatcherEvent event) implements Action {
    }

    /** Close the connection once everything sent to it before this action has been written. */
    record CloseConnection(long connectionId, String reason) implements Action {
    }

    /** Make this txn durable, then report {@link Event.Persisted}. Txns arrive in zxid order. */
    record Persist(TxnHeader header, Txn txn) implements Action {
    }

    /** Something an operator may want in the log; the core never logs by itself. */
    record Trace(TraceLevel level, String message) implements Action {
    }

    enum TraceLevel { DEBUG, INFO, WARN }
}
