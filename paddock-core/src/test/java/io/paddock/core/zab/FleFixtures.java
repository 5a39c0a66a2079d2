package io.paddock.core.zab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Configs, notifications and output filters for the election tests. */
final class FleFixtures {
    static final long CONFIG_VERSION = 0x1_0000_0000L;

    private FleFixtures() {
    }

    /** A config with these voters and observers. */
    static QuorumConfig config(List<Long> voters, List<Long> observers) {
        List<QuorumMember> members = new ArrayList<>();
        voters.forEach(id -> members.add(member(id, MemberRole.PARTICIPANT)));
        observers.forEach(id -> members.add(member(id, MemberRole.OBSERVER)));
        return QuorumConfig.of(CONFIG_VERSION, members.toArray(QuorumMember[]::new));
    }

    private static QuorumMember member(long id, MemberRole role) {
        return new QuorumMember(id, role, "h" + id + ":2888", "h" + id + ":3888", "h" + id + ":2181");
    }

    static FastLeaderElection election(long me, QuorumConfig quorum, int finalizeWaitTicks, int maxIntervalTicks) {
        return new FastLeaderElection(new ZabConfig(me, quorum, 10, 5, finalizeWaitTicks, maxIntervalTicks, 100));
    }

    static Vote vote(long leader, long zxid, long round, long peerEpoch) {
        return new Vote(leader, zxid, round, peerEpoch, CONFIG_VERSION);
    }

    static PeerMessage.Notification note(PeerState state, long sender, Vote vote) {
        return new PeerMessage.Notification(state, sender, vote,
                Long.toString(CONFIG_VERSION).getBytes(StandardCharsets.UTF_8));
    }

    static PeerMessage.Notification looking(long sender, long leader, long zxid, long round, long peerEpoch) {
        return note(PeerState.LOOKING, sender, vote(leader, zxid, round, peerEpoch));
    }

    /** The notifications in {@code out}, as (recipient, notification), in order; fails on anything else. */
    static List<Sent> sent(List<ZabAction> out) {
        List<Sent> sent = new ArrayList<>();
        for (ZabAction a : out) {
            if (!(a instanceof ZabAction.Send s) || !(s.message() instanceof PeerMessage.Notification n)) {
                throw new AssertionError("election emitted " + a);
            }
            sent.add(new Sent(s.to(), n.state(), n.senderId(), n.vote(),
                    new String(n.configText(), StandardCharsets.UTF_8)));
        }
        return sent;
    }

    /** A sent notification with its config text decoded, so it compares by value. */
    record Sent(long to, PeerState state, long sender, Vote vote, String configText) {
    }
}
