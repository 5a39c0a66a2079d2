package io.paddock.sim;

import io.paddock.core.node.Event;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.disk.PeerDisk;
import io.paddock.sim.history.Observation;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated server: its replica (while up), its disk (always), its ticks. Runs the replica's actions in the
 * order returned, recording each before doing it. A crash drops the replica, its queued storage work and its
 * timers (they belong to an incarnation that no longer exists); a restart recovers from disk into a new replica.
 */
final class SimPeer {
    private static final int MAX_TICK_JITTER_MS = 3;

    private final long id;
    private final ZabConfig config;
    private final World world;
    private final PeerDisk disk;
    private final SplittableRandom random;
    /** Delivered txns between two periodic snapshots; drawn per server, as ZooKeeper randomises snapCount. */
    private final int snapshotEvery;
    private SimReplica replica;
    /** Which life this is (1, 2, ...); -1 while down. */
    private long incarnation = -1;
    private long lives;
    private int deliveredSinceSnapshot;

    SimPeer(long id, ZabConfig config, World world, PeerDisk disk, SplittableRandom random) {
        this.id = id;
        this.config = config;
        this.world = world;
        this.disk = disk;
        this.random = random;
        this.snapshotEvery = 20 + random.nextInt(81);
    }

    long id() {
        return id;
    }

    boolean isUp() {
        return incarnation >= 0;
    }

    long incarnation() {
        return incarnation;
    }

    long lives() {
        return lives;
    }

    PeerDisk disk() {
        return disk;
    }

    boolean isVoter() {
        return !config.isObserver();
    }

    /** Boots from disk: recovery, a new replica, its first actions, its ticks. */
    void start() {
        if (isUp()) {
            throw new IllegalStateException("S" + id + " is already up");
        }
        PeerDisk.Recovered recovered = disk.recover();
        boolean restart = lives > 0;
        incarnation = ++lives;
        deliveredSinceSnapshot = 0;
        var history = recovered.history();
        if (restart) {
            world.record(new Observation.Restarted(world.now(), id, recovered.snapshotZxid(), recovered.tailZxids(),
                    history.acceptedEpoch(), history.currentEpoch()));
        }
        world.trace.add(world.now(), id, "**", (restart ? "restarts" : "starts") + ": snapshot "
                + Long.toHexString(recovered.snapshotZxid()) + ", " + recovered.tailZxids().size()
                + " txns logged after it, acceptedEpoch " + history.acceptedEpoch() + ", currentEpoch "
                + history.currentEpoch());
        try {
            replica = world.options.replicas().create(config, history, World.WALL_CLOCK_BASE + world.now());
        } catch (RuntimeException | AssertionError e) {
            throw new ReplicaFailure(id, null, e);
        }
        scheduleTick(incarnation);
        List<ZabAction> actions;
        try {
            actions = replica.start();
        } catch (RuntimeException | AssertionError e) {
            throw new ReplicaFailure(id, null, e);
        }
        execute(actions);
        toClients();
    }

    /** Power loss. */
    void crash() {
        if (!isUp()) {
            throw new IllegalStateException("S" + id + " is already down");
        }
        world.record(new Observation.Crashed(world.now(), id));
        world.trace.add(world.now(), id, "**", "CRASHES");
        incarnation = -1;
        replica = null;
        disk.crash();
        world.network.crashed(id);
        if (world.clients != null) {
            world.clients.serverCrashed(id);
        }
    }

    /** Hands one event to the replica and carries out what it returns; nothing happens while down. */
    void deliver(ZabEvent event) {
        if (!isUp()) {
            return;
        }
        List<ZabAction> actions;
        try {
            actions = replica.step(event);
        } catch (RuntimeException | AssertionError e) {
            world.trace.add(world.now(), id, "<-", event);
            throw new ReplicaFailure(id, event, e);
        }
        if (!(event instanceof ZabEvent.Tick) || !actions.isEmpty()) {
            world.trace.add(world.now(), id, "<-", event);
        }
        execute(actions);
        toClients();
    }

    /** Hands a client connection's event to the server; nothing happens while down. */
    void deliverClient(Event event) {
        if (!isUp()) {
            return;
        }
        List<ZabAction> actions;
        try {
            actions = replica.step(event);
        } catch (RuntimeException | AssertionError e) {
            world.trace.add(world.now(), id, "<c", event);
            throw new ReplicaFailure(id, null, e);
        }
        execute(actions);
        toClients();
    }

    private void toClients() {
        if (replica == null) {
            return;
        }
        var actions = replica.takeClientActions();
        if (!actions.isEmpty() && world.clients != null) {
            world.clients.fromServer(id, actions);
        }
    }

    /** Storage made everything through {@code zxid} durable; the replica hears of it as its next event. */
    void persisted(long zxid) {
        world.record(new Observation.Durable(world.now(), id, zxid));
        long life = incarnation;
        world.scheduler.after(0, () -> {
            if (incarnation == life) {
                deliver(new ZabEvent.Persisted(zxid));
            }
        });
    }

    private void execute(List<ZabAction> actions) {
        for (ZabAction action : actions) {
            if (action instanceof ZabAction.TruncateLog || action instanceof ZabAction.SaveEpochs) {
                disk.completeQueue(); // a barrier completes the earlier storage actions before it is done itself
            }
            world.record(new Observation.Acted(world.now(), id, action));
            world.trace.add(world.now(), id, "->", action);
            switch (action) {
                case ZabAction.Send s -> world.network.send(id, s.to(), s.message());
                case ZabAction.Disconnect d -> world.network.disconnect(id, d.peer(), d.reason());
                case ZabAction.PersistTxn p -> disk.enqueue(p);
                case ZabAction.PersistSnapshot s -> disk.enqueue(s);
                case ZabAction.TruncateLog t -> disk.truncateLog(t.zxid());
                case ZabAction.SaveEpochs e -> disk.saveEpochs(e.acceptedEpoch(), e.currentEpoch());
                case ZabAction.Delivered d -> {
                    world.committedZxids.add(d.header().zxid());
                    if (++deliveredSinceSnapshot >= snapshotEvery) {
                        deliveredSinceSnapshot = 0;
                        disk.snapshot(replica.tree());
                    }
                }
                case ZabAction.LeaderEstablished l -> world.elections++;
                case ZabAction.RoleChanged r -> {
                }
                case ZabAction.LearnerSynced s -> {
                }
                case ZabAction.SyncCompleted s -> {
                }
                case ZabAction.SessionRevalidated s -> {
                }
                case ZabAction.Trace t -> {
                }
            }
        }
    }

    private void scheduleTick(long life) {
        long interval = world.options.tickMs() + random.nextInt(MAX_TICK_JITTER_MS + 1);
        world.scheduler.after(interval, () -> {
            if (incarnation == life) {
                deliver(new ZabEvent.Tick(World.WALL_CLOCK_BASE + world.now()));
                scheduleTick(life);
            }
        });
    }
}
