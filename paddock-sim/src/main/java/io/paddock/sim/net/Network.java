package io.paddock.sim.net;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.time.Scheduler;
import io.paddock.sim.trace.Trace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated network between servers. Per pair of servers one connection at a time, FIFO each way (a message
 * never arrives before one sent earlier on the same link), random delays. Connections follow ZooKeeper's election
 * rule: only a connection dialed by the larger server id survives, so a smaller id that wants to talk dials, the
 * larger closes that connection and dials back; until a connection exists, messages wait in the sender's queue.
 *
 * <p>Breaking a connection (a dropped connection, a {@code Disconnect} action, a crash, a healed partition) loses
 * whatever was queued or in flight on it, and tells each live end {@link ZabEvent.Disconnected} before anything
 * newer can cross (a new connection takes at least one delay to form). A partition cuts links silently: what is
 * sent over a cut link is lost with no notice, as a real network loses packets; healing it breaks every link it
 * cut, so no server ever sees a gap inside one FIFO stream.
 */
public final class Network {

    /** The servers as the network sees them. */
    public interface Endpoints {
        /** Which life of {@code peer} runs now; -1 while it is down. */
        long incarnation(long peer);

        /** Hands {@code event} to {@code peer}'s replica now; called only while that incarnation lives. */
        void deliver(long peer, ZabEvent event);
    }

    /**
     * @param minDelayMs   fastest one-way delay
     * @param maxDelayMs   slowest one-way delay without a delay fault
     * @param redialMinMs  shortest wait before a failed dial is retried
     * @param redialMaxMs  longest such wait
     */
    public record Timing(int minDelayMs, int maxDelayMs, int redialMinMs, int redialMaxMs) {
        public Timing {
            if (minDelayMs < 1 || maxDelayMs < minDelayMs || redialMinMs < 1 || redialMaxMs < redialMinMs) {
                throw new IllegalArgumentException("bad network timing " + this);
            }
        }

        public static Timing defaults() {
            return new Timing(1, 5, 200, 1000);
        }
    }

    /** Counts for the run's stats. */
    public record Stats(long sent, long delivered, long lost, long connections) {
    }

    private record Spike(long extraMs, long until) {
    }

    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final Timing timing;
    private final Trace trace;
    private final Endpoints endpoints;
    private final Map<Long, PeerPair> pairs = new TreeMap<>();
    private final Map<Long, Spike> spikes = new HashMap<>();
    private long sent;
    private long delivered;
    private long lost;
    private long connections;

    public Network(Collection<Long> servers, Scheduler scheduler, SplittableRandom random, Timing timing, Trace trace,
                   Endpoints endpoints) {
        this.scheduler = scheduler;
        this.random = random;
        this.timing = timing;
        this.trace = trace;
        this.endpoints = endpoints;
        List<Long> ids = new ArrayList<>(Set.copyOf(servers));
        ids.sort(null);
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                pairs.put(key(ids.get(i), ids.get(j)), new PeerPair(ids.get(i), ids.get(j)));
            }
        }
    }

    public Stats stats() {
        return new Stats(sent, delivered, lost, connections);
    }

    // ---- what servers do ----

    /** {@code from} sends {@code message} to {@code to}: over the connection, or queued until there is one. */
    public void send(long from, long to, PeerMessage message) {
        PeerPair pair = pair(from, to);
        sent++;
        if (pair.state == PeerPair.State.CONNECTED) {
            transmit(pair, from, message);
            return;
        }
        pair.queueFrom(from).add(message);
        if (pair.state == PeerPair.State.NONE) {
            dial(pair, from);
        }
    }

    /** {@code from} closes its connection to {@code to} (the replica's Disconnect action). */
    public void disconnect(long from, long to, String reason) {
        breakPair(pair(from, to), "S" + from + " disconnects: " + reason);
    }

    /** {@code peer} went down: every connection it had is gone. */
    public void crashed(long peer) {
        for (PeerPair pair : pairs.values()) {
            if (pair.low == peer || pair.high == peer) {
                breakPair(pair, "S" + peer + " crashed");
            }
        }
    }

    // ---- faults ----

    /** The connection between {@code a} and {@code b} drops (a reset, a closed socket). */
    public void drop(long a, long b) {
        breakPair(pair(a, b), "connection dropped");
    }

    /** Splits the servers into {@code groups}; links between groups are cut. Replaces any earlier partition. */
    public void partition(List<Set<Long>> groups) {
        Map<Long, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (long peer : groups.get(g)) {
                groupOf.put(peer, g);
            }
        }
        for (PeerPair pair : pairs.values()) {
            Integer a = groupOf.get(pair.low);
            Integer b = groupOf.get(pair.high);
            boolean cut = a == null || !a.equals(b);
            if (pair.cut && !cut) {
                heal(pair);
            }
            pair.cut = cut;
        }
        trace.add(scheduler.now(), -1, "net", "partition " + groups);
    }

    /** Every cut link is restored; each one's connection is broken so both ends learn of what was lost. */
    public void healPartition() {
        for (PeerPair pair : pairs.values()) {
            if (pair.cut) {
                pair.cut = false;
                heal(pair);
            }
        }
    }

    public boolean partitioned() {
        return pairs.values().stream().anyMatch(p -> p.cut);
    }

    /** Messages from and to {@code peer} take {@code extraMs} longer until virtual time {@code until}. */
    public void delaySpike(long peer, long extraMs, long until) {
        spikes.put(peer, new Spike(extraMs, until));
        trace.add(scheduler.now(), peer, "net", "delay spike +" + extraMs + "ms until t=" + until);
    }

    public void clearDelays() {
        spikes.clear();
    }

    // ---- internals ----

    private void heal(PeerPair pair) {
        breakPair(pair, "partition healed");
    }

    private void transmit(PeerPair pair, long from, PeerMessage message) {
        long to = pair.other(from);
        if (pair.cut) {
            lost++;
            return; // silently: a partition gives no notice
        }
        long arrival = Math.max(pair.lastArrivalFrom(from), scheduler.now() + delay(from, to));
        pair.setLastArrivalFrom(from, arrival);
        int generation = pair.generation;
        scheduler.at(arrival, () -> arrive(pair, generation, from, message));
    }

    private void arrive(PeerPair pair, int generation, long from, PeerMessage message) {
        long to = pair.other(from);
        if (pair.generation != generation || pair.cut) {
            lost++;
            return;
        }
        assert endpoints.incarnation(to) >= 0 : "a connection to a down server outlived its crash";
        delivered++;
        endpoints.deliver(to, new ZabEvent.MessageReceived(from, message));
    }

    private void dial(PeerPair pair, long dialer) {
        pair.state = PeerPair.State.DIALING;
        int generation = pair.generation;
        trace.add(scheduler.now(), dialer, "net", "dials S" + pair.other(dialer));
        scheduler.after(delay(dialer, pair.other(dialer)), () -> dialArrives(pair, generation, dialer));
    }

    private void dialArrives(PeerPair pair, int generation, long dialer) {
        if (pair.generation != generation || pair.state != PeerPair.State.DIALING) {
            return; // broken meanwhile; the break told both ends
        }
        long target = pair.other(dialer);
        if (pair.cut || endpoints.incarnation(target) < 0 || endpoints.incarnation(dialer) < 0) {
            pair.state = PeerPair.State.NONE;
            trace.add(scheduler.now(), dialer, "net", "dial to S" + target + " failed ("
                    + (pair.cut ? "partitioned" : "S" + target + " is down") + ")");
            scheduleRedial(pair);
            return;
        }
        if (dialer > target) {
            connected(pair, dialer);
        } else {
            trace.add(scheduler.now(), target, "net", "closes the connection S" + dialer
                    + " dialed (only the larger id's survives) and dials back");
            scheduler.after(delay(target, dialer), () -> dialArrives(pair, generation, target));
        }
    }

    private void scheduleRedial(PeerPair pair) {
        int generation = pair.generation;
        long wait = timing.redialMinMs() + random.nextInt(timing.redialMaxMs() - timing.redialMinMs() + 1);
        scheduler.after(wait, () -> {
            if (pair.generation == generation && pair.state == PeerPair.State.NONE && pair.hasQueued()) {
                long dialer = pair.queueFrom(pair.high).isEmpty() ? pair.low : pair.high;
                if (endpoints.incarnation(dialer) >= 0) {
                    dial(pair, dialer);
                }
            }
        });
    }

    private void connected(PeerPair pair, long dialer) {
        pair.state = PeerPair.State.CONNECTED;
        connections++;
        trace.add(scheduler.now(), -1, "net", pair + " connected (dialed by S" + dialer + ")");
        for (long sender : new long[] {pair.low, pair.high}) {
            while (!pair.queueFrom(sender).isEmpty()) {
                transmit(pair, sender, pair.queueFrom(sender).poll());
            }
        }
    }

    private void breakPair(PeerPair pair, String reason) {
        int queued = pair.queueFrom(pair.low).size() + pair.queueFrom(pair.high).size();
        lost += queued;
        pair.reset();
        trace.add(scheduler.now(), -1, "net", pair + " broken: " + reason);
        for (long end : new long[] {pair.low, pair.high}) {
            long incarnation = endpoints.incarnation(end);
            if (incarnation >= 0) {
                ZabEvent.Disconnected event = new ZabEvent.Disconnected(pair.other(end));
                scheduler.after(0, () -> {
                    if (endpoints.incarnation(end) == incarnation) {
                        endpoints.deliver(end, event);
                    }
                });
            }
        }
    }

    private long delay(long from, long to) {
        long delay = timing.minDelayMs() + random.nextInt(timing.maxDelayMs() - timing.minDelayMs() + 1);
        return delay + spike(from) + spike(to);
    }

    private long spike(long peer) {
        Spike s = spikes.get(peer);
        return s != null && scheduler.now() < s.until() ? s.extraMs() : 0;
    }

    private PeerPair pair(long a, long b) {
        PeerPair pair = pairs.get(key(Math.min(a, b), Math.max(a, b)));
        if (pair == null) {
            throw new IllegalArgumentException("no link between S" + a + " and S" + b);
        }
        return pair;
    }

    private static long key(long low, long high) {
        return low << 32 | high;
    }
}
