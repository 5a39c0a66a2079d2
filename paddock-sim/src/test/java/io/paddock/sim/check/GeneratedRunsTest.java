package io.paddock.sim.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.ZabAction;
import io.paddock.sim.history.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The checkers over generated correct runs (no violation), and over the same runs with one bug planted. */
class GeneratedRunsTest {

    @Property(tries = 50)
    void correctRunsBreakNoSafetyProperty(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<Observation> history = GeneratedRuns.healthy(seed, 12, 6);
        assertThat(Checkers.check(Checkers.safety(), history)).isEmpty();
    }

    @Property(tries = 100)
    void aForgedDeliveryIsCaught(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<Observation> history = new ArrayList<>(GeneratedRuns.healthy(seed, 8, 5));
        int at = pick(history, seed, o -> delivered(o) != null);
        ZabAction.Delivered d = delivered(history.get(at));
        Tx forged = Tx.of(d.header().zxid(), "forged");
        Observation.Acted a = (Observation.Acted) history.get(at);
        history.set(at, new Observation.Acted(a.time(), a.peer(), new ZabAction.Delivered(forged.header(), forged.txn(), d.digest())));
        assertThat(Checkers.check(Checkers.safety(), history)).extracting(Violation::property)
                .contains("integrity", "agreement");
    }

    @Property(tries = 100)
    void aSkippedDeliveryIsCaught(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<Observation> history = new ArrayList<>(GeneratedRuns.healthy(seed, 8, 5));
        int at = pick(history, seed, o -> delivered(o) != null && laterDeliveryBy(history, o));
        Assume.that(at >= 0);
        history.remove(at);
        assertThat(Checkers.check(Checkers.safety(), history)).extracting(Violation::property)
                .contains("prefix consistency");
    }

    @Property(tries = 100)
    void aWrongDigestIsCaught(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<Observation> history = new ArrayList<>(GeneratedRuns.healthy(seed, 8, 5));
        int at = pick(history, seed, o -> delivered(o) != null);
        Observation.Acted a = (Observation.Acted) history.get(at);
        ZabAction.Delivered d = delivered(a);
        Assume.that(IntStream.range(0, history.size()).anyMatch(i -> i != at && delivered(history.get(i)) != null
                && delivered(history.get(i)).header().zxid() == d.header().zxid()));
        history.set(at, new Observation.Acted(a.time(), a.peer(), new ZabAction.Delivered(d.header(), d.txn(), ~d.digest())));
        // when the bad digest came first, each peer that later disagrees with it is named
        assertThat(Checkers.check(Checkers.safety(), history)).extracting(Violation::property)
                .isNotEmpty().containsOnly("tree digests agree");
    }

    @Test
    void aRunOfOverAHundredThousandObservationsIsCheckedQuickly() {
        List<Observation> history = GeneratedRuns.healthy(42, 200, 100);
        assertThat(history).hasSizeGreaterThan(100_000);
        // generous: a quadratic checker would take minutes here
        List<Violation> violations = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Checkers.check(Checkers.safety(), history));
        assertThat(violations).isEmpty();
    }

    private static ZabAction.Delivered delivered(Observation o) {
        return o instanceof Observation.Acted a && a.action() instanceof ZabAction.Delivered d ? d : null;
    }

    /** Whether the peer that delivered {@code o} delivers again later with no anchor in between. */
    private static boolean laterDeliveryBy(List<Observation> history, Observation o) {
        int i = history.indexOf(o) + 1;
        for (; i < history.size(); i++) {
            Observation next = history.get(i);
            if (next.peer() != o.peer()) {
                continue;
            }
            if (next instanceof Observation.Restarted || next instanceof Observation.Crashed
                    || next instanceof Observation.Acted a && a.action() instanceof ZabAction.PersistSnapshot) {
                return false;
            }
            if (delivered(next) != null) {
                return true;
            }
        }
        return false;
    }

    private static int pick(List<Observation> history, long seed, java.util.function.Predicate<Observation> fit) {
        List<Integer> candidates = IntStream.range(0, history.size()).filter(i -> fit.test(history.get(i))).boxed().toList();
        return candidates.isEmpty() ? -1 : candidates.get((int) (seed % candidates.size()));
    }
}
