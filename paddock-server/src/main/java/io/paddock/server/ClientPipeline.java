package io.paddock.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Builds each accepted client connection's pipeline and gives the connection its id. */
final class ClientPipeline extends ChannelInitializer<Channel> {
    private final AtomicLong connectionIds = new AtomicLong();
    private final LoopSink loop;
    private final ConnectionLimiter limiter;
    private final int maxFrameBytes;
    private final long maxPendingOutboundBytes;
    private final LongSupplier wallClock;
    private final ChannelGroup liveChannels;

    /** @param liveChannels where accepted channels are registered so shutdown can close them */
    ClientPipeline(LoopSink loop, ConnectionLimiter limiter, int maxFrameBytes, long maxPendingOutboundBytes,
                   LongSupplier wallClock, ChannelGroup liveChannels) {
        this.liveChannels = liveChannels;
        this.loop = loop;
        this.limiter = limiter;
        this.maxFrameBytes = maxFrameBytes;
        this.maxPendingOutboundBytes = maxPendingOutboundBytes;
        this.wallClock = wallClock;
    }

    @Override
    protected void initChannel(Channel channel) {
        liveChannels.add(channel);
        install(channel, connectionIds.incrementAndGet());
    }

    /**
     * Outbound, an action passes the encoder and then the limit check next to the socket; inbound, bytes pass
     * the decoder and reach the handler that feeds the loop.
     */
    void install(Channel channel, long connectionId) {
        OutboundLimitHandler limits = new OutboundLimitHandler(maxPendingOutboundBytes);
        channel.pipeline().addLast("limits", limits);
        channel.pipeline().addLast("decoder", new ClientFrameDecoder(connectionId, maxFrameBytes, wallClock));
        channel.pipeline().addLast("encoder", new ActionEncoder());
        channel.pipeline().addLast("handler", new ClientChannelHandler(connectionId, loop, limiter, limits));
    }
}
