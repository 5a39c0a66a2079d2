package io.paddock.core.wire;

import static io.paddock.core.wire.Encodings.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Bytes from a peer are untrusted: whatever arrives, decoding either yields a record or throws
 * MalformedRecordException — never another exception, never an allocation sized by a lying length.
 */
class MalformedInputTest {

    /** A valid encoding, how to decode it, and which shorter lengths are legitimately complete. */
    record Sample(String what, byte[] bytes, Function<JuteReader, Object> decoder, IntPredicate completePrefix) {
        @Override
        public String toString() {
            return what + " " + Arrays.toString(bytes);
        }
    }

    @Property(tries = 300)
    void everyTruncationIsMalformed(@ForAll("samples") Sample sample) {
        for (int length = 0; length < sample.bytes().length; length++) {
            if (sample.completePrefix().test(length)) {
                continue;
            }
            byte[] prefix = Arrays.copyOf(sample.bytes(), length);
            int shown = length;
            assertThatThrownBy(() -> sample.decoder().apply(new JuteReader(prefix)))
                    .as("%s truncated to %d bytes", sample, shown)
                    .isInstanceOf(MalformedRecordException.class);
        }
    }

    @Property(tries = 300)
    void lyingLengthsAtAnyOffsetAreMalformedOrHarmless(@ForAll("samples") Sample sample) {
        int[] lies = {-2, -100, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7ffffff0, 0x00ffffff, sample.bytes().length,
                sample.bytes().length + 1};
        for (int offset = 0; offset + 4 <= sample.bytes().length; offset++) {
            for (int lie : lies) {
                byte[] mutated = sample.bytes().clone();
                mutated[offset] = (byte) (lie >>> 24);
                mutated[offset + 1] = (byte) (lie >>> 16);
                mutated[offset + 2] = (byte) (lie >>> 8);
                mutated[offset + 3] = (byte) lie;
                assertMalformedOrDecodes(sample, mutated, "int " + lie + " at offset " + offset);
            }
        }
    }

    @Property(tries = 300)
    void flippedBytesAreMalformedOrHarmless(@ForAll("samples") Sample sample, @ForAll long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 20 && sample.bytes().length > 0; round++) {
            byte[] mutated = sample.bytes().clone();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            assertMalformedOrDecodes(sample, mutated, "flips with seed " + seed + " round " + round);
        }
    }

    @Property(tries = 1000)
    void arbitraryBytesUnderAnyOpcodeAreMalformedOrDecode(@ForAll @IntRange(min = -20, max = 120) int op,
                                                          @ForAll("garbage") byte[] body) {
        Throwable thrown = catchThrowable(() -> ClientRequest.decode(op, new JuteReader(body)));
        assertThat(thrown).as("op %d body %s", op, Arrays.toString(body))
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(MalformedRecordException.class));
    }

    private static final Set<Integer> DEFINED = Set.of(OpCode.CREATE, OpCode.DELETE, OpCode.EXISTS, OpCode.GET_DATA,
            OpCode.SET_DATA, OpCode.GET_ACL, OpCode.SET_ACL, OpCode.GET_CHILDREN, OpCode.SYNC, OpCode.PING,
            OpCode.GET_CHILDREN2, OpCode.CHECK, OpCode.MULTI, OpCode.CREATE2, OpCode.RECONFIG, OpCode.CHECK_WATCHES,
            OpCode.REMOVE_WATCHES, OpCode.CREATE_CONTAINER, OpCode.DELETE_CONTAINER, OpCode.CREATE_TTL,
            OpCode.MULTI_READ, OpCode.AUTH, OpCode.SET_WATCHES, OpCode.SASL, OpCode.GET_EPHEMERALS,
            OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.SET_WATCHES2, OpCode.ADD_WATCH, OpCode.WHO_AM_I,
            OpCode.CLOSE_SESSION);

    @Property(tries = 500)
    void unknownOpcodesDecodeToNullWithoutReading(@ForAll("unknownOpcodes") int op, @ForAll("garbage") byte[] body) {
        JuteReader r = new JuteReader(body);
        assertThat(ClientRequest.decode(op, r)).isNull();
        assertThat(r.remaining()).isEqualTo(body.length);
    }

    @Property(tries = 50)
    void aMultiWithAnOpThatMayNotBeInsideIsMalformed(@ForAll("notMultiOps") int innerOp) {
        byte[] body = encode(w -> w.writeInt(innerOp).writeBool(false).writeInt(-1).writeString("/x").writeBool(false)
                .writeInt(-1).writeBool(true).writeInt(-1));
        assertThatThrownBy(() -> ClientRequest.decode(OpCode.MULTI, new JuteReader(body)))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Provide
    Arbitrary<Integer> notMultiOps() {
        return Arbitraries.of(OpCode.EXISTS, OpCode.GET_ACL, OpCode.SET_ACL, OpCode.SYNC, OpCode.PING,
                OpCode.GET_CHILDREN2, OpCode.MULTI, OpCode.MULTI_READ, OpCode.DELETE_CONTAINER, OpCode.AUTH,
                OpCode.CLOSE_SESSION, 0, 99, -5);
    }

    @Provide
    Arbitrary<Integer> unknownOpcodes() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-20, 120))
                .filter(op -> !DEFINED.contains(op));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                // Mostly-small ints make plausible lengths and counts, which random bytes rarely do.
                Arbitraries.integers().between(-3, 40).list().ofMaxSize(12).map(ints -> encode(w -> ints.forEach(w::writeInt))));
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.oneOf(List.of(
                WireArbitraries.request().map(r -> new Sample("request " + r, encode(r),
                        in -> ClientRequest.decode(r.opCode(), in), len -> false)),
                WireArbitraries.connectRequest().map(c -> {
                    byte[] bytes = encode(c::write);
                    return new Sample("connect request", bytes, ConnectRequest::read,
                            len -> c.readOnlyPresent() && len == bytes.length - 1);
                }),
                WireArbitraries.connectResponse().map(c -> {
                    byte[] bytes = encode(c::write);
                    return new Sample("connect response", bytes, ConnectResponse::read,
                            len -> c.readOnlyPresent() && len == bytes.length - 1);
                }),
                WireArbitraries.requestHeader().map(h -> new Sample("request header", encode(h::write), RequestHeader::read, len -> false)),
                WireArbitraries.replyHeader().map(h -> new Sample("reply header", encode(h::write), ReplyHeader::read, len -> false)),
                WireArbitraries.stat().map(s -> new Sample("stat", encode(s::write), Stat::read, len -> false)),
                WireArbitraries.acls().map(a -> new Sample("acl list", encode(w -> Acl.writeList(w, a)), Acl::readList, len -> false)),
                WireArbitraries.watcherEvent().map(e -> new Sample("watcher event", encode(e::write), WatcherEvent::read, len -> false))));
    }

    private static void assertMalformedOrDecodes(Sample sample, byte[] mutated, String how) {
        Throwable thrown = catchThrowable(() -> sample.decoder().apply(new JuteReader(mutated)));
        if (thrown != null && !(thrown instanceof MalformedRecordException)) {
            throw new AssertionError(sample.what() + " mutated by " + how + " " + Arrays.toString(mutated)
                    + " threw " + thrown, thrown);
        }
    }
}
