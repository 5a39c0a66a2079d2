package io.paddock.core.zab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fast Leader Election as one replica runs it (seed 003): a logical clock per election round, votes ordered
 * by {@link Vote#TOTAL_ORDER}, notifications exchanged with every voter, termination when a quorum of voters
 * agrees and no better vote arrives within the finalize wait. Pure: messages go out as {@link ZabAction.Send}
 * into the list the caller passes, time enters as {@link #onTick}.
 *
 * <p>It follows ZooKeeper 3.9's FastLeaderElection (lookForLeader and its WorkerReceiver), with time in ticks.
 * A server is either LOOKING (between {@link #lookForLeader} and a result) or settled on the result of its last
 * election; a settled server keeps answering LOOKING servers with the vote it settled on, which is how a server
 * that starts late finds the established leader. Deliberate differences from ZooKeeper are marked "unlike
 * ZooKeeper" where they happen.
 *
 * <p>FLE alone does not guarantee a single leader: a vote lost or delayed past the finalize wait can let two
 * quorums agree on different leaders in the same round. Zab's discovery (a leader needs a quorum of followers)
 * is what makes the result safe.
 */
public final class FastLeaderElection {

    /** What a non-voter proposes: no one (ZooKeeper's getInitId, with zxid and epoch at their minimum too). */
    public static final long NO_CANDIDATE = Long.MIN_VALUE;

    private static final int NOT_FINALIZING = -1;

    /** The election's result: the leader's vote, and the state this server takes (LEADING, FOLLOWING, OBSERVING). */
    public record Elected(Vote vote, PeerState state) {
        public Elected {
            Objects.requireNonNull(vote, "vote");
            Objects.requireNonNull(state, "state");
            if (state == PeerState.LOOKING) {
                throw new IllegalArgumentException("an election ends in LEADING, FOLLOWING or OBSERVING");
            }
        }
    }

    private final ZabConfig config;
    private final QuorumConfig quorum;
    private final long myId;
    private final boolean voter;

    /** The round this server is in; only ever moves forward. 0 until the first {@link #lookForLeader}. */
    private long logicalClock;
    private boolean looking;
    /** The last election's result; null while LOOKING and before the first round. */
    private Elected settled;

    // ---- the round in progress ----
    private long initialLeader;
    private long initialZxid;
    private long initialEpoch;
    private long proposedLeader;
    private long proposedZxid;
    private long proposedEpoch;
    /** Votes heard in the current round (ZooKeeper's recvset), this server's own included when it votes. */
    private final VoteTally received = new VoteTally();
    /** Announcements of servers that left the election, from any round (ZooKeeper's outofelection). */
    private final VoteTally outOfElection = new VoteTally();
    /** Ticks until the decision while a quorum agrees with the proposal; NOT_FINALIZING otherwise. */
    private int finalizeTicksLeft = NOT_FINALIZING;
    private int quietTicks;
    private int resendIntervalTicks;

    public FastLeaderElection(ZabConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.quorum = config.quorum();
        this.myId = config.serverId();
        this.voter = quorum.isVoter(myId);
    }

    // ---- queries ----

    /** Whether this server is LOOKING (between {@link #lookForLeader} and a result). */
    public boolean looking() {
        return looking;
    }

    /** The election round this server is in (0 before its first election). Never decreases. */
    public long logicalClock() {
        return logicalClock;
    }

    /** The state this server announces: LOOKING while electing (or before the first election), else the result's. */
    public PeerState state() {
        return settled == null ? PeerState.LOOKING : settled.state();
    }

    /** The last election's result, if this server is settled. */
    public Optional<Elected> settled() {
        return Optional.ofNullable(settled);
    }

    /**
     * The vote this server announces: its proposal while LOOKING, the vote it settled on otherwise.
     *
     * @throws IllegalStateException before the first {@link #lookForLeader}
     */
    public Vote currentVote() {
        if (looking) {
            return proposal();
        }
        if (settled == null) {
            throw new IllegalStateException("no vote before the first election");
        }
        return settled.vote();
    }

    // ---- events ----

    /**
     * Starts a new round: the logical clock moves on, this server votes for itself (an observer votes for no
     * one) with its last logged zxid and current epoch, and tells every voter. Never decides by itself: when this
     * server's own vote is already a quorum (a single voter), the decision comes from {@link #onTick} once the
     * finalize wait is over.
     */
    public void lookForLeader(long lastLoggedZxid, long currentEpoch, List<ZabAction> out) {
        advanceClockTo(Math.addExact(logicalClock, 1));
        looking = true;
        settled = null;
        initialLeader = voter ? myId : NO_CANDIDATE;
        initialZxid = voter ? lastLoggedZxid : Long.MIN_VALUE;
        initialEpoch = voter ? currentEpoch : Long.MIN_VALUE;
        received.clear();
        outOfElection.clear();
        propose(initialVote());
        finalizeTicksLeft = NOT_FINALIZING;
        quietTicks = 0;
        resendIntervalTicks = 1;
        broadcast(out);
        if (received.quorumAgrees(ownBallot(), quorum)) {
            finalizeTicksLeft = config.finalizeWaitTicks();
        }
    }

    /**
     * A notification from {@code from} (the server at the other end of the link; the notification's own sender
     * field is not trusted). While LOOKING it may change this server's vote and may end the election (then the
     * result is returned and this server is no longer LOOKING). While settled, a LOOKING sender is answered
     * with the vote this server settled on.
     */
    public Optional<Elected> onNotification(long from, PeerMessage.Notification notification, List<ZabAction> out) {
        Objects.requireNonNull(notification, "notification");
        if (logicalClock == 0) {
            return Optional.empty(); // not started: no vote to answer with
        }
        if (!quorum.isVoter(from)) {
            answerNonVoter(from, notification, out);
            return Optional.empty();
        }
        if (!looking) {
            if (notification.state() == PeerState.LOOKING) {
                send(from, settledNotification(), out);
            }
            return Optional.empty();
        }
        return onVoterWhileLooking(from, notification, out);
    }

    /** A tick: ends the finalize wait, re-sends notifications when the round is quiet. */
    public Optional<Elected> onTick(List<ZabAction> out) {
        if (!looking) {
            return Optional.empty();
        }
        if (finalizeTicksLeft != NOT_FINALIZING) {
            if (finalizeTicksLeft > 0) {
                finalizeTicksLeft--;
            }
            return finalizeTicksLeft == 0 ? Optional.of(decide(proposal())) : Optional.empty();
        }
        quietTicks++;
        if (quietTicks >= resendIntervalTicks) {
            // ZooKeeper re-sends when its poll for a notification times out, and doubles the timeout each time
            broadcast(out);
            quietTicks = 0;
            resendIntervalTicks = (int) Math.min(2L * resendIntervalTicks, config.maxNotificationIntervalTicks());
        }
        return Optional.empty();
    }

    /**
     * The connection to {@code peer} was lost (a new one replaces it): while LOOKING, tell that voter our vote
     * again at once, as ZooKeeper's connection manager re-sends its last message on every new connection.
     * Without it a server that was cut off waits out its doubled re-send interval after the network heals.
     */
    public void onConnectionLost(long peer, List<ZabAction> out) {
        if (looking && peer != myId && quorum.isVoter(peer)) {
            send(peer, lookingNotification(), out);
        }
    }

    /**
     * Once this server serves in {@code newEpoch} (a leader established, or a learner synced), the vote it
     * answers LOOKING servers with names that epoch, so every member of the ensemble announces the same vote
     * to a newcomer (ZooKeeper's updateElectionVote, ZOOKEEPER-1732).
     */
    public void updateSettledEpoch(long newEpoch) {
        if (settled == null) {
            throw new IllegalStateException("not settled");
        }
        Vote v = settled.vote();
        settled = new Elected(new Vote(v.proposedLeader(), v.proposedZxid(), v.electionEpoch(), newEpoch,
                v.configVersion()), settled.state());
    }

    // ---- the election loop ----

    private Optional<Elected> onVoterWhileLooking(long from, PeerMessage.Notification n, List<ZabAction> out) {
        Vote vote = n.vote();
        if (voter && n.state() == PeerState.LOOKING && vote.electionEpoch() < logicalClock) {
            // pull the laggard into this round. Unlike ZooKeeper an observer does not: voters never count its
            // round, and its answer could bounce between it and a voter for ever
            send(from, lookingNotification(), out);
        }
        quietTicks = 0;
        if (!quorum.isVoter(vote.proposedLeader())) {
            return Optional.empty(); // a vote for a non-voter is noise
        }
        if (finalizeTicksLeft != NOT_FINALIZING) {
            boolean newerRound = n.state() == PeerState.LOOKING && vote.electionEpoch() > logicalClock;
            if (!newerRound && !vote.isBetterThan(proposal(), quorum)) {
                return Optional.empty(); // ZooKeeper drops what is not better while it waits to finalize
            }
            // Unlike ZooKeeper, a LOOKING voter in a newer round ends the wait even with a vote that is not
            // better: it has left this round, so the quorum being waited on may already be gone. Deciding anyway
            // strands the servers of the newer round, which never count this round's votes: a server that
            // follows there is answered with an old round and never joined, and the one it elected never leads
            finalizeTicksLeft = NOT_FINALIZING;
        }
        return switch (n.state()) {
            case LOOKING -> onLookingVoter(from, vote, out);
            case FOLLOWING, LEADING -> onVoterOutOfElection(from, n.state(), vote);
            case OBSERVING -> Optional.empty();
        };
    }

    private Optional<Elected> onLookingVoter(long from, Vote vote, List<ZabAction> out) {
        if (initialZxid == -1 || vote.proposedZxid() == -1) {
            return Optional.empty(); // ZooKeeper's marker of a server that has no history to offer yet
        }
        if (vote.electionEpoch() > logicalClock) {
            advanceClockTo(vote.electionEpoch());
            received.clear();
            Vote initial = initialVote();
            propose(vote.isBetterThan(initial, quorum) ? vote : initial);
            broadcast(out);
        } else if (vote.electionEpoch() < logicalClock) {
            return Optional.empty();
        } else if (vote.isBetterThan(proposal(), quorum)) {
            propose(vote);
            broadcast(out);
        }
        received.record(from, vote, PeerState.LOOKING);
        if (!received.quorumAgrees(ownBallot(), quorum)) {
            return Optional.empty();
        }
        if (config.finalizeWaitTicks() == 0) {
            return Optional.of(decide(proposal()));
        }
        finalizeTicksLeft = config.finalizeWaitTicks();
        return Optional.empty();
    }

    /** A voter that left the election announces whom it follows or that it leads. */
    private Optional<Elected> onVoterOutOfElection(long from, PeerState state, Vote vote) {
        VoteTally.Ballot ballot = new VoteTally.Ballot(vote, state);
        long leader = vote.proposedLeader();
        if (vote.electionEpoch() == logicalClock) {
            received.record(from, vote, state);
            if (received.quorumAgrees(ballot, quorum)
                    && received.leaderConfirmed(leader, vote.electionEpoch(), myId, logicalClock)) {
                return Optional.of(decide(vote));
            }
        }
        // an ensemble that runs already: join it whatever round it was elected in
        outOfElection.record(from, vote, state);
        if (outOfElection.quorumAgrees(ballot, quorum)
                && outOfElection.leaderConfirmed(leader, vote.electionEpoch(), myId, logicalClock)) {
            // ZooKeeper sets its clock to the ensemble's round even when that moves it back; the clock here
            // only moves forward, which costs nothing: whoever is behind adopts the higher round next time
            advanceClockTo(Math.max(logicalClock, vote.electionEpoch()));
            return Optional.of(decide(vote));
        }
        return Optional.empty();
    }

    private Elected decide(Vote vote) {
        long leader = vote.proposedLeader();
        if (!quorum.isVoter(leader)) {
            throw new IllegalStateException("elected " + leader + ", which is not a voter of config " + quorum.version());
        }
        PeerState state = leader == myId ? PeerState.LEADING : voter ? PeerState.FOLLOWING : PeerState.OBSERVING;
        settled = new Elected(new Vote(leader, vote.proposedZxid(), vote.electionEpoch(), vote.peerEpoch(),
                quorum.version()), state);
        looking = false;
        received.clear();
        outOfElection.clear();
        finalizeTicksLeft = NOT_FINALIZING;
        return settled;
    }

    // ---- votes ----

    private void propose(Vote vote) {
        proposedLeader = vote.proposedLeader();
        proposedZxid = vote.proposedZxid();
        proposedEpoch = vote.peerEpoch();
        if (voter) {
            received.record(myId, proposal(), PeerState.LOOKING); // ZooKeeper's notification to itself
        }
    }

    private Vote initialVote() {
        return new Vote(initialLeader, initialZxid, logicalClock, initialEpoch, quorum.version());
    }

    private Vote proposal() {
        return new Vote(proposedLeader, proposedZxid, logicalClock, proposedEpoch, quorum.version());
    }

    private VoteTally.Ballot ownBallot() {
        return new VoteTally.Ballot(proposal(), PeerState.LOOKING);
    }

    private void advanceClockTo(long round) {
        if (round < logicalClock) {
            throw new IllegalStateException("logical clock would move back from " + logicalClock + " to " + round);
        }
        logicalClock = round;
    }

    // ---- messages ----

    /** Observers and strangers are answered, never counted; unlike ZooKeeper only while they are LOOKING, by voters. */
    private void answerNonVoter(long from, PeerMessage.Notification n, List<ZabAction> out) {
        if (voter && n.state() == PeerState.LOOKING) {
            send(from, looking ? lookingNotification() : settledNotification(), out);
        }
    }

    private void broadcast(List<ZabAction> out) {
        for (long peer : quorum.voters()) {
            if (peer != myId) {
                send(peer, lookingNotification(), out);
            }
        }
    }

    private PeerMessage.Notification lookingNotification() {
        assert looking;
        return notification(PeerState.LOOKING, proposal());
    }

    private PeerMessage.Notification settledNotification() {
        assert settled != null;
        return notification(settled.state(), settled.vote());
    }

    private PeerMessage.Notification notification(PeerState state, Vote vote) {
        byte[] configText = Long.toString(quorum.version()).getBytes(StandardCharsets.UTF_8);
        return new PeerMessage.Notification(state, myId, vote, configText);
    }

    private void send(long to, PeerMessage.Notification n, List<ZabAction> out) {
        assert to != myId : "a server never sends itself a notification";
        out.add(new ZabAction.Send(to, n));
    }
}
