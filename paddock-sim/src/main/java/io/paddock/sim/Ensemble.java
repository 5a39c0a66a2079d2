package io.paddock.sim;

import io.paddock.core.zab.MemberRole;
import io.paddock.core.zab.QuorumConfig;
import io.paddock.core.zab.QuorumMember;
import io.paddock.core.zab.ZabConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The servers of one run: ids 1..n, the voters first, then the observers, and the Zab settings they share. */
public record Ensemble(QuorumConfig quorum) {
    /** Short for the simulator's tick of 100 ms: limits small enough that timeouts and SNAP/TRUNC syncs happen. */
    static final int INIT_LIMIT_TICKS = 10;
    static final int SYNC_LIMIT_TICKS = 5;
    static final int FINALIZE_WAIT_TICKS = 2;
    static final int MAX_NOTIFICATION_INTERVAL_TICKS = 20;
    static final int COMMITTED_LOG_WINDOW = 50;

    /** {@code voters} 0: 3 or 5 at random; {@code observers} -1: none or one at random (one time in three). */
    public static Ensemble choose(SplittableRandom random, int voters, int observers) {
        int v = voters > 0 ? voters : (random.nextBoolean() ? 3 : 5);
        int o = observers >= 0 ? observers : (random.nextInt(3) == 0 ? 1 : 0);
        List<QuorumMember> members = new ArrayList<>();
        for (int id = 1; id <= v + o; id++) {
            MemberRole role = id <= v ? MemberRole.PARTICIPANT : MemberRole.OBSERVER;
            members.add(new QuorumMember(id, role, "s" + id + ":2888", "s" + id + ":3888", "s" + id + ":2181"));
        }
        return new Ensemble(QuorumConfig.of(0, members.toArray(QuorumMember[]::new)));
    }

    public List<Long> ids() {
        return List.copyOf(quorum.members().keySet());
    }

    public int voterCount() {
        return quorum.voters().size();
    }

    public boolean isVoter(long id) {
        return quorum.isVoter(id);
    }

    public ZabConfig configFor(long id) {
        return new ZabConfig(id, quorum, INIT_LIMIT_TICKS, SYNC_LIMIT_TICKS, FINALIZE_WAIT_TICKS,
                MAX_NOTIFICATION_INTERVAL_TICKS, COMMITTED_LOG_WINDOW);
    }

    @Override
    public String toString() {
        return quorum.voters().size() + " voters" + (quorum.observers().isEmpty() ? ""
                : " + " + quorum.observers().size() + " observer" + (quorum.observers().size() > 1 ? "s" : ""));
    }
}
