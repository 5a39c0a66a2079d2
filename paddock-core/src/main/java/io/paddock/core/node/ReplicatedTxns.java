package io.paddock.core.node;

import io.paddock.core.session.SessionTable;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.TxnFactory;
import java.util.List;

/**
 * A leader's txn preparation over its tree: the same {@link TxnPreparer} and outstanding changes a standalone
 * server uses, so a forwarded write gets the txn (or the error) a standalone server would give it. Requests run
 * as the server itself (session 0, no auth ids) until sessions are replicated.
 */
public final class ReplicatedTxns implements TxnFactory {
    private final PendingChanges pending;
    private final TxnPreparer preparer;

    public ReplicatedTxns(DataTree tree) {
        this.pending = new PendingChanges(tree);
        // no replicated sessions yet: every request is prepared as the server's own (session 0 is always valid)
        this.preparer = new TxnPreparer(pending, new SessionTable(0, 1, 0), false);
    }

    @Override
    public Txn prepare(PeerMessage.Request request, long zxid) {
        ClientRequest decoded;
        try {
            decoded = ClientRequest.decode(request.type(), new JuteReader(request.request()));
        } catch (MalformedRecordException e) {
            return new Txn.Error(ErrorCode.MARSHALLING_ERROR);
        }
        if (decoded == null) {
            return new Txn.Error(ErrorCode.UNIMPLEMENTED);
        }
        TxnPreparer.Caller caller = new TxnPreparer.Caller(request.sessionId(), List.of());
        return switch (decoded) {
            case ClientRequest.Multi m -> preparer.prepareMulti(m.ops(), caller, zxid);
            default -> preparer.prepare(decoded, caller, zxid);
        };
    }

    @Override
    public void applied(long zxid) {
        pending.appliedThrough(zxid);
    }
}
