package io.paddock.sim.trace;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.Vote;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabEvent;
import java.util.Locale;

/** Short, readable words for events, actions and messages in the trace; zxids in hex as ZooKeeper prints them. */
public final class Describe {
    private Describe() {
    }

    public static String any(Object subject) {
        return switch (subject) {
            case ZabEvent e -> event(e);
            case ZabAction a -> action(a);
            case PeerMessage m -> message(m);
            default -> String.valueOf(subject);
        };
    }

    public static String zxid(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }

    public static String event(ZabEvent event) {
        return switch (event) {
            case ZabEvent.Tick t -> "Tick";
            case ZabEvent.MessageReceived r -> message(r.message()) + " from S" + r.from();
            case ZabEvent.Disconnected d -> "Disconnected from S" + d.peer();
            case ZabEvent.Persisted p -> "Persisted " + zxid(p.zxid());
            case ZabEvent.WriteSubmitted w -> "WriteSubmitted " + request(w.request());
            case ZabEvent.SessionsTouched t -> "SessionsTouched " + t.sessionTimeouts().size() + " sessions";
            case ZabEvent.RevalidateSession r -> "RevalidateSession 0x" + Long.toHexString(r.sessionId());
        };
    }

    public static String action(ZabAction action) {
        return switch (action) {
            case ZabAction.Send s -> "Send " + message(s.message()) + " to S" + s.to();
            case ZabAction.Disconnect d -> "Disconnect S" + d.peer() + " (" + d.reason() + ")";
            case ZabAction.PersistTxn p -> "PersistTxn " + txn(p.header(), p.txn());
            case ZabAction.PersistSnapshot s -> "PersistSnapshot " + zxid(s.zxid()) + " (" + s.nodes().size() + " nodes)";
            case ZabAction.TruncateLog t -> "TruncateLog after " + zxid(t.zxid());
            case ZabAction.SaveEpochs e -> "SaveEpochs accepted=" + e.acceptedEpoch() + " current=" + e.currentEpoch();
            case ZabAction.Delivered d -> "Delivered " + txn(d.header(), d.txn())
                    + String.format(Locale.ROOT, " digest=%x", d.digest());
            case ZabAction.RoleChanged r -> "RoleChanged " + r.state()
                    + (r.leaderId() < 0 ? "" : " leader S" + r.leaderId()) + " epoch " + r.epoch();
            case ZabAction.LeaderEstablished l -> "LeaderEstablished epoch " + l.epoch() + " lastZxid " + zxid(l.lastZxid());
            case ZabAction.LearnerSynced s -> "LearnerSynced with S" + s.leaderId() + " epoch " + s.epoch()
                    + " lastZxid " + zxid(s.lastZxid());
            case ZabAction.SyncCompleted s -> "SyncCompleted session " + s.sessionId() + " cxid " + s.cxid()
                    + " at " + zxid(s.zxid());
            case ZabAction.SessionRevalidated r -> "SessionRevalidated 0x" + Long.toHexString(r.sessionId())
                    + (r.valid() ? " valid" : " invalid");
            case ZabAction.Trace t -> "Trace: " + t.message();
        };
    }

    public static String message(PeerMessage message) {
        return switch (message) {
            case PeerMessage.Notification n -> "Notification " + n.state() + " " + vote(n.vote());
            case PeerMessage.FollowerInfo f -> "FollowerInfo acceptedEpoch=" + f.acceptedEpoch() + " lastZxid="
                    + zxid(f.lastZxid());
            case PeerMessage.ObserverInfo o -> "ObserverInfo acceptedEpoch=" + o.acceptedEpoch() + " lastZxid="
                    + zxid(o.lastZxid());
            case PeerMessage.LeaderInfo l -> "LeaderInfo newEpoch=" + l.newEpoch();
            case PeerMessage.AckEpoch a -> "AckEpoch currentEpoch=" + a.currentEpoch() + " lastZxid=" + zxid(a.lastZxid());
            case PeerMessage.Diff d -> "Diff " + zxid(d.zxid());
            case PeerMessage.Trunc t -> "Trunc " + zxid(t.zxid());
            case PeerMessage.Snap s -> "Snap " + zxid(s.zxid());
            case PeerMessage.NewLeader n -> "NewLeader " + zxid(n.zxid());
            case PeerMessage.Proposal p -> "Proposal " + txn(p.header(), p.txn());
            case PeerMessage.Ack a -> "Ack " + zxid(a.zxid());
            case PeerMessage.Commit c -> "Commit " + zxid(c.zxid());
            case PeerMessage.Inform i -> "Inform " + txn(i.header(), i.txn());
            case PeerMessage.Request r -> "Request " + request(r);
            default -> message.getClass().getSimpleName();
        };
    }

    private static String vote(Vote v) {
        return "vote(S" + v.proposedLeader() + " zxid " + zxid(v.proposedZxid()) + " round " + v.electionEpoch()
                + " peerEpoch " + v.peerEpoch() + ")";
    }

    private static String request(PeerMessage.Request r) {
        return "session " + r.sessionId() + " cxid " + r.cxid() + " op " + r.type();
    }

    public static String txn(TxnHeader header, Txn txn) {
        String what = switch (txn) {
            case Txn.Create c -> "create " + c.path();
            case Txn.SetData s -> "setData " + s.path() + " v" + s.version();
            case Txn.Delete d -> "delete " + d.path();
            case Txn.Error e -> "error " + e.err();
            default -> txn.getClass().getSimpleName();
        };
        return zxid(header.zxid()) + " " + what + " (cxid " + header.cxid() + ")";
    }
}
