package io.paddock.core.zab;

import io.paddock.core.tree.Txn;

/**
 * How a leader turns a forwarded write into the txn it proposes. The node layer validates the request against
 * the tree plus every txn proposed and not yet applied (ZooKeeper's outstanding changes); a failed check becomes
 * an error txn, which still takes its zxid. A factory lives as long as one leadership.
 */
public interface TxnFactory {

    /** Makes the factory a new leadership uses, over the leader's tree (which stays the same object while it leads). */
    interface Maker {
        TxnFactory forTree(io.paddock.core.tree.DataTree tree);
    }

    /** The txn for {@code request}, to be proposed with {@code zxid}. */
    Txn prepare(PeerMessage.Request request, long zxid);

    /** Every txn up to {@code zxid} is now applied to the tree: its outstanding change can be forgotten. */
    void applied(long zxid);
}
