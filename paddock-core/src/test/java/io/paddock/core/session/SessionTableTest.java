package io.paddock.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Session ids and tick-counted expiry. A session touched at tick t with timeout T expires at tick
 * t + T / tickTime + 1: ZooKeeper's expiry queue rounds t + T up to the next tick boundary.
 */
class SessionTableTest {
    private static final int TICK = 100;

    // ---- ids ----

    @Property(tries = 200)
    void idsCarryTheServerIdInTheTopByte(@ForAll @IntRange(min = 0, max = 254) int serverId,
                                         @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long startMillis) {
        SessionTable table = new SessionTable(serverId, TICK, startMillis);
        long first = table.allocateId();
        long second = table.allocateId();
        assertThat(first >>> 56).isEqualTo(serverId);
        assertThat(second).isEqualTo(first + 1);
        assertThat(first).isNotEqualTo(Long.MIN_VALUE);
        // Counting starts at 0, except where the first id would be Long.MIN_VALUE (the container marker:
        // server 128 with a clock whose low 40 bits are 0), which is skipped to +1.
        long expectedLowBits = first == Long.MIN_VALUE + 1 ? 1 : 0;
        assertThat(first & 0xffffL).as("the low 16 bits count sessions from 0").isEqualTo(expectedLowBits);
    }

    @Test
    void theLowFortyBitsOfTheStartTimeSitBelowTheServerId() {
        long start = 0x0000_0123_4567_89abL;
        long id = new SessionTable(3, TICK, start).allocateId();
        assertThat(id).isEqualTo(0x0323_4567_89ab_0000L);
        long wrapped = new SessionTable(3, TICK, 0xffff_ff01_0000_0001L).allocateId();
        assertThat(wrapped).as("bits above 40 of the clock are dropped").isEqualTo(0x0301_0000_0001_0000L);
    }

    @Test
    void server128StartingAtTimeZeroSkipsLongMinValueWhichMeansContainer() {
        SessionTable table = new SessionTable(128, TICK, 0);
        long first = table.allocateId();
        assertThat(first).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(first >>> 56).isEqualTo(128);
        assertThat(table.allocateId()).isEqualTo(Long.MIN_VALUE + 2);
    }

    @Test
    void server0StartingAtTimeZeroHandsOutIdZeroFirst() {
        // Documents ZooKeeper's arithmetic: server 0 with a clock whose low 40 bits are 0 gives id 0, which
        // clients read as "no session". The runtime passes the real start time, so this does not happen in practice.
        assertThat(new SessionTable(0, TICK, 0).allocateId()).isZero();
        assertThat(new SessionTable(0, TICK, 1).allocateId()).isEqualTo(1L << 16);
    }

    // ---- expiry ----

    @Property(tries = 300)
    void aSessionExpiresAtTheTickAfterItsTimeout(@ForAll @IntRange(min = 0, max = 10_000) int nowTick,
                                                 @ForAll @IntRange(min = 1, max = 60_000) int timeout,
                                                 @ForAll @IntRange(min = 1, max = 2_000) int tickTime) {
        SessionTable table = new SessionTable(1, tickTime, 1);
        long id = table.allocateId();
        Session s = table.track(id, timeout, nowTick);
        long due = nowTick + timeout / tickTime + 1;
        assertThat(s.expiryTick()).isEqualTo(due);
        assertThat(table.expire(due - 1)).isEmpty();
        assertThat(s.isClosing()).isFalse();
        assertThat(table.expire(due)).containsExactly(id);
        assertThat(s.isClosing()).isTrue();
        assertThat(table.get(id)).as("expired sessions stay until their closeSession applies").isSameAs(s);
        assertThat(table.expire(due + 100)).as("expired once").isEmpty();
    }

    @Test
    void expireCollectsEveryBucketThatIsDueInOrder() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long a = table.allocateId();
        long b = table.allocateId();
        long c = table.allocateId();
        table.track(c, 900, 0); // due 10
        table.track(a, 250, 0); // due 3
        table.track(b, 299, 1); // due 4
        assertThat(table.expire(2)).isEmpty();
        assertThat(table.expire(9)).containsExactly(a, b);
        assertThat(table.expire(10)).containsExactly(c);
    }

    @Test
    void touchMovesTheSessionToALaterBucket() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long id = table.allocateId();
        Session s = table.track(id, 400, 0);
        assertThat(s.expiryTick()).isEqualTo(5);
        assertThat(table.touch(id, 3)).isTrue();
        assertThat(s.expiryTick()).isEqualTo(8);
        assertThat(table.expire(7)).as("the old bucket no longer holds it").isEmpty();
        assertThat(table.expire(8)).containsExactly(id);
    }

    @Test
    void touchWithANewTimeoutSchedulesWithItButKeepsTheStoredTimeout() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long id = table.allocateId();
        Session s = table.track(id, 400, 0);
        assertThat(table.touch(id, 1000, 2)).isTrue();
        assertThat(s.expiryTick()).isEqualTo(2 + 10 + 1);
        assertThat(s.timeoutMillis()).isEqualTo(400);
        assertThat(table.touch(id, 5)).isTrue();
        assertThat(s.expiryTick()).as("a plain touch uses the stored timeout").isEqualTo(5 + 4 + 1);
    }

    @Test
    void trackingAgainUpdatesTheTimeout() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long id = table.allocateId();
        Session first = table.track(id, 400, 0);
        Session again = table.track(id, 800, 1);
        assertThat(again).isSameAs(first);
        assertThat(again.timeoutMillis()).isEqualTo(800);
        assertThat(again.expiryTick()).isEqualTo(10);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.expire(9)).isEmpty();
        assertThat(table.expire(10)).containsExactly(id);
    }

    @Test
    void closingAndUnknownSessionsAreNotTouched() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long id = table.allocateId();
        Session s = table.track(id, 400, 0);
        table.markClosing(id);
        assertThat(s.isClosing()).isTrue();
        assertThat(table.touch(id, 3)).isFalse();
        assertThat(table.touch(id, 400, 3)).isFalse();
        assertThat(s.expiryTick()).isEqualTo(5);
        assertThat(table.expire(1_000)).as("a closing session is not expired again").isEmpty();
        assertThat(table.touch(12345, 3)).isFalse();
        assertThat(table.touch(12345, 400, 3)).isFalse();
        assertThat(table.get(id)).isSameAs(s);
    }

    @Test
    void anExpiredSessionIsNotTouchedEither() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long id = table.allocateId();
        table.track(id, 200, 0);
        assertThat(table.expire(3)).containsExactly(id);
        assertThat(table.touch(id, 3)).isFalse();
        assertThat(table.expire(100)).isEmpty();
    }

    @Test
    void removeForgetsTheSessionAndItsSchedule() {
        SessionTable table = new SessionTable(1, TICK, 1);
        long id = table.allocateId();
        table.track(id, 400, 0);
        table.remove(id);
        assertThat(table.get(id)).isNull();
        assertThat(table.size()).isZero();
        assertThat(table.all()).isEmpty();
        assertThat(table.expire(100)).isEmpty();
        table.remove(id); // twice is harmless
        table.markClosing(id); // so is closing an unknown session
        assertThat(table.size()).isZero();
    }

    /** A model of the same rule: random tracks, touches, closes and ticks expire exactly what the model says. */
    @Property(tries = 200)
    void expiryAgreesWithAModel(@ForAll("ops") List<int[]> ops) {
        SessionTable table = new SessionTable(7, TICK, 1);
        List<Long> ids = new ArrayList<>();
        Map<Long, Long> due = new HashMap<>(); // live, not-closing sessions and their expiry tick
        long tick = 0;
        for (int[] op : ops) {
            switch (op[0]) {
                case 0 -> {
                    long id = table.allocateId();
                    ids.add(id);
                    table.track(id, op[1], tick);
                    due.put(id, tick + op[1] / TICK + 1);
                }
                case 1 -> {
                    if (ids.isEmpty()) {
                        continue;
                    }
                    long id = ids.get(op[1] % ids.size());
                    boolean live = due.containsKey(id);
                    assertThat(table.touch(id, tick)).isEqualTo(live);
                    if (live) {
                        due.put(id, tick + table.get(id).timeoutMillis() / TICK + 1);
                    }
                }
                case 2 -> {
                    if (ids.isEmpty()) {
                        continue;
                    }
                    long id = ids.get(op[1] % ids.size());
                    table.markClosing(id);
                    due.remove(id);
                }
                default -> {
                    tick++;
                    final long now = tick;
                    List<Long> expected = due.entrySet().stream().filter(e -> e.getValue() <= now)
                            .map(Map.Entry::getKey).sorted().toList();
                    List<Long> expired = table.expire(tick);
                    assertThat(expired).containsExactlyInAnyOrderElementsOf(expected);
                    expected.forEach(due::remove);
                }
            }
            for (Map.Entry<Long, Long> e : due.entrySet()) {
                assertThat(table.get(e.getKey()).expiryTick()).isEqualTo(e.getValue());
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<int[]>> ops() {
        net.jqwik.api.Arbitrary<int[]> op = net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.integers().between(0, 5),
                net.jqwik.api.Arbitraries.integers().between(1, 1_500)).as((kind, arg) -> new int[] {Math.min(kind, 3), arg});
        return op.list().ofMaxSize(60);
    }
}
