package io.paddock.core.zab;

import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.tree.TxnResult;
import io.paddock.core.tree.WatchTrigger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a replica asks its runtime to do, in the order it must be done. Storage actions have one of two
 * contracts: {@link PersistTxn} and {@link PersistSnapshot} are asynchronous (queued in order, answered by
 * {@link ZabEvent.Persisted}); {@link TruncateLog} and {@link SaveEpochs} are barriers: the runtime completes every
 * earlier storage action, then makes this one durable, before it executes the next action.
 */
public sealed interface ZabAction {

    // ---- network ----

    /** Send a message to another server over the link to it (FIFO per link). */
    record Send(long to, PeerMessage message) implements ZabAction {
    }

    /** Close the connection to {@code peer} (a leader dropping a learner, a learner leaving its leader). */
    record Disconnect(long peer, String reason) implements ZabAction {
    }

    // ---- storage ----

    /** Append this txn to the log; report {@link ZabEvent.Persisted} once it is durable. Issued in zxid order. */
    record PersistTxn(TxnHeader header, Txn txn) implements ZabAction {
    }

    /**
     * Replace this server's history with the leader's state at {@code zxid}: drop every logged txn after
     * {@code zxid}, write the snapshot durably, then report {@link ZabEvent.Persisted}({@code zxid}). The records
     * are an immutable copy taken at sync time.
     */
    record PersistSnapshot(long zxid, List<NodeRecord> nodes, SortedMap<Long, Integer> sessionTimeouts)
            implements ZabAction {
        public PersistSnapshot {
            nodes = List.copyOf(nodes);
            sessionTimeouts = Collections.unmodifiableSortedMap(new TreeMap<>(sessionTimeouts));
        }
    }

    /** Barrier: drop every logged txn after {@code zxid}, durably, before the next action. */
    record TruncateLog(long zxid) implements ZabAction {
    }

    /** Barrier: write acceptedEpoch and currentEpoch durably before the next action. */
    record SaveEpochs(long acceptedEpoch, long currentEpoch) implements ZabAction {
        public SaveEpochs {
            if (currentEpoch > acceptedEpoch) {
                throw new IllegalArgumentException("currentEpoch " + currentEpoch + " above acceptedEpoch " + acceptedEpoch);
            }
        }
    }

    // ---- what the replica did (the node layer answers clients from these; the simulator checks them) ----

    /**
     * A committed txn was applied to this server's tree; {@code digest} is the tree digest right after it,
     * {@code result} what applying it produced (the reply to its client), {@code triggers} the watches it fires.
     */
    record Delivered(TxnHeader header, Txn txn, long digest, TxnResult result, List<WatchTrigger> triggers)
            implements ZabAction {
        public Delivered {
            Objects.requireNonNull(result, "result");
            triggers = List.copyOf(triggers);
        }

        /** For histories written by hand (checker tests): no reply, no watches. */
        public Delivered(TxnHeader header, Txn txn, long digest) {
            this(header, txn, digest, TxnResult.error(0), List.of());
        }
    }

    /** The leader's answer to a reconnecting client's session: still alive (now owned by this server) or not. */
    record SessionRevalidated(long sessionId, boolean valid) implements ZabAction {
    }

    /** The replica changed role. {@code leaderId} is -1 while LOOKING; {@code epoch} is the epoch it serves in. */
    record RoleChanged(PeerState state, long leaderId, long epoch) implements ZabAction {
    }

    /**
     * A leader was established: a quorum of voters acknowledged NEWLEADER for {@code epoch}; its history up to
     * {@code lastZxid} is committed from now on.
     */
    record LeaderEstablished(long epoch, long lastZxid) implements ZabAction {
    }

    /** A learner received UPTODATE: it is synced with {@code leaderId} in {@code epoch} and may serve clients. */
    record LearnerSynced(long leaderId, long epoch, long lastZxid) implements ZabAction {
    }

    /** A sync request (forwarded or local) completed: every txn committed before it was issued is delivered here. */
    record SyncCompleted(long sessionId, int cxid, long zxid) implements ZabAction {
    }

    /** Something an operator may want in the log; the replica never logs by itself. */
    record Trace(String message) implements ZabAction {
        public Trace {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Convenience for callers that keep session timeouts in an unsorted map. */
    static SortedMap<Long, Integer> sorted(Map<Long, Integer> sessions) {
        return new TreeMap<>(sessions);
    }
}
