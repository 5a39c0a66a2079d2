package io.paddock.sim.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    @Test
    void tasksRunByTimeThenInTheOrderTheyWereScheduled() {
        Scheduler s = new Scheduler();
        List<String> ran = new ArrayList<>();
        s.at(20, () -> ran.add("b@20"));
        s.at(10, () -> ran.add("a@10"));
        s.at(20, () -> ran.add("c@20"));
        s.at(10, () -> s.after(0, () -> ran.add("d@10, scheduled while running")));

        while (s.runNext(Long.MAX_VALUE)) {
            ran.add("now=" + s.now());
        }

        assertThat(ran).containsExactly("a@10", "now=10", "now=10", "d@10, scheduled while running", "now=10",
                "b@20", "now=20", "c@20", "now=20");
        assertThat(s.executed()).isEqualTo(5);
    }

    @Test
    void runNextStopsAtTheLimitAndThePastCannotBeScheduled() {
        Scheduler s = new Scheduler();
        List<Long> ran = new ArrayList<>();
        s.at(5, () -> ran.add(s.now()));
        s.at(50, () -> ran.add(s.now()));

        assertThat(s.runNext(10)).isTrue();
        assertThat(s.runNext(10)).isFalse();
        assertThat(ran).containsExactly(5L);
        assertThat(s.isEmpty()).isFalse();
        assertThatThrownBy(() -> s.at(4, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
