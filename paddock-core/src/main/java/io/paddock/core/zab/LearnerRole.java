package io.paddock.core.zab;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import java.util.ArrayDeque;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A follower's or observer's side of Zab: introduce itself to the elected leader, accept its epoch (durably),
 * take the sync, make everything it received and the new epoch durable, and only then acknowledge NEWLEADER
 * (seeds 002 and 004); then log proposals and acknowledge each once durable, apply commits, forward writes.
 */
final class LearnerRole implements Role {
    enum Phase {
        /** FOLLOWERINFO sent; waiting for LEADERINFO. */
        CONNECTING,
        /** ACKEPOCH sent; waiting for the sync. */
        EPOCH_ACKED,
        /** Taking the sync's txns; NEWLEADER not yet received. */
        SYNCING,
        /** NEWLEADER received; its ACK waits until everything before it is durable. */
        NEWLEADER_PENDING,
        /** NEWLEADER acknowledged; waiting for UPTODATE. */
        NEWLEADER_ACKED,
        /** UPTODATE received. */
        BROADCAST
    }

    private final Replica replica;
    private final ZabConfig config;
    private final long leader;
    private final boolean observer;
    private Phase phase = Phase.CONNECTING;
    private long lastHeardTick;
    private long newEpoch = -1;
    /** The history end NEWLEADER covers: its ACK waits until this is durable. */
    private long newLeaderCovers;
    /** Proposals that arrived after NEWLEADER, acknowledged one by one once durable (after the NEWLEADER ACK). */
    private final ArrayDeque<Long> toAck = new ArrayDeque<>();
    /** Only under a sync-persistence {@link Breakage}: the sync's txns not yet handed to storage. */
    private final ArrayDeque<PeerMessage.Proposal> heldByBreakage = new ArrayDeque<>();
    /** Sessions this server's clients used since the last ping answer: the leader renews them. */
    private final TreeMap<Long, Integer> touched = new TreeMap<>();

    LearnerRole(Replica replica, long leader) {
        this.replica = replica;
        this.config = replica.config();
        this.leader = leader;
        this.observer = config.isObserver();
        this.lastHeardTick = replica.tick();
        introduce();
    }

    private void introduce() {
        long self = config.serverId();
        long last = replica.history().lastZxid();
        long version = config.quorum().version();
        replica.send(leader, observer
                ? new PeerMessage.ObserverInfo(self, replica.acceptedEpoch(), last, version)
                : new PeerMessage.FollowerInfo(self, replica.acceptedEpoch(), last, version));
    }

    long leader() {
        return leader;
    }

    @Override
    public void onMessage(long from, PeerMessage message) {
        if (from != leader) {
            replica.trace("learner ignores %s from S%d, which is not its leader S%d", message.getClass().getSimpleName(),
                    from, leader);
            return;
        }
        if (phase == Phase.CONNECTING && !(message instanceof PeerMessage.LeaderInfo)) {
            // Everything of this learner session follows the leader's LEADERINFO on the FIFO link; anything before
            // it was sent to an earlier session of ours (ZooKeeper's socket per learner session drops such
            // packets with the old socket; here one link carries both sessions).
            replica.trace("learner ignores %s from S%d sent to an earlier session", message.getClass().getSimpleName(),
                    from);
            return;
        }
        lastHeardTick = replica.tick();
        switch (message) {
            case PeerMessage.LeaderInfo info -> onLeaderInfo(info.newEpoch());
            case PeerMessage.Diff diff -> startSync(diff.zxid(), "DIFF");
            case PeerMessage.Trunc trunc -> onTrunc(trunc.zxid());
            case PeerMessage.Snap snap -> onSnap(snap);
            case PeerMessage.Proposal p -> onProposal(p);
            case PeerMessage.Commit c -> onCommit(c.zxid());
            case PeerMessage.Inform inform -> onInform(inform);
            case PeerMessage.NewLeader nl -> onNewLeader(nl.zxid());
            case PeerMessage.UpToDate u -> onUpToDate();
            case PeerMessage.Ping p -> {
                replica.send(leader, new PeerMessage.Ping(touched));
                touched.clear();
            }
            case PeerMessage.RevalidateReply r -> replica.emit(new ZabAction.SessionRevalidated(r.sessionId(), r.valid()));
            case PeerMessage.SyncDone done -> replica.emit(new ZabAction.SyncCompleted(done.sessionId(), done.cxid(), done.zxid()));
            default -> replica.trace("learner ignores %s from its leader", message.getClass().getSimpleName());
        }
    }

    // ---- discovery ----

    private void onLeaderInfo(long epoch) {
        if (phase != Phase.CONNECTING) {
            replica.trace("learner ignores a second LEADERINFO");
            return;
        }
        if (epoch < replica.acceptedEpoch()) {
            replica.lookAgain("leader S" + leader + " proposed epoch " + epoch + ", below our accepted epoch "
                    + replica.acceptedEpoch());
            return;
        }
        if (epoch > replica.acceptedEpoch()) {
            replica.acceptEpoch(epoch);
        }
        newEpoch = epoch;
        phase = Phase.EPOCH_ACKED;
        replica.send(leader, new PeerMessage.AckEpoch(replica.currentEpoch(), replica.history().lastZxid()));
    }

    // ---- sync ----

    private void startSync(long base, String kind) {
        requirePhase(Phase.EPOCH_ACKED, kind);
        long last = replica.history().lastZxid();
        if (last != base) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "S%d: %s from S%d expects our history to end at %s, it ends at %s", config.serverId(), kind,
                    leader, Zxid.hex(base), Zxid.hex(last)));
        }
        phase = Phase.SYNCING;
    }

    private void onTrunc(long zxid) {
        requirePhase(Phase.EPOCH_ACKED, "TRUNC");
        if (replica.broken(Breakage.KEEP_HISTORY_ACROSS_TRUNC)) { // BREAKAGE: tests only (ZOOKEEPER-2845)
            replica.truncateLog(zxid);
            phase = Phase.SYNCING;
            return;
        }
        replica.history().truncateAfter(zxid);
        replica.truncateLog(zxid);
        startSync(zxid, "TRUNC");
    }

    private void onSnap(PeerMessage.Snap snap) {
        requirePhase(Phase.EPOCH_ACKED, "SNAP");
        DataTree tree = new DataTree();
        for (NodeRecord node : snap.nodes()) {
            tree.restore(node);
        }
        tree.restoredThrough(snap.zxid());
        replica.replaceWithSnapshot(tree, snap);
        phase = Phase.SYNCING;
    }

    private void requirePhase(Phase expected, String what) {
        if (phase != expected) {
            throw new IllegalStateException("S" + config.serverId() + " got " + what + " from S" + leader + " in phase "
                    + phase + " (expected " + expected + ")");
        }
    }

    private void onProposal(PeerMessage.Proposal p) {
        if (phase == Phase.CONNECTING || phase == Phase.EPOCH_ACKED) {
            throw new IllegalStateException("S" + config.serverId() + " got a proposal before its sync began");
        }
        replica.history().append(p);
        if (phase == Phase.SYNCING && syncPersistenceBroken()) { // BREAKAGE: tests only
            heldByBreakage.addLast(p);
        } else {
            replica.emit(new ZabAction.PersistTxn(p.header(), p.txn()));
        }
        if (phase != Phase.SYNCING || replica.broken(Breakage.PROPOSAL_ACKS_OVERTAKE_NEWLEADER)) {
            // proposals after NEWLEADER are acknowledged one by one, after the ACK of NEWLEADER (seed 002)
            toAck.addLast(p.zxid());
            sendDueAcks();
        }
    }

    private void onCommit(long zxid) {
        replica.commit(zxid);
    }

    private void onInform(PeerMessage.Inform inform) {
        if (phase != Phase.BROADCAST && phase != Phase.NEWLEADER_ACKED && phase != Phase.NEWLEADER_PENDING) {
            throw new IllegalStateException("S" + config.serverId() + " got INFORM during its sync");
        }
        PeerMessage.Proposal p = new PeerMessage.Proposal(inform.header(), inform.txn());
        replica.history().append(p);
        replica.emit(new ZabAction.PersistTxn(p.header(), p.txn()));
        replica.commit(p.zxid());
    }

    private void onNewLeader(long zxid) {
        requirePhase(Phase.SYNCING, "NEWLEADER");
        if (zxid != Zxid.newLeader(newEpoch)) {
            throw new IllegalStateException("NEWLEADER " + Zxid.hex(zxid) + " for epoch " + newEpoch);
        }
        phase = Phase.NEWLEADER_PENDING;
        newLeaderCovers = replica.history().lastZxid();
        if (syncPersistenceBroken()) { // BREAKAGE: tests only (ZOOKEEPER-4643 / 3911 order)
            replica.adoptEpoch(newEpoch);
            if (replica.broken(Breakage.ACK_NEWLEADER_BEFORE_DURABLE)) {
                releaseHeldByBreakage();
            }
            replica.send(leader, new PeerMessage.Ack(Zxid.newLeader(newEpoch)));
            phase = Phase.NEWLEADER_ACKED;
            return;
        }
        sendDueAcks();
    }

    private boolean syncPersistenceBroken() {
        return replica.broken(Breakage.ACK_NEWLEADER_BEFORE_DURABLE) || replica.broken(Breakage.PERSIST_SYNC_AT_UPTODATE);
    }

    private void releaseHeldByBreakage() {
        while (!heldByBreakage.isEmpty()) {
            PeerMessage.Proposal p = heldByBreakage.removeFirst();
            replica.emit(new ZabAction.PersistTxn(p.header(), p.txn()));
        }
    }

    /**
     * The ACK of NEWLEADER goes out once everything the sync delivered is durable, right after the new epoch is
     * (seeds 004 and ZOOKEEPER-4643: the epoch is never recorded before the txns it vouches for); then, in order,
     * the ACK of every later proposal that is durable.
     */
    private void sendDueAcks() {
        if (phase == Phase.NEWLEADER_PENDING) {
            if (replica.durableZxid() < newLeaderCovers) {
                if (replica.broken(Breakage.PROPOSAL_ACKS_OVERTAKE_NEWLEADER)) { // BREAKAGE: tests only
                    sendDurableProposalAcks();
                }
                return;
            }
            replica.adoptEpoch(newEpoch);
            replica.send(leader, new PeerMessage.Ack(Zxid.newLeader(newEpoch)));
            phase = Phase.NEWLEADER_ACKED;
        }
        if ((phase == Phase.SYNCING && !replica.broken(Breakage.PROPOSAL_ACKS_OVERTAKE_NEWLEADER)) || observer) {
            toAck.clear();
            return;
        }
        sendDurableProposalAcks();
    }

    private void sendDurableProposalAcks() {
        boolean ackAtOnce = replica.broken(Breakage.ACK_PROPOSAL_BEFORE_DURABLE); // BREAKAGE: tests only
        while (!toAck.isEmpty() && (ackAtOnce || toAck.peekFirst() <= replica.durableZxid())) {
            replica.send(leader, new PeerMessage.Ack(toAck.removeFirst()));
        }
    }

    private void onUpToDate() {
        if (phase != Phase.NEWLEADER_ACKED) {
            throw new IllegalStateException("S" + config.serverId() + " got UPTODATE in phase " + phase);
        }
        phase = Phase.BROADCAST;
        releaseHeldByBreakage(); // BREAKAGE PERSIST_SYNC_AT_UPTODATE: tests only; nothing is held otherwise
        replica.settledInEpoch(newEpoch);
        replica.emit(new ZabAction.LearnerSynced(leader, newEpoch, replica.history().lastZxid()));
    }

    // ---- everything else ----

    @Override
    public void onPersisted() {
        sendDueAcks();
    }

    @Override
    public void onWrite(PeerMessage.Request request) {
        if (phase == Phase.BROADCAST) {
            replica.send(leader, request);
        } else {
            replica.trace("learner drops a write submitted before it is synced");
        }
    }

    @Override
    public void onSessionsTouched(SortedMap<Long, Integer> sessionTimeouts) {
        if (phase == Phase.BROADCAST) {
            touched.putAll(sessionTimeouts);
        }
    }

    @Override
    public void onRevalidate(long sessionId, int timeoutMillis) {
        if (phase == Phase.BROADCAST) {
            replica.send(leader, new PeerMessage.Revalidate(sessionId, timeoutMillis));
        } else {
            replica.emit(new ZabAction.SessionRevalidated(sessionId, false));
        }
    }

    @Override
    public void onTick() {
        int limit = phase == Phase.BROADCAST ? config.syncLimitTicks() : config.initLimitTicks();
        if (phase == Phase.CONNECTING && (replica.tick() - lastHeardTick) % 2 == 1) {
            // the leader may not have finished its own election yet: introduce ourselves again
            introduce();
        }
        if (replica.tick() - lastHeardTick > limit) {
            replica.lookAgain("learner: nothing from leader S" + leader + " for " + (replica.tick() - lastHeardTick)
                    + " ticks (limit " + limit + ", phase " + phase + ")");
        }
    }

    @Override
    public void onDisconnected(long peer) {
        if (peer == leader) {
            replica.lookAgain("learner: connection to leader S" + leader + " lost");
        }
    }

    @Override
    public void leave() {
        replica.emit(new ZabAction.Disconnect(leader, "stopped following"));
    }
}
