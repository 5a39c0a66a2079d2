package io.paddock.core.wire;

import static io.paddock.core.wire.Encodings.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JuteReaderTest {

    @Test
    void primitivesAreBigEndian() {
        byte[] bytes = encode(w -> w.writeInt(0x01020304).writeLong(0x0102030405060708L).writeBool(true).writeBool(false));
        assertThat(bytes).containsExactly(1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0);
        JuteReader r = new JuteReader(bytes);
        assertThat(r.readInt()).isEqualTo(0x01020304);
        assertThat(r.readLong()).isEqualTo(0x0102030405060708L);
        assertThat(r.readBool()).isTrue();
        assertThat(r.readBool()).isFalse();
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void anyNonZeroByteIsTrue() {
        assertThat(new JuteReader(new byte[] {(byte) 0x80}).readBool()).isTrue();
    }

    @Test
    void minusOneMeansNullForBuffersStringsAndVectors() {
        byte[] bytes = encode(w -> w.writeInt(-1).writeInt(-1).writeInt(-1));
        JuteReader r = new JuteReader(bytes);
        assertThat(r.readBuffer()).isNull();
        assertThat(r.readString()).isNull();
        assertThat(r.readStringVector()).isNull();
        assertThat(encode(w -> w.writeBuffer(null).writeString(null).writeStringVector(null))).isEqualTo(bytes);
    }

    @Test
    void lengthsBelowMinusOneAreMalformed() {
        for (int length : new int[] {-2, -1000, Integer.MIN_VALUE}) {
            byte[] bytes = encode(w -> w.writeInt(length).writeInt(0).writeInt(0));
            assertThatThrownBy(() -> new JuteReader(bytes).readBuffer()).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> new JuteReader(bytes).readString()).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> new JuteReader(bytes).readStringVector()).isInstanceOf(MalformedRecordException.class);
        }
    }

    @Test
    void lengthsBeyondTheInputAreMalformedWithoutAllocatingThem() {
        // Integer.MAX_VALUE-sized allocations would throw OutOfMemoryError; the check must come first.
        for (int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 1 << 30, 9}) {
            byte[] bytes = encode(w -> w.writeInt(length).writeInt(7));
            assertThatThrownBy(() -> new JuteReader(bytes).readBuffer()).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> new JuteReader(bytes).readString()).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> new JuteReader(bytes).readStringVector()).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> Acl.readList(new JuteReader(bytes))).isInstanceOf(MalformedRecordException.class);
        }
    }

    @Test
    void emptyValuesAreNotNull() {
        JuteReader r = new JuteReader(encode(w -> w.writeBuffer(new byte[0]).writeString("").writeStringVector(List.of())));
        assertThat(r.readBuffer()).isEmpty();
        assertThat(r.readString()).isEmpty();
        assertThat(r.readStringVector()).isEmpty();
    }

    @Test
    void stringsAreUtf8() {
        byte[] bytes = encode(w -> w.writeString("/zné€"));
        assertThat(bytes).startsWith(0, 0, 0, 8);
        assertThat(new JuteReader(bytes).readString()).isEqualTo("/zné€");
    }

    @Test
    void aSliceReadsOnlyItsOwnBytes() {
        byte[] bytes = encode(w -> w.writeInt(1).writeInt(2).writeInt(3));
        JuteReader r = new JuteReader(bytes, 4, 4);
        assertThat(r.remaining()).isEqualTo(4);
        assertThat(r.readInt()).isEqualTo(2);
        assertThatThrownBy(r::readInt).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void aSliceOutsideTheArrayIsRejected() {
        byte[] bytes = new byte[8];
        assertThatThrownBy(() -> new JuteReader(bytes, -1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JuteReader(bytes, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JuteReader(bytes, 6, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSliceWhoseEndOverflowsIntIsRejected() {
        // offset + length wraps to a negative int, which must not pass for "inside the array".
        assertThatThrownBy(() -> new JuteReader(new byte[8], 1, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writerPatchesAnIntInPlace() {
        JuteWriter w = new JuteWriter(1).writeInt(0).writeString("abc");
        w.patchInt(0, w.size() - 4);
        assertThat(new JuteReader(w.toByteArray()).readInt()).isEqualTo(7);
        assertThatThrownBy(() -> w.patchInt(w.size() - 3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
