package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.paddock.core.node.Event;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated byte streams through a client connection's whole inbound pipeline: nothing may escape
 * the pipeline as an exception, and a stream that holds a complete frame either yields events or closes.
 */
class InboundPipelineFuzzTest {
    private static final int MAX_FRAME = 4096;
    private static final long CONNECTION = 3;

    private record Run(EmbeddedChannel channel, List<LoopItem> items, InboundRecorder spy) {
    }

    private static Run run(byte[] stream, List<Integer> cuts) {
        List<LoopItem> items = new ArrayList<>();
        InboundRecorder spy = new InboundRecorder();
        ClientPipeline pipeline = new ClientPipeline(items::add, new ConnectionLimiter(0), MAX_FRAME,
                OutboundLimitHandler.PENDING_OUTBOUND_BYTES_MAX, () -> 1L,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                pipeline.install(ch, CONNECTION);
                ch.pipeline().addBefore("handler", "spy", spy);
            }
        });
        int start = 0;
        for (int cut : cuts.stream().map(c -> Math.min(c, stream.length)).sorted().toList()) {
            write(channel, Arrays.copyOfRange(stream, start, Math.max(start, cut)));
            start = Math.max(start, cut);
        }
        write(channel, Arrays.copyOfRange(stream, start, stream.length));
        channel.checkException();
        return new Run(channel, items, spy);
    }

    private static void write(EmbeddedChannel channel, byte[] chunk) {
        if (channel.isOpen() && chunk.length > 0) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
    }

    /** Whether the stream's first frame is complete or already fatal, so the decoder must have acted on it. */
    private static boolean firstFrameDecidable(byte[] stream) {
        if (stream.length < 4) {
            return false;
        }
        int length = ((stream[0] & 0xff) << 24) | ((stream[1] & 0xff) << 16) | ((stream[2] & 0xff) << 8)
                | (stream[3] & 0xff);
        String word = FourLetterWord.nameOf(length);
        if (word != null) {
            return !word.equals(FourLetterWord.SET_TRACE_MASK) || stream.length >= 12;
        }
        return length < 0 || length > MAX_FRAME || stream.length >= 4 + length;
    }

    private static void assertWellBehaved(byte[] stream, Run run) {
        assertThat(run.spy().exceptions).isEmpty();
        assertThat(run.items()).isNotEmpty().first().isInstanceOf(LoopItem.Opened.class);
        List<LoopItem> afterOpen = run.items().subList(1, run.items().size());
        for (LoopItem item : afterOpen) {
            assertThat(item).isInstanceOfAny(LoopItem.CoreEvent.class, LoopItem.FourLetter.class);
        }
        if (firstFrameDecidable(stream)) {
            assertThat(!afterOpen.isEmpty() || !run.channel().isOpen())
                    .as("a complete or fatal first frame yields an event or a close").isTrue();
        }
        run.channel().finishAndReleaseAll();
        // Closing reports ConnectionClosed last, exactly once.
        assertThat(run.items()).last().isInstanceOfSatisfying(LoopItem.CoreEvent.class, e ->
                assertThat(e.event()).isEqualTo(new Event.ConnectionClosed(CONNECTION)));
        assertThat(run.items()).filteredOn(i -> i instanceof LoopItem.CoreEvent e
                && e.event() instanceof Event.ConnectionClosed).hasSize(1);
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 64) byte[] stream, @ForAll @Size(max = 4) List<@IntRange(max = 64) Integer> cuts) {
        assertWellBehaved(stream, run(stream, cuts));
    }

    @Property(tries = 500)
    void mutatedValidStreams(@ForAll("mutatedStreams") byte[] stream,
                             @ForAll @Size(max = 6) List<@IntRange(max = 400) Integer> cuts) {
        assertWellBehaved(stream, run(stream, cuts));
    }

    @Property(tries = 100)
    void validStreamsDecodeToOneEventPerFrameWhateverTheChunking(
            @ForAll("validFrames") List<byte[]> frames, @ForAll @Size(max = 8) List<@IntRange(max = 600) Integer> cuts) {
        byte[] stream = Frames.concat(frames.toArray(byte[][]::new));
        Run run = run(stream, cuts);
        assertThat(run.channel().isOpen()).isTrue();
        assertThat(run.items()).hasSize(1 + frames.size());
        assertThat(((LoopItem.CoreEvent) run.items().get(1)).event()).isInstanceOf(Event.ConnectReceived.class);
        assertWellBehaved(stream, run);
    }

    private static Arbitrary<byte[]> request() {
        Arbitrary<String> paths = Arbitraries.strings().alpha().ofMaxLength(12).map(s -> "/" + s);
        Arbitrary<Integer> xids = Arbitraries.integers().between(-8, 1000);
        Arbitrary<ClientRequest> requests = Arbitraries.oneOf(
                paths.map(p -> new ClientRequest.GetData(p, true)),
                paths.map(p -> new ClientRequest.Exists(p, false)),
                paths.map(p -> new ClientRequest.Delete(p, -1)),
                paths.map(p -> new ClientRequest.SetData(p, p.getBytes(), 3)),
                paths.map(p -> new ClientRequest.Create(OpCode.CREATE2, p, new byte[] {1},
                        List.of(new Acl(31, new Id("world", "anyone"))), 0)),
                paths.map(p -> new ClientRequest.Multi(OpCode.MULTI, List.of(new ClientRequest.Check(p, 1),
                        new ClientRequest.Delete(p, 1)))),
                Arbitraries.just(new ClientRequest.Ping()));
        return Combinators.combine(xids, requests).as(Frames::request);
    }

    @Provide
    Arbitrary<List<byte[]>> validFrames() {
        return request().list().ofMaxSize(6).map(list -> {
            List<byte[]> frames = new ArrayList<>();
            frames.add(Frames.connect());
            frames.addAll(list);
            return frames;
        });
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<byte[]> valid = validFrames().map(frames -> Frames.concat(frames.toArray(byte[][]::new)));
        return Combinators.combine(valid, Arbitraries.integers().between(0, 10_000).list().ofMaxSize(6),
                Arbitraries.bytes().list().ofMaxSize(6), Arbitraries.integers().between(0, 3))
                .as((stream, positions, values, kind) -> mutate(stream, positions, values, kind));
    }

    /** Flips bytes, truncates, or splices a hostile length into a valid stream. */
    private static byte[] mutate(byte[] stream, List<Integer> positions, List<Byte> values, int kind) {
        byte[] out = stream.clone();
        switch (kind) {
            case 0 -> {
                for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
                    out[positions.get(i) % out.length] = values.get(i);
                }
            }
            case 1 -> out = Arrays.copyOf(out, positions.isEmpty() ? out.length / 2 : positions.get(0) % out.length);
            case 2 -> {
                int at = positions.isEmpty() ? 0 : positions.get(0) % out.length;
                byte[] hostile = Frames.lengthOnly(values.isEmpty() ? -1 : values.get(0) * 0x01000000);
                System.arraycopy(hostile, 0, out, at, Math.min(4, out.length - at));
            }
            default -> {
                // a frame whose length field stays right but whose body bytes are scrambled
                for (int i = 0; i < positions.size(); i++) {
                    int at = 4 + positions.get(i) % Math.max(1, out.length - 4);
                    if (at < out.length) {
                        out[at] ^= (byte) (i + 1);
                    }
                }
            }
        }
        return out;
    }
}
