package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.paddock.core.node.Event;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClientFrameDecoderTest {
    private static final long CONNECTION = 7;
    private static final int MAX_FRAME = 1024;
    private static final long NOW = 1_700_000_000_000L;

    private final InboundRecorder recorder = new InboundRecorder();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new ClientFrameDecoder(CONNECTION, MAX_FRAME, () -> NOW), recorder);

    private void feed(byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
    }

    private static byte[] validStream() {
        return Frames.concat(Frames.connect(),
                Frames.request(1, new ClientRequest.GetData("/a", true)),
                Frames.request(2, new ClientRequest.Create(OpCode.CREATE, "/b", new byte[] {1, 2}, java.util.List.of(), 0)),
                Frames.request(-2, new ClientRequest.Ping()));
    }

    private void assertValidStreamDecoded() {
        assertThat(recorder.exceptions).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        assertThat(recorder.messages).hasSize(4);
        assertThat(recorder.messages.get(0)).isInstanceOfSatisfying(Event.ConnectReceived.class, e -> {
            assertThat(e.connectionId()).isEqualTo(CONNECTION);
            assertThat(e.request().timeOut()).isEqualTo(30_000);
            assertThat(e.request().readOnlyPresent()).isTrue();
            assertThat(e.wallTimeMillis()).isEqualTo(NOW);
        });
        assertThat(recorder.messages.get(1)).isInstanceOfSatisfying(Event.RequestReceived.class, e -> {
            assertThat(e.header().xid()).isEqualTo(1);
            assertThat(e.request()).isEqualTo(new ClientRequest.GetData("/a", true));
        });
        assertThat(recorder.messages.get(2)).isInstanceOfSatisfying(Event.RequestReceived.class, e ->
                assertThat(((ClientRequest.Create) e.request()).path()).isEqualTo("/b"));
        assertThat(recorder.messages.get(3)).isInstanceOfSatisfying(Event.RequestReceived.class, e -> {
            assertThat(e.header().xid()).isEqualTo(-2);
            assertThat(e.request()).isInstanceOf(ClientRequest.Ping.class);
        });
    }

    @Test
    void decodesAStreamDeliveredWhole() {
        feed(validStream());
        assertValidStreamDecoded();
    }

    @Test
    void decodesAStreamSplitAtEveryByteBoundary() {
        byte[] stream = validStream();
        for (int split = 1; split < stream.length; split++) {
            InboundRecorder splitRecorder = new InboundRecorder();
            EmbeddedChannel splitChannel =
                    new EmbeddedChannel(new ClientFrameDecoder(CONNECTION, MAX_FRAME, () -> NOW), splitRecorder);
            splitChannel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, 0, split)));
            splitChannel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, split, stream.length)));
            assertThat(splitRecorder.messages).as("split at %d", split).hasSize(4);
            assertThat(splitChannel.isOpen()).isTrue();
            splitChannel.finishAndReleaseAll();
        }
    }

    @Test
    void decodesAStreamDeliveredOneByteAtATime() {
        for (byte b : validStream()) {
            feed(new byte[] {b});
        }
        assertValidStreamDecoded();
    }

    @Test
    void negativeFirstLengthCloses() {
        feed(Frames.lengthOnly(-1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.messages).isEmpty();
    }

    @Test
    void lengthAboveJuteMaxBufferCloses() {
        feed(Frames.connect(), Frames.lengthOnly(MAX_FRAME + 1));
        assertThat(recorder.messages).hasSize(1);
        assertThat(channel.isOpen()).isFalse();
    }

    /** A getData frame whose payload (8-byte header, path, watch flag) is exactly {@code payloadBytes}. */
    private static byte[] getDataFrameOfPayload(int payloadBytes) {
        JuteWriter body = new JuteWriter();
        body.writeString("/" + "x".repeat(payloadBytes - 8 - 4 - 1 - 1)).writeBool(false);
        byte[] frame = Frames.rawRequest(5, OpCode.GET_DATA, body.toByteArray());
        assertThat(frame.length).isEqualTo(4 + payloadBytes);
        return frame;
    }

    @Test
    void lengthOfExactlyJuteMaxBufferIsAccepted() {
        feed(Frames.connect(), getDataFrameOfPayload(MAX_FRAME));
        assertThat(channel.isOpen()).isTrue();
        assertThat(recorder.messages).hasSize(2).last().isInstanceOf(Event.RequestReceived.class);
    }

    @Test
    void lengthOneAboveJuteMaxBufferCloses() {
        feed(Frames.connect(), getDataFrameOfPayload(MAX_FRAME + 1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.messages).hasSize(1);
    }

    @Test
    void negativeLaterLengthCloses() {
        feed(Frames.connect(), Frames.lengthOnly(Integer.MIN_VALUE));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void garbageFirstFrameCloses() {
        feed(Frames.frame(new byte[] {1, 2, 3}));
        assertThat(channel.isOpen()).isFalse();
        assertThat(recorder.messages).isEmpty();
    }

    @Test
    void emptyFirstFrameCloses() {
        feed(Frames.frame(new byte[0]));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void frameTooShortForARequestHeaderCloses() {
        feed(Frames.connect(), Frames.frame(new byte[] {0, 0, 0, 1}));
        assertThat(recorder.messages).hasSize(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void bytesAfterAFatalFrameAreIgnored() {
        feed(Frames.concat(Frames.lengthOnly(-3), validStream())); // one read: the rest arrives with the bad length
        assertThat(recorder.messages).isEmpty();
        assertThat(recorder.exceptions).isEmpty();
    }

    @Test
    void fourLetterWordAsFirstFrame() {
        feed(Frames.word("ruok"));
        assertThat(recorder.messages).containsExactly(new FourLetterWordReceived(CONNECTION, "ruok", 0));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void fourLetterWordFollowedByMoreBytesIsStillTheWord() {
        feed(Frames.concat(Frames.word("srvr"), new byte[] {'\r', '\n'}));
        assertThat(recorder.messages).containsExactly(new FourLetterWordReceived(CONNECTION, "srvr", 0));
    }

    @Test
    void setTraceMaskWaitsForItsEightByteArgument() {
        JuteWriter mask = new JuteWriter();
        mask.writeLong(0x1234L);
        byte[] bytes = Frames.concat(Frames.word("stmk"), mask.toByteArray());
        feed(Arrays.copyOfRange(bytes, 0, 7));
        assertThat(recorder.messages).isEmpty();
        feed(Arrays.copyOfRange(bytes, 7, bytes.length));
        assertThat(recorder.messages).containsExactly(new FourLetterWordReceived(CONNECTION, "stmk", 0x1234L));
    }

    @Test
    void unknownWordIsAFrameLength() {
        feed(Frames.word("abcd")); // 0x61626364 is far above jute.maxbuffer
        assertThat(recorder.messages).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void fourLetterWordAfterTheHandshakeIsNotAWord() {
        feed(Frames.connect(), Frames.word("ruok"));
        assertThat(recorder.messages).hasSize(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void unknownOpcodeIsUndecodable() {
        feed(Frames.connect(), Frames.rawRequest(9, 999, new byte[] {1, 2, 3}));
        assertThat(channel.isOpen()).isTrue();
        assertThat(recorder.messages.get(1)).isInstanceOfSatisfying(Event.RequestUndecodable.class, e -> {
            assertThat(e.connectionId()).isEqualTo(CONNECTION);
            assertThat(e.header().xid()).isEqualTo(9);
            assertThat(e.header().type()).isEqualTo(999);
            assertThat(e.unknownOpcode()).isTrue();
        });
    }

    @Test
    void malformedBodyIsUndecodableWithAReason() {
        JuteWriter body = new JuteWriter();
        body.writeInt(50).writeInt(0); // a path claiming 50 bytes with 4 present
        feed(Frames.connect(), Frames.rawRequest(3, OpCode.GET_DATA, body.toByteArray()));
        assertThat(channel.isOpen()).isTrue();
        assertThat(recorder.messages.get(1)).isInstanceOfSatisfying(Event.RequestUndecodable.class, e -> {
            assertThat(e.unknownOpcode()).isFalse();
            assertThat(e.reason()).contains("truncated");
        });
    }
}
