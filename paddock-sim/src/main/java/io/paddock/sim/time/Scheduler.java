package io.paddock.sim.time;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Virtual time and the one queue of everything that will happen. Tasks run one at a time on the caller's thread,
 * ordered by (time, order of scheduling): two tasks due at the same virtual millisecond run in the order they were
 * scheduled, so a run is a pure function of its seed.
 */
public final class Scheduler {
    private record Entry(long time, long sequence, Runnable task) {
    }

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.comparingLong(Entry::time).thenComparingLong(Entry::sequence));
    private long now;
    private long sequence;
    private long executed;

    /** Virtual milliseconds since the run began. */
    public long now() {
        return now;
    }

    /** How many tasks have run. */
    public long executed() {
        return executed;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Runs {@code task} at virtual time {@code time}, which must not lie in the past. */
    public void at(long time, Runnable task) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + ", it is already " + now);
        }
        queue.add(new Entry(time, sequence++, task));
    }

    /** Runs {@code task} {@code delay} virtual milliseconds from now (0: after everything already due now). */
    public void after(long delay, Runnable task) {
        at(now + delay, task);
    }

    /** Runs the next task if it is due no later than {@code until}; false when there is none. */
    public boolean runNext(long until) {
        Entry next = queue.peek();
        if (next == null || next.time() > until) {
            return false;
        }
        queue.poll();
        now = next.time();
        executed++;
        next.task().run();
        return true;
    }
}
