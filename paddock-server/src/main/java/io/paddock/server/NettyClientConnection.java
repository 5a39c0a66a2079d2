package io.paddock.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.paddock.core.node.Action;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A client connection's output over a Netty channel: each delivered batch is one task on its I/O thread. */
final class NettyClientConnection implements ClientConnection {
    private static final int OP_READ = 1;
    private static final int OP_WRITE = 4;

    private final Channel channel;
    private final OutboundLimitHandler limits;
    /** Shared by every write: a write that fails because the connection closed needs no report of its own. */
    private final ChannelPromise silentPromise;

    NettyClientConnection(Channel channel, OutboundLimitHandler limits) {
        this.channel = channel;
        this.limits = limits;
        this.silentPromise = new VoidChannelPromise(channel, false);
    }

    @Override
    public void deliver(List<Object> outbox) {
        channel.eventLoop().execute(() -> writeAll(outbox));
    }

    private void writeAll(List<Object> outbox) {
        if (!channel.isActive()) {
            return;
        }
        for (Object message : outbox) {
            if (!channel.isActive()) {
                return; // closed mid-batch, e.g. by the outbound limit: encoding the rest would be wasted
            }
            if (message instanceof Action.CloseConnection) {
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            channel.write(message, silentPromise);
        }
        channel.flush();
    }

    @Override
    public void answerAndClose(String text) {
        if (text == null) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public int interestOps() {
        if (!channel.isOpen()) {
            return 0;
        }
        int ops = limits != null && limits.readingPaused() ? 0 : OP_READ;
        return channel.isWritable() ? ops : ops | OP_WRITE;
    }
}
