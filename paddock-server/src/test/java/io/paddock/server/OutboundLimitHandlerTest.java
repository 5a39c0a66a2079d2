package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class OutboundLimitHandlerTest {

    private static EmbeddedChannel channel(OutboundLimitHandler limits) {
        EmbeddedChannel channel = new EmbeddedChannel(limits);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16, 32));
        return channel;
    }

    @Test
    void readingStopsWhileTheClientIsNotTakingOutputAndResumesWhenItDoes() {
        OutboundLimitHandler limits = new OutboundLimitHandler(1024);
        EmbeddedChannel channel = channel(limits);
        channel.write(Unpooled.wrappedBuffer(new byte[64])); // queued, not flushed: above the high mark
        channel.runPendingTasks();
        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(limits.readingPaused()).isTrue();

        channel.flush();
        channel.runPendingTasks();
        assertThat(channel.isWritable()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(limits.readingPaused()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void readingTurnedOffElsewhereIsNotTurnedBackOn() {
        OutboundLimitHandler limits = new OutboundLimitHandler(1024);
        EmbeddedChannel channel = channel(limits);
        channel.config().setAutoRead(false); // as for a four-letter word
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        channel.flush();
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void tooMuchUnwrittenOutputCloses() {
        // Netty counts each queued message's bookkeeping too (about 100 bytes), so stay well clear of it.
        EmbeddedChannel channel = channel(new OutboundLimitHandler(1000));
        channel.write(Unpooled.wrappedBuffer(new byte[600]));
        assertThat(channel.isOpen()).isTrue();
        channel.write(Unpooled.wrappedBuffer(new byte[600]));
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
