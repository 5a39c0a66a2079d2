package io.paddock.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** ZooKeeper derives a session's password as new Random(sessionId ^ 0xB3415C00L).nextBytes(new byte[16]). */
class SessionPasswordsTest {
    private static byte[] zooKeepers(long sessionId) {
        byte[] expected = new byte[16];
        new Random(sessionId ^ 0xB3415C00L).nextBytes(expected);
        return expected;
    }

    @Property(tries = 1000)
    void equalsJavaUtilRandomSeededLikeZooKeeper(@ForAll long sessionId) {
        assertThat(SessionPasswords.of(sessionId)).isEqualTo(zooKeepers(sessionId));
    }

    @Test
    void equalsJavaUtilRandomForTypicalAndEdgeIds() {
        long[] ids = {1, -1, 0xB3415C00L, Long.MIN_VALUE + 1, Long.MAX_VALUE, 0x0100017f3a2b0000L, 0xfe0001234567abcdL};
        for (long id : ids) {
            assertThat(SessionPasswords.of(id)).as("session 0x%x", id).hasSize(16).isEqualTo(zooKeepers(id));
        }
    }

    @Test
    void matchesAcceptsOnlyTheDerivedPasswordOfANonZeroSession() {
        long id = 0x0100000000000007L;
        assertThat(SessionPasswords.matches(id, zooKeepers(id))).isTrue();
        byte[] wrong = zooKeepers(id);
        wrong[15] ^= 1;
        assertThat(SessionPasswords.matches(id, wrong)).isFalse();
        assertThat(SessionPasswords.matches(id, new byte[16])).isFalse();
        assertThat(SessionPasswords.matches(id, null)).isFalse();
        assertThat(SessionPasswords.matches(id, new byte[0])).isFalse();
        assertThat(SessionPasswords.matches(0, SessionPasswords.of(0))).as("session 0 is 'new session'").isFalse();
    }

    @Test
    void eachCallReturnsAFreshArray() {
        byte[] first = SessionPasswords.of(42);
        first[0] ^= 0x55;
        assertThat(SessionPasswords.of(42)).isEqualTo(zooKeepers(42));
    }
}
