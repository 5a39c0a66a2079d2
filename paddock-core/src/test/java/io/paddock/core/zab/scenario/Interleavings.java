package io.paddock.core.zab.scenario;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.Zxid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every order of one server's inputs: the next message queued for it, or the completion of its oldest pending
 * write. Everything else in the ensemble happens eagerly between two such choices (the scenario's {@code settle}).
 * Each schedule is replayed from a fresh setup, so a schedule is exactly its list of choices; its labels read as a
 * trace ("recv NewLeader", "disk 0x100000001").
 */
final class Interleavings {
    /** One explored schedule at its end: the ensemble, and what happened to the subject, in order. */
    record Outcome(Ensemble ensemble, List<String> trace) {
        int indexOf(String label) {
            return trace.indexOf(label);
        }
    }

    private enum Choice { DELIVER, PERSIST }

    private Interleavings() {
    }

    /**
     * Runs {@code check} on every schedule of {@code subject}'s inputs; returns how many there were.
     * {@code settle} runs after the setup and after every choice.
     */
    static int forEvery(Supplier<Ensemble> setup, long subject, Consumer<Ensemble> settle, Consumer<Outcome> check) {
        ArrayDeque<List<Choice>> todo = new ArrayDeque<>();
        todo.push(List.of());
        int schedules = 0;
        while (!todo.isEmpty()) {
            List<Choice> prefix = todo.pop();
            Ensemble e = setup.get();
            settle.accept(e);
            List<String> trace = new ArrayList<>();
            for (Choice c : prefix) {
                trace.add(apply(e, subject, c));
                settle.accept(e);
            }
            List<Choice> next = new ArrayList<>();
            if (e.isUp(subject) && e.hasQueuedFor(subject)) {
                next.add(Choice.DELIVER);
            }
            if (e.isUp(subject) && e.disks.get(subject).hasPending()) {
                next.add(Choice.PERSIST);
            }
            if (next.isEmpty()) {
                schedules++;
                if (schedules > 50_000) {
                    throw new AssertionError("too many schedules to explore");
                }
                try {
                    check.accept(new Outcome(e, trace));
                } catch (AssertionError failure) {
                    throw new AssertionError("schedule " + trace + ": " + failure.getMessage(), failure);
                }
                continue;
            }
            for (Choice c : next.reversed()) {
                List<Choice> longer = new ArrayList<>(prefix);
                longer.add(c);
                todo.push(longer);
            }
        }
        return schedules;
    }

    private static String apply(Ensemble e, long subject, Choice c) {
        return switch (c) {
            case DELIVER -> {
                int before = e.received.get(subject).size();
                e.deliverNextTo(subject);
                List<Ensemble.Envelope> got = e.received.get(subject);
                yield got.size() > before ? "recv " + label(got.get(before).message()) : "recv (lost)";
            }
            case PERSIST -> {
                int before = e.disks.get(subject).durableLog().size();
                e.persistOne(subject);
                yield "disk " + Zxid.hex(e.disks.get(subject).durableLog().get(before).zxid());
            }
        };
    }

    static String label(PeerMessage m) {
        return switch (m) {
            case PeerMessage.Proposal p -> "Proposal " + Zxid.hex(p.zxid());
            case PeerMessage.Commit c -> "Commit " + Zxid.hex(c.zxid());
            case PeerMessage.Ack a -> "Ack " + Zxid.hex(a.zxid());
            case PeerMessage.Diff d -> "Diff " + Zxid.hex(d.zxid());
            default -> m.getClass().getSimpleName();
        };
    }
}
