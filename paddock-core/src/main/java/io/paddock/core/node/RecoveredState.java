package io.paddock.core.node;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server's state rebuilt from storage: the tree and the live sessions with their timeouts. Replay goes
 * through the same {@link DataTree#apply} the live server uses, so recovery cannot drift from it.
 */
public final class RecoveredState {
    private final DataTree tree;
    private final Map<Long, Integer> sessionTimeouts;

    public RecoveredState(DataTree tree, Map<Long, Integer> sessionTimeouts) {
        this.tree = tree;
        this.sessionTimeouts = new LinkedHashMap<>(sessionTimeouts);
    }

    public static RecoveredState empty() {
        return new RecoveredState(new DataTree(), Map.of());
    }

    /** Applies one logged txn, as the live server did when it was durable. */
    public void replay(TxnHeader header, Txn txn) {
        switch (txn) {
            case Txn.CreateSession s -> sessionTimeouts.put(header.sessionId(), s.timeOut());
            case Txn.CloseSession c -> sessionTimeouts.remove(header.sessionId());
            default -> {
            }
        }
        tree.apply(header, txn, new ArrayList<>(0));
    }

    public DataTree tree() {
        return tree;
    }

    public long lastZxid() {
        return tree.lastProcessedZxid();
    }

    public Map<Long, Integer> sessionTimeouts() {
        return sessionTimeouts;
    }
}
