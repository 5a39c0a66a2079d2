package io.paddock.core.zab;

/**
 * The test tree's only door to {@link Breakage}: scenario tests in other packages name a protection to remove and
 * hand over the replica. Lives in the test sources, so nothing in production can switch a breakage on.
 */
public final class ProtocolBreakages {
    /** Mirrors {@link Breakage}, constant for constant (checked by {@code ProtocolBreakagesTest}). */
    public enum Switch {
        ACK_NEWLEADER_BEFORE_DURABLE,
        PERSIST_SYNC_AT_UPTODATE,
        PROPOSAL_ACKS_OVERTAKE_NEWLEADER,
        OBSERVERS_COUNT_IN_QUORUM,
        KEEP_HISTORY_ACROSS_TRUNC,
        ROLE_ACTS_AFTER_LEAVE,
        ACK_PROPOSAL_BEFORE_DURABLE
    }

    private ProtocolBreakages() {
    }

    public static void apply(Replica replica, Switch s) {
        replica.breakForTesting(Breakage.valueOf(s.name()));
    }
}
