package io.paddock.core.zab;

import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Id;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one server sends another: election notifications on the election port, and Zab's packets
 * between leader and learners on the quorum port. Our own protocol, not ZooKeeper's wire format; the
 * packets keep ZooKeeper's names and roles so the design reads against seed 003. Encoded by
 * {@link PeerMessageCodec}.
 *
 * <p>Records holding byte arrays compare those arrays by identity, as records do; compare encodings instead.
 */
public sealed interface PeerMessage {

    // ---- Fast Leader Election (election port) ----

    /**
     * FLE: a server's current vote and state, sent to every voter while LOOKING, and sent back by a settled
     * server to a LOOKING one to tell it the leader it follows. {@code configText} is the sender's config.
     */
    record Notification(PeerState state, long senderId, Vote vote, byte[] configText) implements PeerMessage {
        public Notification {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(vote, "vote");
            Objects.requireNonNull(configText, "configText");
        }
    }

    // ---- Discovery ----

    /** Discovery: a follower introduces itself to the prospective leader with its accepted epoch and last zxid. */
    record FollowerInfo(long serverId, long acceptedEpoch, long lastZxid, long configVersion) implements PeerMessage {
    }

    /** Discovery: as FollowerInfo, from an observer; its epoch never counts toward the quorum. */
    record ObserverInfo(long serverId, long acceptedEpoch, long lastZxid, long configVersion) implements PeerMessage {
    }

    /** Discovery: the leader proposes the new epoch, above every accepted epoch of a quorum of voters. */
    record LeaderInfo(long newEpoch) implements PeerMessage {
    }

    /** Discovery: a learner accepts the new epoch, reporting its current epoch and last zxid for sync. */
    record AckEpoch(long currentEpoch, long lastZxid) implements PeerMessage {
    }

    // ---- Synchronisation ----

    /** Sync: the learner's log is a prefix of the leader's; the proposals that follow bring it up to {@code zxid}. */
    record Diff(long zxid) implements PeerMessage {
    }

    /** Sync: the learner must drop every txn after {@code zxid} before what follows. */
    record Trunc(long zxid) implements PeerMessage {
    }

    /**
     * Sync: the learner must replace its state with the leader's snapshot as of {@code zxid}: every node, and
     * every live session with its timeout in milliseconds. Both are immutable copies, so the leader's tree may
     * move on while the message waits to be sent.
     */
    record Snap(long zxid, List<NodeRecord> nodes, SortedMap<Long, Integer> sessionTimeouts) implements PeerMessage {
        public Snap {
            nodes = List.copyOf(nodes);
            // sorted so the encoding is deterministic
            sessionTimeouts = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(sessionTimeouts)));
        }
    }

    /** Sync: the leader has sent the learner's history up to {@code zxid} in the new epoch, under {@code config}. */
    record NewLeader(long zxid, byte[] config) implements PeerMessage {
        public NewLeader {
            Objects.requireNonNull(config, "config");
        }
    }

    /** Sync: the learner may serve clients; the leader has a quorum that acknowledged NEWLEADER. */
    record UpToDate() implements PeerMessage {
    }

    // ---- Broadcast ----

    /** Broadcast: the leader proposes a txn to the followers, which log it and acknowledge it. */
    record Proposal(TxnHeader header, Txn txn) implements PeerMessage {
        public Proposal {
            requireMatchingTypes(header, txn);
        }

        public long zxid() {
            return header.zxid();
        }
    }

    /** Acknowledges {@code zxid} as durable: a proposal, or NEWLEADER during sync. Only voters' acks count. */
    record Ack(long zxid) implements PeerMessage {
    }

    /** Broadcast: a quorum of voters logged every txn up to {@code zxid}; followers may apply them. */
    record Commit(long zxid) implements PeerMessage {
    }

    /** Broadcast: a committed txn told whole to an observer, which never saw the proposal. */
    record Inform(TxnHeader header, Txn txn) implements PeerMessage {
        public Inform {
            requireMatchingTypes(header, txn);
        }

        public long zxid() {
            return header.zxid();
        }
    }

    /**
     * Liveness both ways: the leader pings learners (with no sessions); a learner answers with the sessions
     * its clients touched since the last ping, each with its timeout in milliseconds.
     */
    record Ping(SortedMap<Long, Integer> sessionTimeouts) implements PeerMessage {
        public Ping {
            // sorted so the encoding, and whatever iterates it, is deterministic
            sessionTimeouts = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(sessionTimeouts)));
        }

        public static Ping of(Map<Long, Integer> sessionTimeouts) {
            return new Ping(new TreeMap<>(sessionTimeouts));
        }
    }

    /**
     * A client write (or sync, or session creation) a learner forwards to the leader: the client's session, cxid,
     * opcode, request body, and the ids its connection authenticated as (the leader checks ACLs with them).
     */
    record Request(long sessionId, int cxid, int type, byte[] request, List<Id> authInfo) implements PeerMessage {
        public Request {
            Objects.requireNonNull(request, "request");
            authInfo = List.copyOf(authInfo);
        }

        /** A request with no authenticated ids (the server's own, or an unauthenticated client's). */
        public Request(long sessionId, int cxid, int type, byte[] request) {
            this(sessionId, cxid, type, request, List.of());
        }
    }

    /**
     * The leader's answer to a forwarded sync request: every txn the leader committed before it (up to
     * {@code zxid}) has already been sent to this learner, so the learner may answer the client's sync once it
     * has applied them.
     */
    record SyncDone(long sessionId, int cxid, long zxid) implements PeerMessage {
    }

    /** A learner asks the leader whether a session that reconnected to it is still alive. */
    record Revalidate(long sessionId, int timeout) implements PeerMessage {
    }

    /** The leader's answer to Revalidate: whether the session is still valid. */
    record RevalidateReply(long sessionId, boolean valid) implements PeerMessage {
    }

    private static void requireMatchingTypes(TxnHeader header, Txn txn) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(txn, "txn");
        if (header.type() != txn.type()) {
            throw new IllegalArgumentException("header type " + header.type() + " but txn type " + txn.type());
        }
    }
}
