package io.paddock.core.zab.scenario;

import io.paddock.core.tree.DataTree;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.RecoveredHistory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One server's storage as a scenario drives it: appended txns wait in a queue until the script completes them
 * ({@link #completeOne}) or a barrier flushes them; a crash loses the queue; recovery hands back exactly the durable
 * log and epochs. With {@link #auto} every write completes at once. A {@link #lying} disk is the deliberately broken
 * stand-in: it reports each append durable at once and its epoch barrier does not flush the queue, so a crash loses
 * txns the replica was told were durable (the shape of ZOOKEEPER-4643/4646).
 */
final class ScriptDisk {
    private final List<PeerMessage.Proposal> durable = new ArrayList<>();
    private final ArrayDeque<PeerMessage.Proposal> pending = new ArrayDeque<>();
    private long acceptedEpoch;
    private long currentEpoch;
    private final List<Long> truncated = new ArrayList<>();
    /** The highest zxid made durable but not yet reported to the replica. */
    private long unreported = -1;
    boolean auto = true;
    boolean lying;

    /** Sets what this server recovers at its first start (as if an earlier life left it on disk). */
    ScriptDisk holding(long accepted, long current, List<PeerMessage.Proposal> log) {
        durable.clear();
        durable.addAll(log);
        acceptedEpoch = accepted;
        currentEpoch = current;
        return this;
    }

    ScriptDisk manual() {
        auto = false;
        return this;
    }

    ScriptDisk lyingDisk() {
        auto = false;
        lying = true;
        return this;
    }

    RecoveredHistory recover() {
        return new RecoveredHistory(new DataTree(), Map.of(), durable, acceptedEpoch, currentEpoch);
    }

    void append(PeerMessage.Proposal p) {
        pending.add(p);
        if (auto) {
            flush();
        } else if (lying) {
            unreported = Math.max(unreported, p.zxid());
        }
    }

    void saveEpochs(long accepted, long current) {
        if (!lying) {
            flush(); // a barrier: every earlier write first
        }
        acceptedEpoch = accepted;
        currentEpoch = current;
    }

    void truncate(long zxid) {
        flush();
        durable.stream().filter(p -> p.zxid() > zxid).forEach(p -> truncated.add(p.zxid()));
        durable.removeIf(p -> p.zxid() > zxid);
    }

    /** Every zxid a TRUNC removed from the durable log, in order. */
    List<Long> truncatedZxids() {
        return List.copyOf(truncated);
    }

    Optional<Long> completeOne() {
        PeerMessage.Proposal p = pending.pollFirst();
        if (p == null) {
            return Optional.empty();
        }
        durable.add(p);
        return Optional.of(p.zxid());
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    void crash() {
        pending.clear();
        unreported = -1;
    }

    Optional<Long> takeReport() {
        long z = unreported;
        unreported = -1;
        return z < 0 ? Optional.empty() : Optional.of(z);
    }

    List<PeerMessage.Proposal> durableLog() {
        return List.copyOf(durable);
    }

    long currentEpoch() {
        return currentEpoch;
    }

    private void flush() {
        while (!pending.isEmpty()) {
            PeerMessage.Proposal p = pending.pollFirst();
            durable.add(p);
            unreported = Math.max(unreported, p.zxid());
        }
    }
}
