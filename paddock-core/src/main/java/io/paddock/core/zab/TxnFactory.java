package io.paddock.core.zab;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import java.util.List;
import java.util.SortedMap;

/**
 * A leadership's application state: how the leader turns a forwarded write into the txn it proposes, and the
 * global session tracker it keeps (sessions are created, renewed, moved and expired by the leader only). The
 * node layer validates a request against the tree plus every txn proposed and not yet applied (ZooKeeper's
 * outstanding changes); a failed check becomes an error txn, which still takes its zxid. A factory lives as long
 * as one leadership.
 */
public interface TxnFactory {

    /** Makes the factory a new leadership uses. */
    interface Maker {
        TxnFactory forTree(DataTree tree);

        /**
         * The factory for a leadership over {@code tree} (which stays the same object while it leads), whose
         * committed sessions are {@code sessionTimeouts}; {@code tick} is the leader's tick count now.
         */
        default TxnFactory forLeadership(DataTree tree, SortedMap<Long, Integer> sessionTimeouts, long tick) {
            return forTree(tree);
        }
    }

    /** The txn for {@code request}, to be proposed with {@code zxid}. */
    Txn prepare(PeerMessage.Request request, long zxid);

    /** As {@link #prepare(PeerMessage.Request, long)}, for a request that came through server {@code from}. */
    default Txn prepare(PeerMessage.Request request, long from, long zxid) {
        return prepare(request, zxid);
    }

    /** Every txn up to {@code zxid} is now applied to the tree: its outstanding change can be forgotten. */
    void applied(long zxid);

    /** Clients used these sessions (reported by a learner's ping, or the leader's own clients) at {@code tick}. */
    default void touched(SortedMap<Long, Integer> sessionTimeouts, long tick) {
    }

    /** A client resumes {@code sessionId} at server {@code from}: whether it is alive; if so {@code from} owns it. */
    default boolean revalidate(long sessionId, int timeoutMillis, long from, long tick) {
        return false;
    }

    /** Sessions whose timeout ran out by {@code tick}; each is marked closing and must be closed by a txn. */
    default List<Long> expire(long tick) {
        return List.of();
    }

    /** The txn that closes an expired session (deleting its ephemerals), proposed with {@code zxid}. */
    default Txn closeExpired(long sessionId, long zxid) {
        throw new UnsupportedOperationException("this factory expires no sessions");
    }

    /**
     * The nodes the leader deletes on its own at its wall time {@code wallTimeMillis}: empty containers and
     * expired TTL nodes, once per collection interval (empty between collections). Each must be deleted by a
     * {@link #deleteContainer} txn, in this order.
     */
    default List<String> containersToCollect(long wallTimeMillis) {
        return List.of();
    }

    /** The deleteContainer txn for a path {@link #containersToCollect} returned, proposed with {@code zxid}. */
    default Txn deleteContainer(String path, long zxid) {
        throw new UnsupportedOperationException("this factory collects no containers");
    }
}
