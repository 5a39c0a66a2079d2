package io.paddock.core.node;

import io.paddock.core.tree.TxnResult;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.ReplyHeader;
import java.util.ArrayList;
import java.util.List;

/** The reply to a write, from the result of applying its txn. */
final class WriteReplies {
    private WriteReplies() {
    }

    static Action.SendReply reply(long connectionId, Connection.WriteSlot slot) {
        TxnResult result = slot.result;
        int xid = slot.header.xid();
        if (slot.opCode != OpCode.MULTI && result.type() == OpCode.ERROR) {
            return new Action.SendReply(connectionId, new ReplyHeader(xid, slot.zxid, result.err()), null);
        }
        ClientResponse body = switch (slot.opCode) {
            case OpCode.CREATE -> new ClientResponse.Create(result.path());
            case OpCode.CREATE2, OpCode.CREATE_TTL, OpCode.CREATE_CONTAINER ->
                    new ClientResponse.Create2(result.path(), result.stat());
            case OpCode.SET_DATA, OpCode.SET_ACL -> new ClientResponse.StatOnly(result.stat());
            case OpCode.MULTI -> multi(result);
            default -> ClientResponse.Empty.INSTANCE; // delete, deleteContainer, closeSession
        };
        return new Action.SendReply(connectionId, new ReplyHeader(xid, slot.zxid, ErrorCode.OK), body);
    }

    private static ClientResponse multi(TxnResult result) {
        List<ClientResponse.OpResult> ops = new ArrayList<>(result.multi().size());
        for (TxnResult r : result.multi()) {
            ops.add(switch (r.type()) {
                case OpCode.CHECK -> new ClientResponse.OpResult.Check();
                case OpCode.CREATE -> new ClientResponse.OpResult.Create(r.path());
                case OpCode.CREATE2, OpCode.CREATE_TTL, OpCode.CREATE_CONTAINER ->
                        new ClientResponse.OpResult.Create2(r.path(), r.stat());
                case OpCode.DELETE, OpCode.DELETE_CONTAINER -> new ClientResponse.OpResult.Delete();
                case OpCode.SET_DATA -> new ClientResponse.OpResult.SetData(r.stat());
                default -> new ClientResponse.OpResult.Error(r.err());
            });
        }
        return new ClientResponse.Multi(ops);
    }
}
