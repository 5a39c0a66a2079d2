package io.paddock.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.paddock.core.node.Action;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.ReplyHeader;

/**
 * Encodes the core's send actions as length-prefixed frames, on the connection's I/O thread so the peer loop
 * only hands records over. Other messages (a four-letter word's text) pass through untouched.
 */
final class ActionEncoder extends MessageToByteEncoder<Action> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof Action.SendConnectResponse || msg instanceof Action.SendReply
                || msg instanceof Action.SendWatchEvent;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Action action, ByteBuf out) {
        JuteWriter writer = new JuteWriter();
        writer.writeInt(0); // length, back-filled below
        switch (action) {
            case Action.SendConnectResponse send -> send.response().write(writer);
            case Action.SendReply send -> {
                send.header().write(writer);
                if (send.body() != null) {
                    send.body().write(writer);
                }
            }
            case Action.SendWatchEvent send -> {
                new ReplyHeader(ReplyHeader.NOTIFICATION_XID, send.zxid(), 0).write(writer);
                send.event().write(writer);
            }
            default -> throw new IllegalArgumentException("not a send action: " + action);
        }
        writer.patchInt(0, writer.size() - 4);
        out.writeBytes(writer.array(), 0, writer.size());
    }

}
