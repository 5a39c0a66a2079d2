package io.paddock.sim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a run did, one line per delivered event, executed action, network and storage step. Lines are kept as
 * their parts and formatted only when read, so a run that passes pays almost nothing for its trace. With a
 * positive capacity only the newest lines are kept (a ring); 0 keeps everything.
 */
public final class Trace {
    /** {@code subject} is a ZabEvent, a ZabAction, or text; {@link Describe} turns it into words. */
    private record Line(long time, long peer, String verb, Object subject) {
        String format() {
            String who = peer < 0 ? "   " : "S" + peer;
            return "t=" + time + " " + who + " " + verb + " " + Describe.any(subject);
        }
    }

    private final int capacity;
    private final List<Line> lines;
    private int head;
    private long total;

    public Trace(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayList<>(capacity == 0 ? 1024 : Math.min(capacity, 1 << 16));
    }

    /** {@code peer} -1: about no single server (network, faults). */
    public void add(long time, long peer, String verb, Object subject) {
        Line line = new Line(time, peer, verb, subject);
        total++;
        if (capacity == 0 || lines.size() < capacity) {
            lines.add(line);
        } else {
            lines.set(head, line);
            head = (head + 1) % capacity;
        }
    }

    /** Lines written in the whole run, including those the ring has dropped. */
    public long total() {
        return total;
    }

    /** The newest {@code count} lines kept, oldest first. */
    public List<String> tail(int count) {
        List<String> out = new ArrayList<>();
        int kept = lines.size();
        for (int i = Math.max(0, kept - count); i < kept; i++) {
            out.add(lines.get((head + i) % kept).format());
        }
        return out;
    }

    /** Every line kept, oldest first. */
    public void forEach(Consumer<String> sink) {
        int kept = lines.size();
        for (int i = 0; i < kept; i++) {
            sink.accept(lines.get((head + i) % kept).format());
        }
    }

    public List<String> all() {
        return tail(lines.size());
    }
}
