package io.paddock.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what one connection can make the server hold for it. Above the high water mark the connection stops
 * being read (so it cannot ask for more); watch notifications can still pile up for a client that never reads,
 * so past {@code maxPendingBytes} of unwritten output the connection is closed.
 */
final class OutboundLimitHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLimitHandler.class);

    /** Unwritten bytes one connection may hold before it is closed. Well above any single reply (jute.maxbuffer). */
    static final long PENDING_OUTBOUND_BYTES_MAX = 64L * 1024 * 1024;

    private final long maxPendingBytes;
    // volatile: the peer loop reads it for the cons word
    private volatile boolean readingPausedHere;

    OutboundLimitHandler(long maxPendingBytes) {
        if (maxPendingBytes <= 0) {
            throw new IllegalArgumentException("maxPendingBytes must be positive: " + maxPendingBytes);
        }
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > maxPendingBytes) {
            LOG.warn("Closing connection from {}: {} bytes of output unread, limit {}", ctx.channel().remoteAddress(),
                    pending.totalPendingWriteBytes(), maxPendingBytes);
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        if (!writable && ctx.channel().config().isAutoRead()) {
            readingPausedHere = true;
            ctx.channel().config().setAutoRead(false);
        } else if (writable && readingPausedHere) {
            readingPausedHere = false;
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** True while this handler holds reading off because the client is not taking its output. */
    boolean readingPaused() {
        return readingPausedHere;
    }
}
