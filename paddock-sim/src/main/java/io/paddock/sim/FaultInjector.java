package io.paddock.sim;

import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random faults during the fault phase, then everything healed at once. Crashes keep a majority of voters up
 * most of the time; now and then a crash takes the majority, briefly, so the ensemble must stop and recover. Each
 * fault is recorded as it strikes; the heal is recorded as {@link Observation.FaultsHealed}.
 */
final class FaultInjector {
    private static final double MEAN_INTERVAL_MS = 2_500;
    /** One crash in this many that would take down the voters' majority is allowed. */
    private static final int MAJORITY_CRASH_ONE_IN = 8;

    private final World world;
    private final SplittableRandom random;
    private final List<FaultKind> kinds;
    private boolean healed;
    private int partitionToken;

    FaultInjector(World world, SplittableRandom random) {
        this.world = world;
        this.random = random;
        this.kinds = new ArrayList<>(world.options.faults());
    }

    void start() {
        world.scheduler.at(world.options.faultPhaseMs(), this::healAll);
        if (!kinds.isEmpty()) {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        long wait = 200 + Math.round(-MEAN_INTERVAL_MS * Math.log(1 - random.nextDouble()));
        if (world.now() + wait < world.options.faultPhaseMs()) {
            world.scheduler.after(wait, this::strike);
        }
    }

    private void strike() {
        if (healed) {
            return;
        }
        switch (kinds.get(random.nextInt(kinds.size()))) {
            case CRASH -> crash();
            case PARTITION -> partition();
            case DROP -> drop();
            case DELAY -> delay();
            case SLOWDISK -> slowDisk();
        }
        scheduleNext();
    }

    private void crash() {
        List<SimPeer> up = world.upPeers();
        if (up.isEmpty()) {
            return;
        }
        SimPeer victim = up.get(random.nextInt(up.size()));
        long votersUp = up.stream().filter(SimPeer::isVoter).count();
        boolean takesMajority = victim.isVoter() && votersUp - 1 <= world.ensemble.voterCount() / 2;
        if (takesMajority && random.nextInt(MAJORITY_CRASH_ONE_IN) != 0) {
            return;
        }
        long restartIn = takesMajority ? between(300, 2_000) : between(500, 8_000);
        long life = victim.lives();
        fault(victim.id(), "crash, restart in " + restartIn + " ms" + (takesMajority ? " (voters' majority down)" : ""));
        world.crashes++;
        victim.crash();
        world.scheduler.after(restartIn, () -> {
            if (!healed && !victim.isUp() && victim.lives() == life) {
                victim.start();
            }
        });
    }

    private void partition() {
        if (world.network.partitioned()) {
            return;
        }
        List<Long> ids = world.ensemble.ids();
        Set<Long> side = new HashSet<>();
        if (random.nextBoolean()) {
            side.add(ids.get(random.nextInt(ids.size())));
        } else {
            while (side.isEmpty() || side.size() == ids.size()) {
                side.clear();
                for (long id : ids) {
                    if (random.nextBoolean()) {
                        side.add(id);
                    }
                }
            }
        }
        Set<Long> rest = new HashSet<>(ids);
        rest.removeAll(side);
        long duration = between(500, 8_000);
        fault(-1, "partition " + sorted(side) + " | " + sorted(rest) + " for " + duration + " ms");
        world.network.partition(List.of(side, rest));
        int token = ++partitionToken;
        world.scheduler.after(duration, () -> {
            if (!healed && token == partitionToken) {
                world.trace.add(world.now(), -1, "!!", "partition heals");
                world.network.healPartition();
            }
        });
    }

    private void drop() {
        List<Long> ids = world.ensemble.ids();
        long a = ids.get(random.nextInt(ids.size()));
        long b = a;
        while (b == a) {
            b = ids.get(random.nextInt(ids.size()));
        }
        fault(a, "connection S" + a + "-S" + b + " drops");
        world.network.drop(a, b);
    }

    private void delay() {
        long peer = pickId();
        long extra = between(50, 1_500);
        long duration = between(500, 5_000);
        fault(peer, "messages from and to S" + peer + " delayed +" + extra + " ms for " + duration + " ms");
        world.network.delaySpike(peer, extra, world.now() + duration);
    }

    private void slowDisk() {
        SimPeer peer = world.peers.get(pickId());
        if (!peer.isUp()) {
            return;
        }
        long factor = between(5, 100);
        long duration = between(1_000, 10_000);
        long life = peer.lives();
        fault(peer.id(), "disk " + factor + "x slower for " + duration + " ms");
        peer.disk().setSlowFactor(factor);
        world.scheduler.after(duration, () -> {
            if (peer.isUp() && peer.lives() == life) {
                peer.disk().setSlowFactor(1);
            }
        });
    }

    /** Every fault ends: partitions heal, delays and slow disks stop, crashed servers restart. */
    private void healAll() {
        healed = true;
        world.network.healPartition();
        world.network.clearDelays();
        for (SimPeer peer : world.peers.values()) {
            if (peer.isUp()) {
                peer.disk().setSlowFactor(1);
            }
        }
        for (SimPeer peer : world.peers.values()) {
            if (!peer.isUp()) {
                peer.start();
            }
        }
        world.record(new Observation.FaultsHealed(world.now()));
        world.trace.add(world.now(), -1, "!!", "every fault healed");
    }

    private void fault(long peer, String description) {
        world.faults++;
        world.record(new Observation.Fault(world.now(), peer, description));
        world.trace.add(world.now(), peer, "!!", description);
    }

    private long pickId() {
        List<Long> ids = world.ensemble.ids();
        return ids.get(random.nextInt(ids.size()));
    }

    private long between(long min, long max) {
        return min + random.nextLong(max - min + 1);
    }

    private static List<Long> sorted(Set<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        list.sort(null);
        return list;
    }
}
