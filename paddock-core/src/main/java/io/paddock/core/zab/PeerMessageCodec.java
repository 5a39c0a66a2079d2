package io.paddock.core.zab;

import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.MalformedRecordException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The binary form of {@link PeerMessage}: an int type, then the fields in declaration order in jute's
 * encoding. Type numbers follow ZooKeeper's quorum packet numbers where one exists, so traces read alike;
 * a txn travels as its header then its body as a length-prefixed buffer, so a body is decoded from exactly
 * its own bytes. Decoding never trusts a length or an enum code, and fails with
 * {@link MalformedRecordException}.
 */
public final class PeerMessageCodec {
    static final int REQUEST = 1;
    static final int PROPOSAL = 2;
    static final int ACK = 3;
    static final int COMMIT = 4;
    static final int PING = 5;
    static final int REVALIDATE = 6;
    static final int SYNC_DONE = 7;
    static final int INFORM = 8;
    static final int NEW_LEADER = 10;
    static final int FOLLOWER_INFO = 11;
    static final int UP_TO_DATE = 12;
    static final int DIFF = 13;
    static final int TRUNC = 14;
    static final int SNAP = 15;
    static final int OBSERVER_INFO = 16;
    static final int LEADER_INFO = 17;
    static final int ACK_EPOCH = 18;
    // ours: ZooKeeper answers REVALIDATE with the same number and sends notifications on another port
    static final int REVALIDATE_REPLY = 106;
    static final int NOTIFICATION = 100;

    private PeerMessageCodec() {
    }

    public static byte[] encode(PeerMessage message) {
        JuteWriter w = new JuteWriter();
        encode(message, w);
        return w.toByteArray();
    }

    public static void encode(PeerMessage message, JuteWriter w) {
        switch (message) {
            case PeerMessage.Notification n -> {
                w.writeInt(NOTIFICATION).writeInt(n.state().ordinal()).writeLong(n.senderId());
                Vote v = n.vote();
                w.writeLong(v.proposedLeader()).writeLong(v.proposedZxid()).writeLong(v.electionEpoch())
                        .writeLong(v.peerEpoch()).writeLong(v.configVersion()).writeBuffer(n.configText());
            }
            case PeerMessage.FollowerInfo f -> w.writeInt(FOLLOWER_INFO).writeLong(f.serverId())
                    .writeLong(f.acceptedEpoch()).writeLong(f.lastZxid()).writeLong(f.configVersion());
            case PeerMessage.ObserverInfo o -> w.writeInt(OBSERVER_INFO).writeLong(o.serverId())
                    .writeLong(o.acceptedEpoch()).writeLong(o.lastZxid()).writeLong(o.configVersion());
            case PeerMessage.LeaderInfo l -> w.writeInt(LEADER_INFO).writeLong(l.newEpoch());
            case PeerMessage.AckEpoch a -> w.writeInt(ACK_EPOCH).writeLong(a.currentEpoch()).writeLong(a.lastZxid());
            case PeerMessage.Diff d -> w.writeInt(DIFF).writeLong(d.zxid());
            case PeerMessage.Trunc t -> w.writeInt(TRUNC).writeLong(t.zxid());
            case PeerMessage.Snap s -> {
                w.writeInt(SNAP).writeLong(s.zxid());
                w.writeVector(s.nodes(), PeerMessageCodec::writeNode);
                writeSessions(w, s.sessionTimeouts());
            }
            case PeerMessage.NewLeader n -> w.writeInt(NEW_LEADER).writeLong(n.zxid()).writeBuffer(n.config());
            case PeerMessage.UpToDate u -> w.writeInt(UP_TO_DATE);
            case PeerMessage.Proposal p -> writeTxn(w.writeInt(PROPOSAL), p.header(), p.txn());
            case PeerMessage.Ack a -> w.writeInt(ACK).writeLong(a.zxid());
            case PeerMessage.Commit c -> w.writeInt(COMMIT).writeLong(c.zxid());
            case PeerMessage.Inform i -> writeTxn(w.writeInt(INFORM), i.header(), i.txn());
            case PeerMessage.Ping p -> writeSessions(w.writeInt(PING), p.sessionTimeouts());
            case PeerMessage.Request r -> w.writeInt(REQUEST).writeLong(r.sessionId()).writeInt(r.cxid())
                    .writeInt(r.type()).writeBuffer(r.request()).writeVector(r.authInfo(), (out, id) -> id.write(out));
            case PeerMessage.SyncDone d -> w.writeInt(SYNC_DONE).writeLong(d.sessionId()).writeInt(d.cxid())
                    .writeLong(d.zxid());
            case PeerMessage.Revalidate r -> w.writeInt(REVALIDATE).writeLong(r.sessionId()).writeInt(r.timeout());
            case PeerMessage.RevalidateReply r -> w.writeInt(REVALIDATE_REPLY).writeLong(r.sessionId()).writeBool(r.valid());
        }
    }

    private static void writeSessions(JuteWriter w, Map<Long, Integer> sessionTimeouts) {
        w.writeInt(sessionTimeouts.size());
        sessionTimeouts.forEach((session, timeout) -> w.writeLong(session).writeInt(timeout));
    }

    private static void writeNode(JuteWriter w, NodeRecord n) {
        w.writeString(n.path()).writeBuffer(n.data());
        Acl.writeList(w, n.acl());
        w.writeLong(n.czxid()).writeLong(n.mzxid()).writeLong(n.ctime()).writeLong(n.mtime())
                .writeInt(n.version()).writeInt(n.cversion()).writeInt(n.aversion())
                .writeLong(n.ephemeralOwner()).writeLong(n.pzxid());
    }

    private static void writeTxn(JuteWriter w, TxnHeader header, Txn txn) {
        header.write(w);
        JuteWriter body = new JuteWriter();
        txn.write(body);
        w.writeBuffer(body.toByteArray());
    }

    /** Decodes one message from {@code bytes}, which must hold exactly that message. */
    public static PeerMessage decode(byte[] bytes) {
        JuteReader r = new JuteReader(bytes);
        PeerMessage message = decode(r);
        if (r.hasRemaining()) {
            throw new MalformedRecordException(r.remaining() + " bytes after a peer message");
        }
        return message;
    }

    /** Decodes the next message from {@code r}, leaving any bytes after it unread. */
    public static PeerMessage decode(JuteReader r) {
        int type = r.readInt();
        try {
            return switch (type) {
                case NOTIFICATION -> new PeerMessage.Notification(readState(r), r.readLong(),
                        new Vote(r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readLong()),
                        requiredBuffer(r, "config text"));
                case FOLLOWER_INFO -> new PeerMessage.FollowerInfo(r.readLong(), r.readLong(), r.readLong(), r.readLong());
                case OBSERVER_INFO -> new PeerMessage.ObserverInfo(r.readLong(), r.readLong(), r.readLong(), r.readLong());
                case LEADER_INFO -> new PeerMessage.LeaderInfo(r.readLong());
                case ACK_EPOCH -> new PeerMessage.AckEpoch(r.readLong(), r.readLong());
                case DIFF -> new PeerMessage.Diff(r.readLong());
                case TRUNC -> new PeerMessage.Trunc(r.readLong());
                case SNAP -> readSnap(r);
                case NEW_LEADER -> new PeerMessage.NewLeader(r.readLong(), requiredBuffer(r, "config"));
                case UP_TO_DATE -> new PeerMessage.UpToDate();
                case PROPOSAL -> {
                    TxnHeader header = TxnHeader.read(r);
                    yield new PeerMessage.Proposal(header, readTxnBody(r, header));
                }
                case ACK -> new PeerMessage.Ack(r.readLong());
                case COMMIT -> new PeerMessage.Commit(r.readLong());
                case INFORM -> {
                    TxnHeader header = TxnHeader.read(r);
                    yield new PeerMessage.Inform(header, readTxnBody(r, header));
                }
                case PING -> readPing(r);
                case REQUEST -> new PeerMessage.Request(r.readLong(), r.readInt(), r.readInt(), requiredBuffer(r, "request"),
                        r.readVector(Id::read));
                case SYNC_DONE -> new PeerMessage.SyncDone(r.readLong(), r.readInt(), r.readLong());
                case REVALIDATE -> new PeerMessage.Revalidate(r.readLong(), r.readInt());
                case REVALIDATE_REPLY -> new PeerMessage.RevalidateReply(r.readLong(), r.readBool());
                default -> throw new MalformedRecordException("unknown peer message type " + type);
            };
        } catch (IllegalArgumentException e) {
            // a record's own invariant refused decoded fields
            throw new MalformedRecordException("peer message type " + type + ": " + e.getMessage());
        }
    }

    private static PeerState readState(JuteReader r) {
        int code = r.readInt();
        PeerState[] states = PeerState.values();
        if (code < 0 || code >= states.length) {
            throw new MalformedRecordException("unknown peer state " + code);
        }
        return states[code];
    }

    private static byte[] requiredBuffer(JuteReader r, String what) {
        byte[] b = r.readBuffer();
        if (b == null) {
            throw new MalformedRecordException("null " + what);
        }
        return b;
    }

    private static Txn readTxnBody(JuteReader r, TxnHeader header) {
        JuteReader body = new JuteReader(requiredBuffer(r, "txn body"));
        Txn txn = Txn.read(header.type(), body);
        if (body.hasRemaining()) {
            throw new MalformedRecordException(body.remaining() + " bytes after txn type " + header.type());
        }
        return txn;
    }

    private static PeerMessage.Snap readSnap(JuteReader r) {
        long zxid = r.readLong();
        List<NodeRecord> nodes = r.readVector(PeerMessageCodec::readNode);
        if (nodes == null) {
            throw new MalformedRecordException("null node list in a snapshot");
        }
        return new PeerMessage.Snap(zxid, nodes, readSessions(r, "a snapshot"));
    }

    private static NodeRecord readNode(JuteReader r) {
        String path = r.readString();
        if (path == null) {
            throw new MalformedRecordException("null node path in a snapshot");
        }
        byte[] data = r.readBuffer(); // null data is a node's own state, kept as is
        List<Acl> acl = Acl.readList(r);
        if (acl == null) {
            throw new MalformedRecordException("null ACL list for " + path);
        }
        return new NodeRecord(path, data, List.copyOf(acl), r.readLong(), r.readLong(), r.readLong(), r.readLong(),
                r.readInt(), r.readInt(), r.readInt(), r.readLong(), r.readLong());
    }

    private static PeerMessage.Ping readPing(JuteReader r) {
        return PeerMessage.Ping.of(readSessions(r, "a ping"));
    }

    private static SortedMap<Long, Integer> readSessions(JuteReader r, String where) {
        int count = r.readInt();
        // each entry takes 12 bytes; refuse a count the bytes cannot hold before allocating anything
        if (count < 0 || count > r.remaining() / 12) {
            throw new MalformedRecordException("impossible session count " + count + " with " + r.remaining() + " bytes left");
        }
        SortedMap<Long, Integer> sessions = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            long session = r.readLong();
            if (sessions.put(session, r.readInt()) != null) {
                throw new MalformedRecordException("session 0x" + Long.toHexString(session) + " twice in " + where);
            }
        }
        return sessions;
    }
}
