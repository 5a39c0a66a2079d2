package io.paddock.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.paddock.core.node.Event;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound end of a client connection's pipeline: admits or refuses the connection (maxClientCnxns per
 * address), and hands what the decoder produced to the peer loop, bracketed by ConnectionOpened and
 * ConnectionClosed.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);

    private final long connectionId;
    private final LoopSink loop;
    private final ConnectionLimiter limiter;
    private final OutboundLimitHandler limits;
    private InetAddress countedAddress;
    private boolean opened;

    ClientChannelHandler(long connectionId, LoopSink loop, ConnectionLimiter limiter, OutboundLimitHandler limits) {
        this.connectionId = connectionId;
        this.loop = loop;
        this.limiter = limiter;
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        String remoteHost = String.valueOf(remote);
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress address = inet.getAddress();
            if (!limiter.tryAcquire(address)) {
                LOG.warn("Too many connections from {} - max is {}", address, limiter.maxPerAddress());
                ctx.close();
                return;
            }
            countedAddress = address;
            remoteHost = address.getHostAddress();
        }
        opened = true;
        loop.submit(new LoopItem.Opened(connectionId, new NettyClientConnection(ctx.channel(), limits), remoteHost));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!opened) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg) {
            case Event event -> loop.submit(new LoopItem.CoreEvent(event));
            case FourLetterWordReceived word -> {
                // Nothing more is read: the answer goes out and the connection closes.
                ctx.channel().config().setAutoRead(false);
                loop.submit(new LoopItem.FourLetter(word));
            }
            default -> {
                ReferenceCountUtil.release(msg);
                throw new IllegalStateException("unexpected inbound message " + msg.getClass().getName());
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (countedAddress != null) {
            limiter.release(countedAddress);
            countedAddress = null;
        }
        if (opened) {
            opened = false;
            loop.submit(new LoopItem.CoreEvent(new Event.ConnectionClosed(connectionId)));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.nio.channels.ClosedChannelException) {
            LOG.debug("Connection {} already closed: {}", connectionId, cause.toString());
            return;
        }
        LOG.info("Closing connection {} from {}: {}", connectionId, ctx.channel().remoteAddress(), cause.toString());
        LOG.debug("Connection {} failed", connectionId, cause);
        ctx.close();
    }
}
