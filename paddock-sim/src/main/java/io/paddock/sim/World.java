package io.paddock.sim;

import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.disk.PeerDisk;
import io.paddock.sim.history.Observation;
import io.paddock.sim.net.Network;
import io.paddock.sim.time.Scheduler;
import io.paddock.sim.trace.Trace;
import io.paddock.storage.fs.SimulatedFileSystem;
import io.paddock.storage.log.LogOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Everything one run shares: virtual time, the network, the servers, the history the checkers read and the trace.
 * Each part draws from its own stream split off the seed, so adding a draw in one part does not shift the others.
 */
final class World implements Network.Endpoints {
    /** Small segments, so runs roll and purge log segments as a long-lived server does. */
    static final LogOptions LOG_OPTIONS = new LogOptions(16 * 1024, 4 * 1024);
    /** The chance a crash tears the last unforced write of a file. */
    static final double TEAR_PROBABILITY = 0.3;
    /** Virtual time 0 on the servers' wall clocks (stamped on txns). */
    static final long WALL_CLOCK_BASE = 1_700_000_000_000L;

    final long seed;
    final SimOptions options;
    final Ensemble ensemble;
    final Scheduler scheduler = new Scheduler();
    final Trace trace;
    final List<Observation> history = new ArrayList<>();
    final Network network;
    final Map<Long, SimPeer> peers = new LinkedHashMap<>();
    final Set<Long> committedZxids = new HashSet<>();
    /** The run's simulated clients, or null when it has none. */
    ClientFleet clients;
    /** Paths whose write history the linearizability search could not decide within its budget. */
    int undecidedPaths;
    long elections;
    long writes;
    long crashes;
    long faults;

    World(long seed, SimOptions options) {
        this.seed = seed;
        this.options = options;
        SplittableRandom root = new SplittableRandom(seed);
        this.ensemble = Ensemble.choose(root.split(), options.voters(), options.observers());
        this.trace = new Trace(options.traceCapacity());
        this.network = new Network(ensemble.ids(), scheduler, root.split(), Network.Timing.defaults(), trace, this);
        SplittableRandom disks = root.split();
        SplittableRandom peerRandom = root.split();
        for (long id : ensemble.ids()) {
            SimulatedFileSystem fs = new SimulatedFileSystem(
                    SimulatedFileSystem.Options.seeded(disks.nextLong()).withTears(TEAR_PROBABILITY));
            SimPeer[] holder = new SimPeer[1];
            PeerDisk disk = new PeerDisk(id, fs, LOG_OPTIONS, scheduler, disks.split(), PeerDisk.Timing.defaults(),
                    trace, zxid -> holder[0].persisted(zxid));
            holder[0] = new SimPeer(id, ensemble.configFor(id), this, disk, peerRandom.split());
            peers.put(id, holder[0]);
        }
    }

    long now() {
        return scheduler.now();
    }

    void record(Observation observation) {
        history.add(observation);
    }

    List<SimPeer> upPeers() {
        List<SimPeer> up = new ArrayList<>();
        for (SimPeer p : peers.values()) {
            if (p.isUp()) {
                up.add(p);
            }
        }
        return up;
    }

    @Override
    public long incarnation(long peer) {
        return peers.get(peer).incarnation();
    }

    @Override
    public void deliver(long peer, ZabEvent event) {
        peers.get(peer).deliver(event);
    }

    SimStats stats() {
        Network.Stats net = network.stats();
        long forces = 0;
        long snapshots = 0;
        for (SimPeer p : peers.values()) {
            forces += p.disk().forces();
            snapshots += p.disk().snapshots();
        }
        return new SimStats(scheduler.executed(), scheduler.now(), committedZxids.size(), elections, writes, crashes,
                faults, net.sent(), net.lost(), forces, snapshots,
                clients == null ? SimStats.ClientStats.NONE : clients.stats(undecidedPaths));
    }
}
