package io.paddock.core.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** ZooKeeper's EphemeralType encodings of ephemeralOwner. */
class EphemeralOwnerTest {

    @Test
    void maxTtlIsFortyBits() {
        assertThat(EphemeralOwner.MAX_TTL).isEqualTo((1L << 40) - 1);
    }

    @Test
    void ttlOwnersHaveAllOnesInTheTopByteAndNoReservedBits() {
        assertThat(EphemeralOwner.ttl(1)).isEqualTo(0xff00000000000001L);
        assertThat(EphemeralOwner.ttl(60_000)).isEqualTo(0xff0000000000ea60L);
        assertThat(EphemeralOwner.ttl(EphemeralOwner.MAX_TTL)).isEqualTo(0xff0000ffffffffffL);
    }

    @Test
    void ttlBoundsAreOneToMax() {
        assertThat(EphemeralOwner.isValidTtl(1)).isTrue();
        assertThat(EphemeralOwner.isValidTtl(EphemeralOwner.MAX_TTL)).isTrue();
        assertThat(EphemeralOwner.isValidTtl(0)).isFalse();
        assertThat(EphemeralOwner.isValidTtl(-1)).isFalse();
        assertThat(EphemeralOwner.isValidTtl(EphemeralOwner.MAX_TTL + 1)).isFalse();
        assertThat(EphemeralOwner.isValidTtl(Long.MAX_VALUE)).isFalse();
        assertThatThrownBy(() -> EphemeralOwner.ttl(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EphemeralOwner.ttl(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EphemeralOwner.ttl(EphemeralOwner.MAX_TTL + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void ttlRoundTrips(@ForAll @LongRange(min = 1, max = (1L << 40) - 1) long ttl) {
        long owner = EphemeralOwner.ttl(ttl);
        assertThat(EphemeralOwner.isTtl(owner)).isTrue();
        assertThat(EphemeralOwner.ttlOf(owner)).isEqualTo(ttl);
        assertThat(EphemeralOwner.isContainer(owner)).isFalse();
        assertThat(EphemeralOwner.isSession(owner)).isFalse();
    }

    @Test
    void reservedBitsMakeAnOwnerNotATtl() {
        assertThat(EphemeralOwner.isTtl(0xff00010000000001L)).isFalse();
        assertThat(EphemeralOwner.isTtl(0xff80000000000001L)).isFalse();
        assertThat(EphemeralOwner.isTtl(0xfe00000000000001L)).as("top byte 0xfe is server 254's session").isFalse();
    }

    @Test
    void containerIsLongMinValueAndNothingElse() {
        assertThat(EphemeralOwner.CONTAINER).isEqualTo(Long.MIN_VALUE);
        assertThat(EphemeralOwner.isContainer(Long.MIN_VALUE)).isTrue();
        assertThat(EphemeralOwner.isContainer(Long.MIN_VALUE + 1)).isFalse();
        assertThat(EphemeralOwner.isTtl(Long.MIN_VALUE)).isFalse();
        assertThat(EphemeralOwner.isSession(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void sessionOwnersAreEverythingElseButZero() {
        assertThat(EphemeralOwner.isSession(0)).as("persistent").isFalse();
        assertThat(EphemeralOwner.isSession(1)).isTrue();
        assertThat(EphemeralOwner.isSession(0x0100000000000001L)).as("a session of server 1").isTrue();
        assertThat(EphemeralOwner.isSession(0xfe00001234560000L)).as("a session of server 254").isTrue();
        assertThat(EphemeralOwner.isSession(Long.MIN_VALUE + 1)).as("server 128's first possible id").isTrue();
        assertThat(EphemeralOwner.isSession(-1)).as("reserved bits set: not a TTL").isTrue();
    }
}
