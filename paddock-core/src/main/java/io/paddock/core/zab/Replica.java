package io.paddock.core.zab;

import io.paddock.core.tree.DataTree;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;

/**
 * One server of a Zab ensemble as a pure state machine: Fast Leader Election while LOOKING, then the leader's or
 * a learner's role (discovery, sync, broadcast), over the history it recovered from storage. Deterministic: the
 * same state and event give the same state and actions. Nothing that acknowledges data is emitted before the
 * {@link ZabEvent.Persisted} that covers it.
 */
public final class Replica {
    private final ZabConfig config;
    private final History history;
    private final FastLeaderElection election;
    private final TxnFactory.Maker txnFactories;
    private final Consumer<ZabAction> observer;
    private long acceptedEpoch;
    private long currentEpoch;
    /** Every txn of the history up to here is durable (a barrier, a Persisted report, or recovery said so). */
    private long durableZxid;
    private long tick;
    private long wallTimeMillis;
    private PeerState state = PeerState.LOOKING;
    private Role role;
    private List<ZabAction> out = new ArrayList<>();
    /** Protections removed on purpose; always empty outside tests (see {@link Breakage}). */
    private final EnumSet<Breakage> broken = EnumSet.noneOf(Breakage.class);
    /** Only under {@link Breakage#ROLE_ACTS_AFTER_LEAVE}: the last role that ended, still fed events. */
    private Role zombie;

    public Replica(ZabConfig config, RecoveredHistory recovered, TxnFactory.Maker txnFactories) {
        this(config, recovered, txnFactories, action -> { });
    }

    /**
     * A replica whose {@code observer} hears of each action of the replica's roles (not election notifications or
     * traces) the moment it is emitted, while the replica's state is exactly as that action leaves it: the tree
     * right after a Delivered txn, before the next is applied. The observer must not call back into the replica;
     * {@link #step} still returns every action.
     */
    public Replica(ZabConfig config, RecoveredHistory recovered, TxnFactory.Maker txnFactories,
                   Consumer<ZabAction> observer) {
        this.config = config;
        this.observer = observer;
        this.history = new History(recovered, config.committedLogWindow());
        this.election = new FastLeaderElection(config);
        this.txnFactories = txnFactories;
        this.acceptedEpoch = recovered.acceptedEpoch();
        this.currentEpoch = recovered.currentEpoch();
        this.durableZxid = recovered.lastZxid();
    }

    /** The first actions after start-up at {@code wallTimeMillis}: txns proposed before the first tick carry it. */
    public List<ZabAction> start(long wallTimeMillis) {
        this.wallTimeMillis = Math.max(this.wallTimeMillis, wallTimeMillis);
        return start();
    }

    /** The first actions after start-up: the replica starts LOOKING. */
    public List<ZabAction> start() {
        out = new ArrayList<>();
        startLooking("start-up");
        return out;
    }

    /** The only entry point after {@link #start}: applies one event, returns what the runtime must do, in order. */
    public List<ZabAction> step(ZabEvent event) {
        out = new ArrayList<>();
        switch (event) {
            case ZabEvent.Tick t -> {
                tick++;
                wallTimeMillis = Math.max(wallTimeMillis, t.wallTimeMillis());
                if (role == null) {
                    election.onTick(out).ifPresent(this::settle);
                } else {
                    role.onTick();
                }
            }
            case ZabEvent.MessageReceived m -> onMessage(m.from(), m.message());
            case ZabEvent.Disconnected d -> {
                if (role != null) {
                    role.onDisconnected(d.peer());
                } else {
                    election.onConnectionLost(d.peer(), out);
                }
            }
            case ZabEvent.Persisted p -> {
                durableZxid = Math.max(durableZxid, p.zxid());
                if (zombie != null) {
                    zombie.onPersisted(); // BREAKAGE ROLE_ACTS_AFTER_LEAVE
                }
                if (role != null) {
                    role.onPersisted();
                }
            }
            case ZabEvent.WriteSubmitted w -> {
                if (role != null) {
                    role.onWrite(w.request());
                } else {
                    trace("LOOKING: drops a submitted write");
                }
            }
            case ZabEvent.SessionsTouched t -> {
                // while LOOKING touches are lost, as in ZooKeeper: the next leader gives every session a full timeout
                if (role != null) {
                    role.onSessionsTouched(t.sessionTimeouts());
                }
            }
            case ZabEvent.RevalidateSession r -> {
                if (role != null) {
                    role.onRevalidate(r.sessionId(), r.timeoutMillis());
                } else {
                    emit(new ZabAction.SessionRevalidated(r.sessionId(), false));
                }
            }
        }
        return out;
    }

    private void onMessage(long from, PeerMessage message) {
        if (message instanceof PeerMessage.Notification n) {
            Optional<FastLeaderElection.Elected> elected = election.onNotification(from, n, out);
            if (role == null) {
                elected.ifPresent(this::settle);
            }
            return;
        }
        if (zombie != null) {
            zombie.onMessage(from, message); // BREAKAGE ROLE_ACTS_AFTER_LEAVE
        }
        if (role == null) {
            trace("LOOKING: ignores %s from S%d", message.getClass().getSimpleName(), from);
            return;
        }
        role.onMessage(from, message);
    }

    private void settle(FastLeaderElection.Elected elected) {
        state = elected.state();
        long leader = elected.vote().proposedLeader();
        emit(new ZabAction.RoleChanged(state, leader, currentEpoch));
        role = switch (state) {
            case LEADING -> new LeaderRole(this, txnFactories);
            case FOLLOWING, OBSERVING -> new LearnerRole(this, leader);
            case LOOKING -> throw new IllegalStateException("an election result cannot be LOOKING");
        };
    }

    private void startLooking(String reason) {
        state = PeerState.LOOKING;
        role = null;
        emit(new ZabAction.RoleChanged(PeerState.LOOKING, -1, currentEpoch));
        trace("LOOKING (%s)", reason);
        election.lookForLeader(history.lastZxid(), currentEpoch, out);
    }

    // ---- deliberate breakage, for tests only ----

    /** Removes one protection (package-private: only tests in this package, via their bridge, can call it). */
    void breakForTesting(Breakage breakage) {
        broken.add(breakage);
    }

    boolean broken(Breakage breakage) {
        return !broken.isEmpty() && broken.contains(breakage);
    }

    /** The quorum rule; under {@link Breakage#OBSERVERS_COUNT_IN_QUORUM} any id counts (ZOOKEEPER-2959). */
    boolean isQuorum(Set<Long> ids) {
        if (broken(Breakage.OBSERVERS_COUNT_IN_QUORUM)) {
            return ids.size() > config.quorum().voters().size() / 2;
        }
        return config.quorum().isQuorum(ids);
    }

    // ---- services for the roles ----

    ZabConfig config() {
        return config;
    }

    History history() {
        return history;
    }

    long tick() {
        return tick;
    }

    long wallTimeMillis() {
        return wallTimeMillis;
    }

    long acceptedEpoch() {
        return acceptedEpoch;
    }

    long currentEpoch() {
        return currentEpoch;
    }

    long durableZxid() {
        return durableZxid;
    }

    void emit(ZabAction action) {
        out.add(action);
        observer.accept(action);
    }

    void send(long to, PeerMessage message) {
        emit(new ZabAction.Send(to, message));
    }

    void trace(String format, Object... args) {
        out.add(new ZabAction.Trace("S" + config.serverId() + " " + String.format(Locale.ROOT, format, args)));
    }

    /** Accepts a proposed epoch durably (a barrier) before anything that relies on it is sent. */
    void acceptEpoch(long epoch) {
        if (epoch < acceptedEpoch) {
            throw new IllegalStateException("accepted epoch would go back from " + acceptedEpoch + " to " + epoch);
        }
        acceptedEpoch = epoch;
        emit(new ZabAction.SaveEpochs(acceptedEpoch, currentEpoch));
    }

    /** Records the epoch as current, durably; callers make sure the history it vouches for is durable first. */
    void adoptEpoch(long epoch) {
        if (epoch > acceptedEpoch || epoch < currentEpoch) {
            throw new IllegalStateException("current epoch " + epoch + " outside [" + currentEpoch + ", " + acceptedEpoch + "]");
        }
        currentEpoch = epoch;
        emit(new ZabAction.SaveEpochs(acceptedEpoch, currentEpoch));
    }

    /** Barrier: the log loses everything after {@code zxid}; after it, the history up to there is durable. */
    void truncateLog(long zxid) {
        emit(new ZabAction.TruncateLog(zxid));
        durableZxid = zxid;
    }

    void replaceWithSnapshot(DataTree tree, PeerMessage.Snap snap) {
        history.replaceWith(tree, snap.sessionTimeouts());
        // nothing of the new history is durable until the snapshot is; older reports never reach its zxid
        durableZxid = Math.min(durableZxid, snap.zxid() - 1);
        emit(new ZabAction.PersistSnapshot(snap.zxid(), snap.nodes(), snap.sessionTimeouts()));
    }

    /** The role reached broadcast in {@code epoch}: newcomers asking the election hear that epoch (ZOOKEEPER-1732). */
    void settledInEpoch(long epoch) {
        election.updateSettledEpoch(epoch);
    }

    /** Applies every txn up to {@code zxid} as committed, emitting Delivered for each as it is applied. */
    List<History.Applied> commit(long zxid) {
        return history.commitThrough(zxid, a -> emit(new ZabAction.Delivered(a.proposal().header(), a.proposal().txn(),
                a.digest(), a.result(), a.triggers())));
    }

    /** The role failed or ended: back to election. */
    void lookAgain(String reason) {
        Role ending = role;
        role = null;
        if (ending != null) {
            ending.leave();
            if (broken(Breakage.ROLE_ACTS_AFTER_LEAVE)) {
                zombie = ending;
            }
        }
        startLooking(reason);
    }

    // ---- read-only views ----

    public PeerState state() {
        return state;
    }

    /** The applied (committed) state; read-only for callers (snapshots, checkers). */
    public DataTree tree() {
        return history.tree();
    }

    /** The zxid of the last txn in this server's history (logged or being logged), applied or not. */
    public long lastLoggedZxid() {
        return history.lastZxid();
    }

    public long acceptedEpochValue() {
        return acceptedEpoch;
    }

    public long currentEpochValue() {
        return currentEpoch;
    }
}
