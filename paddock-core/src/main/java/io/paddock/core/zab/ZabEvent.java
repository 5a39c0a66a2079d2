package io.paddock.core.zab;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that can happen to a replica, as the runtime (or the simulator) reports it. Time enters only as
 * {@link Tick}. Messages on one link arrive in the order they were sent (TCP); a {@link Disconnected} separates
 * two connections on a link: whatever was in flight before it may be lost, nothing after it is.
 */
public sealed interface ZabEvent {

    /**
     * One tick (tickTime) has passed. Every timeout of the replica (initLimit, syncLimit, election) counts these;
     * {@code wallTimeMillis} is the runtime's clock, stamped on the txns a leader proposes.
     */
    record Tick(long wallTimeMillis) implements ZabEvent {
    }

    /** A message from another server. */
    record MessageReceived(long from, PeerMessage message) implements ZabEvent {
    }

    /** The connection to {@code peer} broke (closed by either side, or reset); messages in flight may be lost. */
    record Disconnected(long peer) implements ZabEvent {
    }

    /**
     * Every {@link ZabAction.PersistTxn} and {@link ZabAction.PersistSnapshot} issued so far with a zxid up to and
     * including {@code zxid} is durable. Reported in zxid order; a report may cover several actions.
     */
    record Persisted(long zxid) implements ZabEvent {
    }

    /**
     * A write submitted at this server (a client's request, for now from the simulator's workload). A learner
     * forwards it to its leader; a leader turns it into a proposal; a server without a leader drops it.
     */
    record WriteSubmitted(PeerMessage.Request request) implements ZabEvent {
    }

    /**
     * Sessions this server's clients used since the last report, with their timeouts: a learner tells its leader
     * in the next ping reply; a leader renews them at once. Sessions are expired by the leader only.
     */
    record SessionsTouched(SortedMap<Long, Integer> sessionTimeouts) implements ZabEvent {
        public SessionsTouched {
            sessionTimeouts = Collections.unmodifiableSortedMap(new TreeMap<>(sessionTimeouts));
        }
    }

    /**
     * A client resumes session {@code sessionId} at this server: the leader decides whether it is still alive and
     * makes this server its owner; the answer comes as {@link ZabAction.SessionRevalidated}.
     */
    record RevalidateSession(long sessionId, int timeoutMillis) implements ZabEvent {
    }
}
