package io.paddock.sim.testing;

import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.TxnFactory;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Enough of the node layer's request preparation for the simulator's workload (creates and setData with any
 * version), against the tree plus the changes proposed and not yet applied. Stands in until the real one is used.
 */
public final class WorkloadTxns implements TxnFactory {
    private record Outstanding(long zxid, int version) {
    }

    private final DataTree tree;
    private final Map<String, Outstanding> outstanding = new HashMap<>();

    public WorkloadTxns(DataTree tree) {
        this.tree = tree;
    }

    @Override
    public Txn prepare(PeerMessage.Request request, long zxid) {
        ClientRequest body = ClientRequest.decode(request.type(), new JuteReader(request.request()));
        return switch (body) {
            case ClientRequest.Create c -> {
                if (currentVersion(c.path()) != null) {
                    yield new Txn.Error(ErrorCode.NODE_EXISTS);
                }
                outstanding.put(c.path(), new Outstanding(zxid, 0));
                yield new Txn.Create(c.opCode(), c.path(), c.data(), c.acl(), false, -1);
            }
            case ClientRequest.SetData s -> {
                Integer version = currentVersion(s.path());
                if (version == null) {
                    yield new Txn.Error(ErrorCode.NO_NODE);
                }
                outstanding.put(s.path(), new Outstanding(zxid, version + 1));
                yield new Txn.SetData(s.path(), s.data(), version + 1);
            }
            default -> throw new IllegalArgumentException("the workload sends creates and setData only: " + body);
        };
    }

    private Integer currentVersion(String path) {
        Outstanding o = outstanding.get(path);
        if (o != null) {
            return o.version();
        }
        DataNode node = tree.get(path);
        return node == null ? null : node.version();
    }

    @Override
    public void applied(long zxid) {
        Iterator<Outstanding> it = outstanding.values().iterator();
        while (it.hasNext()) {
            if (it.next().zxid() <= zxid) {
                it.remove();
            }
        }
    }
}
