package io.paddock.core.zab;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.OpCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The leader's side of Zab after it won an election: discovery (a new epoch above every accepted epoch of a
 * quorum of voters), sync of each learner (DIFF / TRUNC / SNAP, then NEWLEADER), establishment once a quorum of
 * voters acknowledged NEWLEADER, then broadcast (PROPOSAL, ACK, COMMIT; INFORM to observers). Every quorum counts
 * voters only; the leader counts itself only for what it has made durable.
 */
final class LeaderRole implements Role {
    enum Phase { DISCOVERY, EPOCH_ACKS, SYNC, BROADCAST }

    /** A txn proposed in this epoch and not yet committed, with the voters known to have logged it. */
    private static final class Outstanding {
        final PeerMessage.Proposal proposal;
        final Set<Long> acks = new HashSet<>();
        final List<WaitingSync> syncsWaiting = new ArrayList<>(0);

        Outstanding(PeerMessage.Proposal proposal) {
            this.proposal = proposal;
        }
    }

    /** A sync request and the server that sent it, answered once the proposal it waits behind commits. */
    private record WaitingSync(PeerMessage.Request request, long from) {
    }

    private final Replica replica;
    private final ZabConfig config;
    private final long self;
    private final TreeMap<Long, LearnerHandler> handlers = new TreeMap<>();
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private Phase phase = Phase.DISCOVERY;
    private long phaseStartTick;
    /** Discovery: voters whose FOLLOWERINFO counted, and the greatest accepted epoch among them and the leader. */
    private final Set<Long> connecting = new HashSet<>();
    private long maxAcceptedEpoch;
    private long newEpoch = -1;
    private final Set<Long> epochAcks = new HashSet<>();
    private final Set<Long> newLeaderAcks = new HashSet<>();
    /** The leader's history end when it starts syncing; its own ACK of NEWLEADER needs it durable. */
    private long historyEndAtSync;
    private long lastStateEpoch;
    private long lastStateZxid;
    private TxnFactory txns;
    private long counter;
    private final TxnFactory.Maker txnFactories;

    LeaderRole(Replica replica, TxnFactory.Maker txnFactories) {
        this.replica = replica;
        this.config = replica.config();
        this.self = config.serverId();
        this.txnFactories = txnFactories;
        this.phaseStartTick = replica.tick();
        this.maxAcceptedEpoch = replica.acceptedEpoch();
        this.lastStateEpoch = replica.currentEpoch();
        this.lastStateZxid = replica.history().lastZxid();
        connecting.add(self);
        maybeDecideEpoch();
    }

    long epoch() {
        return newEpoch;
    }

    // ---- messages ----

    @Override
    public void onMessage(long from, PeerMessage message) {
        LearnerHandler h = handlers.get(from);
        if (h != null) {
            h.lastHeardTick = replica.tick();
        }
        switch (message) {
            case PeerMessage.FollowerInfo f -> onLearnerInfo(from, true, f.acceptedEpoch(), f.lastZxid());
            case PeerMessage.ObserverInfo o -> onLearnerInfo(from, false, o.acceptedEpoch(), o.lastZxid());
            case PeerMessage.AckEpoch a -> {
                if (h != null) {
                    onAckEpoch(h, a);
                }
            }
            case PeerMessage.Ack a -> {
                if (h != null) {
                    onAck(h, a.zxid());
                }
            }
            case PeerMessage.Request r -> {
                if (h != null && h.stage == LearnerHandler.Stage.BROADCAST) {
                    propose(r, from);
                }
            }
            case PeerMessage.Ping p -> {
                // a learner's answer to our ping: the sessions its clients used since its last answer
                if (phase == Phase.BROADCAST && !p.sessionTimeouts().isEmpty()) {
                    txns.touched(p.sessionTimeouts(), replica.tick());
                }
            }
            case PeerMessage.Revalidate r -> {
                if (h != null && h.stage == LearnerHandler.Stage.BROADCAST) {
                    boolean valid = txns.revalidate(r.sessionId(), r.timeout(), from, replica.tick());
                    replica.send(from, new PeerMessage.RevalidateReply(r.sessionId(), valid));
                }
            }
            default -> replica.trace("leader ignores %s from S%d", message.getClass().getSimpleName(), from);
        }
    }

    private void onLearnerInfo(long from, boolean claimsVoter, long acceptedEpoch, long lastZxid) {
        if (!config.quorum().contains(from)) {
            replica.trace("leader ignores learner S%d: not in the config", from);
            return;
        }
        boolean voter = config.quorum().isVoter(from);
        if (claimsVoter != voter) {
            replica.trace("leader ignores S%d: it introduced itself as %s but the config says %s", from,
                    claimsVoter ? "follower" : "observer", voter ? "participant" : "observer");
            return;
        }
        LearnerHandler previous = handlers.get(from);
        if (previous != null && previous.stage != LearnerHandler.Stage.DISCOVERY) {
            // a new session from the same learner: the old one is over (it timed out or reconnected)
            replica.trace("S%d started a new session with the leader", from);
        }
        LearnerHandler h = new LearnerHandler(from, voter, lastZxid, replica.tick());
        handlers.put(from, h);
        if (newEpoch < 0) {
            if (voter || replica.broken(Breakage.OBSERVERS_COUNT_IN_QUORUM)) { // BREAKAGE: tests only
                connecting.add(from);
                maxAcceptedEpoch = Math.max(maxAcceptedEpoch, acceptedEpoch);
            }
            maybeDecideEpoch();
        } else {
            replica.send(from, new PeerMessage.LeaderInfo(newEpoch));
        }
    }

    private void maybeDecideEpoch() {
        if (newEpoch >= 0 || !replica.isQuorum(connecting)) {
            return;
        }
        newEpoch = maxAcceptedEpoch + 1;
        replica.acceptEpoch(newEpoch);
        replica.trace("leader: epoch %d decided by voters %s", newEpoch, sorted(connecting));
        phase = Phase.EPOCH_ACKS;
        phaseStartTick = replica.tick();
        epochAcks.add(self);
        for (LearnerHandler h : handlers.values()) {
            replica.send(h.id, new PeerMessage.LeaderInfo(newEpoch));
        }
        maybeStartSync();
    }

    private void onAckEpoch(LearnerHandler h, PeerMessage.AckEpoch ack) {
        if (h.stage != LearnerHandler.Stage.DISCOVERY || newEpoch < 0) {
            return;
        }
        // only the voters that make up the epoch's quorum are compared (as ZooKeeper's waitForEpochAck): a
        // learner joining later has already seen this epoch and is never "ahead"
        if (phase == Phase.EPOCH_ACKS && h.voter && (ack.currentEpoch() > lastStateEpoch
                || (ack.currentEpoch() == lastStateEpoch && ack.lastZxid() > lastStateZxid))) {
            replica.lookAgain(String.format(java.util.Locale.ROOT,
                    "follower S%d is ahead of this leader (epoch %d, last %s; ours epoch %d, last %s)", h.id,
                    ack.currentEpoch(), Zxid.hex(ack.lastZxid()), lastStateEpoch, Zxid.hex(lastStateZxid)));
            return;
        }
        h.lastZxid = ack.lastZxid();
        h.stage = LearnerHandler.Stage.EPOCH_ACKED;
        if (phase == Phase.EPOCH_ACKS) {
            if (h.voter) {
                epochAcks.add(h.id);
            }
            maybeStartSync();
        } else {
            sync(h);
        }
    }

    private void maybeStartSync() {
        if (phase != Phase.EPOCH_ACKS || !config.quorum().isQuorum(epochAcks)) {
            return;
        }
        replica.adoptEpoch(newEpoch);
        phase = Phase.SYNC;
        phaseStartTick = replica.tick();
        historyEndAtSync = replica.history().lastZxid();
        for (LearnerHandler h : handlers.values()) {
            if (h.stage == LearnerHandler.Stage.EPOCH_ACKED) {
                sync(h);
            }
        }
        maybeEstablish();
    }

    /** Sends the learner what it lacks, then NEWLEADER; from now on it also gets every new proposal. */
    private void sync(LearnerHandler h) {
        History history = replica.history();
        long last = history.lastZxid();
        SyncPlan plan = SyncPlan.choose(h.lastZxid, history.windowBase(), history.lastAppliedZxid(), last,
                history.contains(h.lastZxid), history.greatestBelow(h.lastZxid));
        replica.trace("leader syncs S%d (last %s) by %s from %s to %s", h.id, Zxid.hex(h.lastZxid), plan.kind(),
                Zxid.hex(plan.base()), Zxid.hex(last));
        switch (plan.kind()) {
            case DIFF -> replica.send(h.id, new PeerMessage.Diff(plan.base()));
            case TRUNC -> replica.send(h.id, new PeerMessage.Trunc(plan.base()));
            case SNAP -> replica.send(h.id, new PeerMessage.Snap(plan.base(), history.snapshotRecords(), history.sessions()));
        }
        long applied = history.lastAppliedZxid();
        for (PeerMessage.Proposal p : history.after(plan.base())) {
            replica.send(h.id, p);
            if (p.zxid() <= applied) {
                replica.send(h.id, new PeerMessage.Commit(p.zxid()));
            }
        }
        replica.send(h.id, new PeerMessage.NewLeader(Zxid.newLeader(newEpoch), configText()));
        h.syncedThrough = last;
        h.stage = LearnerHandler.Stage.SYNCING;
    }

    private byte[] configText() {
        return Long.toString(config.quorum().version()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void onAck(LearnerHandler h, long zxid) {
        if (zxid == Zxid.newLeader(newEpoch)) {
            if (h.stage != LearnerHandler.Stage.SYNCING) {
                return;
            }
            h.stage = LearnerHandler.Stage.NEWLEADER_ACKED;
            if (h.voter) {
                // its NEWLEADER ack says everything the sync sent is durable there, proposals included
                for (Outstanding o : outstanding) {
                    if (o.proposal.zxid() <= h.syncedThrough) {
                        o.acks.add(h.id);
                    }
                }
            }
            if (phase == Phase.SYNC) {
                if (h.voter) {
                    newLeaderAcks.add(h.id);
                }
                maybeEstablish();
            } else if (phase == Phase.BROADCAST) {
                upToDate(h);
                commitReady();
            }
            return;
        }
        if (!h.acknowledgedNewLeader()) {
            // cannot happen with a Paddock learner (it acks NEWLEADER first, seed 002); never count it
            replica.trace("leader ignores ACK of %s from S%d before its ACK of NEWLEADER", Zxid.hex(zxid), h.id);
            return;
        }
        if (!h.voter || phase != Phase.BROADCAST) {
            return;
        }
        for (Outstanding o : outstanding) {
            if (o.proposal.zxid() == zxid) {
                o.acks.add(h.id);
                break;
            }
        }
        commitReady();
    }

    // ---- establishment ----

    private boolean selfDurableForNewLeader() {
        return replica.durableZxid() >= historyEndAtSync && replica.currentEpoch() == newEpoch;
    }

    private void maybeEstablish() {
        if (phase != Phase.SYNC || !selfDurableForNewLeader()) {
            return;
        }
        Set<Long> acks = new HashSet<>(newLeaderAcks);
        acks.add(self);
        if (!config.quorum().isQuorum(acks)) {
            return;
        }
        phase = Phase.BROADCAST;
        History history = replica.history();
        long lastZxid = history.lastZxid();
        replica.emit(new ZabAction.LeaderEstablished(newEpoch, lastZxid));
        replica.settledInEpoch(newEpoch);
        // the history this leader was elected with is committed now; learners that got it in their sync learn so
        List<History.Applied> applied = replica.commit(lastZxid);
        for (History.Applied a : applied) {
            for (LearnerHandler h : handlers.values()) {
                if (h.forwarding() && a.proposal().zxid() <= h.syncedThrough) {
                    replica.send(h.id, new PeerMessage.Commit(a.proposal().zxid()));
                }
            }
        }
        // every committed session gets a full timeout from now: its client may be reconnecting to another server
        txns = txnFactories.forLeadership(history.tree(), history.sessions(), replica.tick());
        counter = 0;
        for (LearnerHandler h : handlers.values()) {
            if (h.stage == LearnerHandler.Stage.NEWLEADER_ACKED) {
                upToDate(h);
            }
        }
    }

    private void upToDate(LearnerHandler h) {
        h.stage = LearnerHandler.Stage.BROADCAST;
        replica.send(h.id, new PeerMessage.UpToDate());
    }

    // ---- broadcast ----

    @Override
    public void onWrite(PeerMessage.Request request) {
        if (phase != Phase.BROADCAST) {
            replica.trace("leader drops a write submitted before it is established");
            return;
        }
        propose(request, self);
    }

    private void propose(PeerMessage.Request request, long from) {
        if (request.type() == OpCode.SYNC) {
            onSync(request, from);
            return;
        }
        long zxid = nextZxid();
        if (zxid < 0) {
            return;
        }
        appendAndSend(request.sessionId(), request.cxid(), zxid, txns.prepare(request, from, zxid));
    }

    /** The next zxid of this epoch, or -1 (and a new election) when the counter is exhausted. */
    private long nextZxid() {
        if (counter == 0xffffffffL - 1) {
            replica.lookAgain("the zxid counter of epoch " + newEpoch + " is exhausted");
            return -1;
        }
        return Zxid.of(newEpoch, ++counter);
    }

    private void appendAndSend(long sessionId, int cxid, long zxid, Txn txn) {
        TxnHeader header = new TxnHeader(sessionId, cxid, zxid, replica.wallTimeMillis(), txn.type());
        PeerMessage.Proposal proposal = new PeerMessage.Proposal(header, txn);
        replica.history().append(proposal);
        outstanding.addLast(new Outstanding(proposal));
        replica.emit(new ZabAction.PersistTxn(header, txn));
        for (LearnerHandler h : handlers.values()) {
            if (h.voter && h.forwarding()) {
                replica.send(h.id, proposal);
            }
        }
    }

    /** A sync completes once every txn proposed before it is committed: answered right after that commit. */
    private void onSync(PeerMessage.Request request, long from) {
        if (outstanding.isEmpty()) {
            syncDone(request, from, replica.history().lastAppliedZxid());
        } else {
            Outstanding last = outstanding.peekLast();
            last.syncsWaiting.add(new WaitingSync(request, from));
        }
    }

    private void syncDone(PeerMessage.Request request, long from, long zxid) {
        if (from == self) {
            replica.emit(new ZabAction.SyncCompleted(request.sessionId(), request.cxid(), zxid));
        } else if (handlers.containsKey(from)) {
            replica.send(from, new PeerMessage.SyncDone(request.sessionId(), request.cxid(), zxid));
        }
    }

    // ---- sessions (the leader owns them: ZooKeeper's leader session tracker) ----

    @Override
    public void onSessionsTouched(SortedMap<Long, Integer> sessionTimeouts) {
        if (phase == Phase.BROADCAST) {
            txns.touched(sessionTimeouts, replica.tick());
        }
    }

    @Override
    public void onRevalidate(long sessionId, int timeoutMillis) {
        boolean valid = phase == Phase.BROADCAST && txns.revalidate(sessionId, timeoutMillis, self, replica.tick());
        replica.emit(new ZabAction.SessionRevalidated(sessionId, valid));
    }

    /**
     * Proposes the close of every session whose timeout ran out; its ephemerals go with it, on every server.
     * False when the zxid counter ran out (this leadership is over).
     */
    private boolean expireSessions() {
        for (long sessionId : txns.expire(replica.tick())) {
            long zxid = nextZxid();
            if (zxid < 0) {
                return false;
            }
            replica.trace("leader expires session 0x%x", sessionId);
            appendAndSend(sessionId, 0, zxid, txns.closeExpired(sessionId, zxid));
        }
        return true;
    }

    /** Proposes the deletion of empty containers and expired TTL nodes when due (the leader alone collects them). */
    private void collectContainers() {
        for (String path : txns.containersToCollect(replica.wallTimeMillis())) {
            long zxid = nextZxid();
            if (zxid < 0) {
                return;
            }
            replica.trace("leader collects %s", path);
            appendAndSend(0, 0, zxid, txns.deleteContainer(path, zxid));
        }
    }

    @Override
    public void onPersisted() {
        if (phase == Phase.SYNC) {
            maybeEstablish();
        } else if (phase == Phase.BROADCAST) {
            commitReady();
        }
    }

    /** Commits, in zxid order, every outstanding proposal a quorum of voters (this leader once durable) logged. */
    private void commitReady() {
        while (!outstanding.isEmpty()) {
            Outstanding o = outstanding.peekFirst();
            Set<Long> acks = o.acks;
            boolean selfDurable = replica.durableZxid() >= o.proposal.zxid();
            if (selfDurable) {
                acks.add(self);
            }
            if (!config.quorum().isQuorum(acks)) {
                return;
            }
            outstanding.removeFirst();
            long zxid = o.proposal.zxid();
            replica.commit(zxid);
            txns.applied(zxid);
            for (LearnerHandler h : handlers.values()) {
                if (!h.forwarding()) {
                    continue;
                }
                if (h.voter || zxid <= h.syncedThrough) {
                    replica.send(h.id, new PeerMessage.Commit(zxid));
                } else {
                    replica.send(h.id, new PeerMessage.Inform(o.proposal.header(), o.proposal.txn()));
                }
            }
            for (WaitingSync w : o.syncsWaiting) {
                syncDone(w.request(), w.from(), zxid);
            }
        }
    }

    // ---- time and connections ----

    @Override
    public void onTick() {
        long now = replica.tick();
        if (phase != Phase.BROADCAST) {
            if (now - phaseStartTick > config.initLimitTicks()) {
                replica.lookAgain("leader: no quorum of voters within initLimit during " + phase);
            }
            dropSilent(now, config.initLimitTicks());
            return;
        }
        Set<Long> heard = new HashSet<>();
        heard.add(self);
        for (LearnerHandler h : handlers.values()) {
            if (h.acknowledgedNewLeader()) {
                replica.send(h.id, PeerMessage.Ping.of(Map.of()));
            }
            if (h.voter && h.acknowledgedNewLeader() && now - h.lastHeardTick <= config.syncLimitTicks()) {
                heard.add(h.id);
            }
        }
        if (!config.quorum().isQuorum(heard)) {
            replica.lookAgain("leader: lost contact with a quorum of voters (heard within syncLimit: " + sorted(heard) + ")");
            return;
        }
        dropSilent(now, config.syncLimitTicks());
        if (expireSessions()) {
            collectContainers();
        }
    }

    /** Learners not heard from within the limit are disconnected (a learner times out the same way). */
    private void dropSilent(long now, int limit) {
        List<Long> silent = new ArrayList<>();
        for (LearnerHandler h : handlers.values()) {
            int hisLimit = h.stage == LearnerHandler.Stage.BROADCAST ? limit : config.initLimitTicks();
            if (now - h.lastHeardTick > hisLimit) {
                silent.add(h.id);
            }
        }
        for (long id : silent) {
            handlers.remove(id);
            replica.emit(new ZabAction.Disconnect(id, "learner silent past its limit"));
        }
    }

    @Override
    public void onDisconnected(long peer) {
        handlers.remove(peer);
    }

    @Override
    public void leave() {
        for (LearnerHandler h : handlers.values()) {
            replica.emit(new ZabAction.Disconnect(h.id, "leadership ended"));
        }
        handlers.clear();
    }

    private static List<Long> sorted(Set<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        list.sort(null);
        return list;
    }
}
