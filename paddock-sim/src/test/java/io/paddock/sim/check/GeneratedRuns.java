package io.paddock.sim.check;

import io.paddock.sim.history.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates long correct histories of a three-peer ensemble: each epoch a peer holding every committed txn leads,
 * syncs each follower by DIFF, TRUNC or SNAP as its history requires, broadcasts, and sometimes leaves an
 * unacknowledged proposal behind and crashes (restarting from a snapshot). One peer per epoch lags (gets nothing
 * after sync). The shape, not the timing, is what the checkers judge.
 */
final class GeneratedRuns {
    private static final List<Long> PEERS = List.of(1L, 2L, 3L);
    private static final int SNAPSHOT_EVERY = 100;

    private final Random random;
    private final TraceBuilder trace = new TraceBuilder();
    private final Map<Long, List<Tx>> logs = new HashMap<>();
    private final Map<Long, Integer> deliveredCount = new HashMap<>();
    private final List<Tx> committed = new ArrayList<>();
    private long now;

    private GeneratedRuns(long seed) {
        random = new Random(seed);
        PEERS.forEach(p -> {
            logs.put(p, new ArrayList<>());
            deliveredCount.put(p, 0);
        });
    }

    static List<Observation> healthy(long seed, int epochs, int txnsPerEpoch) {
        GeneratedRuns run = new GeneratedRuns(seed);
        long leader = 1;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            leader = run.epoch(epoch, leader, txnsPerEpoch);
        }
        return run.trace.build();
    }

    /** Runs one epoch led by {@code leader}; returns a peer fit to lead the next. */
    private long epoch(long epoch, long leader, int txns) {
        tick();
        trace.leads(leader, epoch);
        List<Long> followers = PEERS.stream().filter(p -> p != leader).toList();
        followers.forEach(f -> trace.follows(f, leader, epoch));
        List<Tx> history = logs.get(leader);
        for (long f : followers) {
            sync(f, history);
        }
        long last = history.isEmpty() ? 0 : history.getLast().zxid();
        trace.established(leader, epoch, last);
        committed.clear();
        committed.addAll(history);
        followers.forEach(f -> trace.synced(f, leader, epoch, last));
        PEERS.forEach(this::catchUp);

        long laggard = followers.get(random.nextInt(followers.size()));
        long partner = followers.stream().filter(f -> f != laggard).findFirst().orElseThrow();
        for (int i = 1; i <= txns; i++) {
            tick();
            Tx t = Tx.of(Tx.z(epoch, i), "e" + epoch + "s" + random.nextInt(1000));
            log(leader, t);
            log(partner, t);
            committed.add(t);
            catchUp(leader);
            catchUp(partner);
        }
        PEERS.forEach(p -> trace.durable(p, logs.get(p).isEmpty() ? 0 : logs.get(p).getLast().zxid()));
        if (random.nextBoolean()) {
            log(leader, Tx.of(Tx.z(epoch, txns + 1), "unacked"));
            tick();
            crashAndRestart(leader);
            return partner;
        }
        PEERS.forEach(trace::looks);
        return random.nextBoolean() ? leader : partner;
    }

    private void sync(long follower, List<Tx> history) {
        List<Tx> mine = logs.get(follower);
        int common = 0;
        while (common < mine.size() && common < history.size() && mine.get(common).equals(history.get(common))) {
            common++;
        }
        if (random.nextInt(4) == 0 && !committed.isEmpty()) {
            // the leader's tree is at some committed zxid at or past what the follower shares with it (a snapshot
            // only ever drops the follower's diverged, uncommitted tail)
            int lowest = Math.max(common, 1);
            int upTo = lowest + random.nextInt(committed.size() - lowest + 1);
            long zxid = committed.get(upTo - 1).zxid();
            trace.snapshots(follower, zxid);
            mine.clear();
            mine.addAll(history.subList(0, upTo));
            deliveredCount.put(follower, upTo);
            common = upTo;
        } else if (common < mine.size()) {
            trace.truncates(follower, common == 0 ? 0 : history.get(common - 1).zxid());
            mine.subList(common, mine.size()).clear();
        }
        for (Tx t : history.subList(common, history.size())) {
            log(follower, t);
        }
    }

    private void crashAndRestart(long peer) {
        trace.crashes(peer);
        int delivered = deliveredCount.get(peer);
        // the newest snapshot is at or a little below what it applied (snapshots are taken every so often)
        int snapshot = Math.max(0, delivered - random.nextInt(SNAPSHOT_EVERY));
        long snapshotZxid = snapshot == 0 ? 0 : committed.get(snapshot - 1).zxid();
        List<Tx> log = logs.get(peer);
        Long[] tail = log.subList(snapshot, log.size()).stream().map(Tx::zxid).toArray(Long[]::new);
        trace.restarts(peer, snapshotZxid, tail);
        deliveredCount.put(peer, snapshot);
        PEERS.forEach(trace::looks);
    }

    private void log(long peer, Tx t) {
        trace.logs(peer, t);
        logs.get(peer).add(t);
    }

    private void catchUp(long peer) {
        int from = deliveredCount.get(peer);
        List<Tx> mine = logs.get(peer);
        int to = from;
        while (to < committed.size() && to < mine.size() && mine.get(to).equals(committed.get(to))) {
            trace.delivers(peer, committed.get(to));
            to++;
        }
        deliveredCount.put(peer, to);
    }

    private void tick() {
        now += 10;
        trace.at(now);
    }
}
