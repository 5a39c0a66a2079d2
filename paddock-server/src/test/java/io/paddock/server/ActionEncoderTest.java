package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.paddock.core.node.Action;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.Stat;
import io.paddock.core.wire.WatcherEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ActionEncoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ActionEncoder());

    /** Writes one action and returns the frame's payload after checking its length prefix. */
    private JuteReader encode(Object action) {
        assertThat(channel.writeOutbound(action)).isTrue();
        ByteBuf out = channel.readOutbound();
        try {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            JuteReader reader = new JuteReader(bytes);
            assertThat(reader.readInt()).isEqualTo(bytes.length - 4);
            return reader;
        } finally {
            out.release();
        }
    }

    @Test
    void connectResponse() {
        ConnectResponse response = new ConnectResponse(0, 30_000, 0x1234L, new byte[16], false, true);
        JuteReader r = encode(new Action.SendConnectResponse(1, response));
        ConnectResponse decoded = ConnectResponse.read(r);
        assertThat(decoded.sessionId()).isEqualTo(0x1234L);
        assertThat(decoded.timeOut()).isEqualTo(30_000);
        assertThat(decoded.readOnlyPresent()).isTrue();
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void replyWithBody() {
        Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        JuteReader r = encode(new Action.SendReply(1, new ReplyHeader(42, 0x99L, 0),
                new ClientResponse.StatOnly(stat)));
        assertThat(ReplyHeader.read(r)).isEqualTo(new ReplyHeader(42, 0x99L, 0));
        assertThat(Stat.read(r)).isEqualTo(stat);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void errorReplyHasNoBody() {
        JuteReader r = encode(new Action.SendReply(1, new ReplyHeader(7, 5L, ErrorCode.NO_NODE), null));
        assertThat(ReplyHeader.read(r)).isEqualTo(new ReplyHeader(7, 5L, ErrorCode.NO_NODE));
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void watchEventGoesOutWithTheNotificationXid() {
        WatcherEvent event = new WatcherEvent(3, 3, "/a");
        JuteReader r = encode(new Action.SendWatchEvent(1, 0x77L, event));
        assertThat(ReplyHeader.read(r)).isEqualTo(new ReplyHeader(-1, 0x77L, 0));
        assertThat(WatcherEvent.read(r)).isEqualTo(event);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void rawBytesPassThrough() {
        channel.writeOutbound(Unpooled.copiedBuffer("imok", StandardCharsets.US_ASCII));
        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("imok");
        out.release();
    }
}
