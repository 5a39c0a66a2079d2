package io.paddock.core.zab;

import java.util.List;
import java.util.Optional;

/**
 * Fast Leader Election as one replica runs it (seed 003): a logical clock per election round, votes ordered
 * by {@link Vote#TOTAL_ORDER}, notifications exchanged with every voter, termination when a quorum of voters
 * agrees and no better vote arrives within the finalize wait. Pure: messages go out as {@link ZabAction.Send}
 * into the list the caller passes, time enters as {@link #onTick}.
 *
 * <p>PLACEHOLDER CONTRACT — being implemented; every method throws until then.
 */
public final class FastLeaderElection {

    /** The election's result: the leader's vote, and the state this server takes (LEADING, FOLLOWING, OBSERVING). */
    public record Elected(Vote vote, PeerState state) {
    }

    public FastLeaderElection(ZabConfig config) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Starts a new round: the logical clock moves on, this server votes for itself (an observer votes for no
     * one) with its last logged zxid and current epoch, and tells every voter.
     */
    public void lookForLeader(long lastLoggedZxid, long currentEpoch, List<ZabAction> out) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * A notification from {@code from}. While LOOKING it may change this server's vote and may end the election
     * (then the result is returned and this server is no longer LOOKING). While settled, a LOOKING sender is
     * answered with the vote this server settled on.
     */
    public Optional<Elected> onNotification(long from, PeerMessage.Notification notification, List<ZabAction> out) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A tick: ends the finalize wait, re-sends notifications when the round is quiet. */
    public Optional<Elected> onTick(List<ZabAction> out) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Whether this server is LOOKING (between {@link #lookForLeader} and a result). */
    public boolean looking() {
        throw new UnsupportedOperationException("not built yet");
    }
}
