package io.paddock.core.zab;

import io.paddock.core.zab.FastLeaderElection.Elected;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Several elections wired together by a network the test controls: messages in flight are delivered in an
 * order drawn from a seeded Random, may be dropped, and every one travels encoded through
 * {@link PeerMessageCodec}. Records every vote each server proposed and every decision, so a test can check
 * each decision against the votes that could have backed it.
 */
final class ElectionNetwork {
    record InFlight(long from, long to, byte[] bytes) {
    }

    /** A proposal as it matters for a LOOKING quorum: leader, zxid, round and epoch (not the config version). */
    record Cast(long leader, long zxid, long round, long peerEpoch) {
        static Cast of(Vote v) {
            return new Cast(v.proposedLeader(), v.proposedZxid(), v.electionEpoch(), v.peerEpoch());
        }
    }

    final QuorumConfig quorum;
    final Map<Long, FastLeaderElection> servers = new TreeMap<>();
    final List<InFlight> inFlight = new ArrayList<>();
    final Map<Long, Elected> decisions = new TreeMap<>();
    private final Map<Long, Set<Cast>> proposed = new TreeMap<>();
    /** Every (leader, epoch) each server ever settled on; a restarted server's old announcements may still count. */
    private final Map<Long, Set<List<Long>>> settledOn = new TreeMap<>();
    private final Random random;
    private final List<String> violations = new ArrayList<>();

    ElectionNetwork(QuorumConfig quorum, int finalizeWaitTicks, int maxIntervalTicks, long seed) {
        this.quorum = quorum;
        this.random = new Random(seed);
        for (long id : quorum.members().keySet()) {
            servers.put(id, new FastLeaderElection(new ZabConfig(id, quorum, 10, 5, finalizeWaitTicks, maxIntervalTicks, 100)));
            proposed.put(id, new HashSet<>());
            settledOn.put(id, new HashSet<>());
        }
    }

    Random random() {
        return random;
    }

    /** Starts a round at {@code id}; what it sends is put in flight unless {@code lose}. */
    void lookForLeader(long id, long lastZxid, long epoch, boolean lose) {
        List<ZabAction> out = new ArrayList<>();
        FastLeaderElection fle = servers.get(id);
        fle.lookForLeader(lastZxid, epoch, out);
        decisions.remove(id);
        after(id, true, Optional.empty(), out, lose, false);
    }

    boolean anyLooking() {
        return servers.values().stream().anyMatch(FastLeaderElection::looking);
    }

    /** Delivers (or drops) one message chosen at random. */
    void deliverOne(double dropProbability) {
        InFlight m = inFlight.remove(random.nextInt(inFlight.size()));
        if (random.nextDouble() < dropProbability) {
            return;
        }
        PeerMessage decoded = PeerMessageCodec.decode(m.bytes());
        List<ZabAction> out = new ArrayList<>();
        FastLeaderElection to = servers.get(m.to());
        boolean wasLooking = to.looking();
        Optional<Elected> result = to.onNotification(m.from(), (PeerMessage.Notification) decoded, out);
        // a LOOKING notification can change the vote and decide on it in one call: that vote was cast too
        after(m.to(), wasLooking, result, out, false, ((PeerMessage.Notification) decoded).state() == PeerState.LOOKING);
    }

    void tick(long id) {
        List<ZabAction> out = new ArrayList<>();
        boolean wasLooking = servers.get(id).looking();
        Optional<Elected> result = servers.get(id).onTick(out);
        after(id, wasLooking, result, out, false, true);
    }

    void tickAll() {
        List<Long> ids = new ArrayList<>(servers.keySet());
        Collections.shuffle(ids, random);
        ids.forEach(this::tick);
    }

    List<String> violations() {
        return violations;
    }

    private void after(long id, boolean wasLooking, Optional<Elected> result, List<ZabAction> out, boolean lose,
            boolean decisionIsOwnVote) {
        FastLeaderElection fle = servers.get(id);
        for (ZabAction a : out) {
            ZabAction.Send send = (ZabAction.Send) a;
            if (send.to() == id) {
                violations.add(id + " sent to itself");
            }
            if (!lose) {
                inFlight.add(new InFlight(id, send.to(), PeerMessageCodec.encode(send.message())));
            }
        }
        if (fle.looking()) {
            proposed.get(id).add(Cast.of(fle.currentVote()));
        }
        result.ifPresent(r -> {
            if (decisionIsOwnVote) {
                proposed.get(id).add(Cast.of(r.vote()));
            }
            checkBacked(id, r);
            decisions.put(id, r);
            settledOn.get(id).add(List.of(r.vote().proposedLeader(), r.vote().peerEpoch()));
        });
        boolean decidedNow = wasLooking && !fle.looking();
        if (result.isPresent() != decidedNow) {
            violations.add(id + " returned " + result + " going from looking=" + wasLooking + " to " + fle.looking());
        }
    }

    /**
     * A decision must be backed by a quorum of voters, each of which either proposed exactly that vote in
     * that round or had itself settled on that leader in that epoch; the winner is a voter, and the state
     * taken matches the decider's role.
     */
    private void checkBacked(long id, Elected r) {
        Vote v = r.vote();
        Cast cast = Cast.of(v);
        Set<Long> backers = new HashSet<>();
        for (long voter : quorum.voters()) {
            boolean settledOnIt = settledOn.get(voter).contains(List.of(v.proposedLeader(), v.peerEpoch()));
            if (proposed.get(voter).contains(cast) || settledOnIt) {
                backers.add(voter);
            }
        }
        if (!quorum.isQuorum(backers)) {
            violations.add(id + " decided " + r + " backed only by " + backers);
        }
        if (!quorum.isVoter(v.proposedLeader())) {
            violations.add(id + " elected non-voter " + v.proposedLeader());
        }
        PeerState expected = v.proposedLeader() == id ? PeerState.LEADING
                : quorum.isVoter(id) ? PeerState.FOLLOWING : PeerState.OBSERVING;
        if (r.state() != expected) {
            violations.add(id + " took " + r.state() + " for " + v);
        }
    }
}
