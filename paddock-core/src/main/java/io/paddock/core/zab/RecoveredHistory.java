package io.paddock.core.zab;

import io.paddock.core.tree.DataTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replica's durable state as storage hands it back at start-up: the tree of the newest snapshot (every txn in
 * it was committed when it was taken), the session timeouts of that snapshot, every txn logged after it (not
 * applied: whether they are committed is decided by the next leader), and the two epochs.
 */
public record RecoveredHistory(DataTree tree, Map<Long, Integer> sessionTimeouts, List<PeerMessage.Proposal> tail,
                               long acceptedEpoch, long currentEpoch) {
    public RecoveredHistory {
        sessionTimeouts = new LinkedHashMap<>(sessionTimeouts);
        tail = List.copyOf(tail);
        long previous = tree.lastProcessedZxid();
        for (PeerMessage.Proposal p : tail) {
            if (p.zxid() <= previous) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "logged txn 0x%x does not follow 0x%x", p.zxid(), previous));
            }
            previous = p.zxid();
        }
        if (currentEpoch > acceptedEpoch) {
            throw new IllegalArgumentException("currentEpoch " + currentEpoch + " above acceptedEpoch " + acceptedEpoch);
        }
    }

    public static RecoveredHistory empty() {
        return new RecoveredHistory(new DataTree(), Map.of(), List.of(), 0, 0);
    }

    public long lastZxid() {
        return tail.isEmpty() ? tree.lastProcessedZxid() : tail.get(tail.size() - 1).zxid();
    }
}
