package io.paddock.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.paddock.core.node.Event;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.core.wire.RequestHeader;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one client connection's bytes into core events, on the connection's I/O thread. Frames are a 4-byte
 * big-endian length and a payload. The first frame is a ConnectRequest, unless its length field spells a
 * four-letter word; every later frame is a RequestHeader and a request body.
 *
 * <p>Anything that cannot be framed (a negative length, one above jute.maxbuffer, a bad ConnectRequest, a frame
 * too short for a RequestHeader) closes the connection, as Apache ZooKeeper does; after that the decoder
 * swallows whatever else arrives. A body that does not decode is not fatal here: the core answers it.
 */
final class ClientFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFrameDecoder.class);

    private static final int LENGTH_BYTES = 4;
    private static final int REQUEST_HEADER_BYTES = 8;
    private static final int TRACE_MASK_BYTES = 8;

    private enum State { AWAIT_CONNECT, CONNECTED, DONE }

    private final long connectionId;
    private final int maxFrameBytes;
    private final LongSupplier wallClock;
    private State state = State.AWAIT_CONNECT;

    ClientFrameDecoder(long connectionId, int maxFrameBytes, LongSupplier wallClock) {
        if (maxFrameBytes < 0) {
            throw new IllegalArgumentException("jute.maxbuffer must not be negative: " + maxFrameBytes);
        }
        this.connectionId = connectionId;
        this.maxFrameBytes = maxFrameBytes;
        this.wallClock = wallClock;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (state != State.DONE && in.readableBytes() >= LENGTH_BYTES) {
            int length = in.getInt(in.readerIndex());
            if (state == State.AWAIT_CONNECT && FourLetterWord.nameOf(length) != null) {
                if (!decodeFourLetterWord(in, FourLetterWord.nameOf(length), out)) {
                    return;
                }
                continue;
            }
            if (length < 0 || length > maxFrameBytes) {
                fail(ctx, in, "frame length " + length + " outside [0, " + maxFrameBytes + "]");
                return;
            }
            if (in.readableBytes() < LENGTH_BYTES + length) {
                return;
            }
            in.skipBytes(LENGTH_BYTES);
            byte[] payload = new byte[length];
            in.readBytes(payload);
            Object decoded = state == State.AWAIT_CONNECT ? decodeConnect(payload) : decodeRequest(payload);
            if (decoded instanceof String reason) {
                fail(ctx, in, reason);
                return;
            }
            out.add(decoded);
        }
        if (state == State.DONE) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Returns false when the word's argument has not fully arrived yet. */
    private boolean decodeFourLetterWord(ByteBuf in, String word, List<Object> out) {
        long argument = 0;
        if (word.equals(FourLetterWord.SET_TRACE_MASK)) {
            if (in.readableBytes() < LENGTH_BYTES + TRACE_MASK_BYTES) {
                return false;
            }
            argument = in.getLong(in.readerIndex() + LENGTH_BYTES);
        }
        // Nothing after a four-letter word is read: the answer is written and the connection closed.
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        out.add(new FourLetterWordReceived(connectionId, word, argument));
        return true;
    }

    /** An event, or a String saying why the connection must close. */
    private Object decodeConnect(byte[] payload) {
        try {
            ConnectRequest request = ConnectRequest.read(new JuteReader(payload));
            state = State.CONNECTED;
            return new Event.ConnectReceived(connectionId, request, wallClock.getAsLong());
        } catch (RuntimeException e) {
            return "first frame is not a ConnectRequest: " + e.getMessage();
        }
    }

    /** An event, or a String saying why the connection must close. */
    private Object decodeRequest(byte[] payload) {
        if (payload.length < REQUEST_HEADER_BYTES) {
            return "frame of " + payload.length + " bytes is too short for a request header";
        }
        JuteReader reader = new JuteReader(payload);
        RequestHeader header = RequestHeader.read(reader);
        try {
            ClientRequest request = ClientRequest.decode(header.type(), reader);
            if (request == null) {
                return new Event.RequestUndecodable(connectionId, header, true, "unknown opcode " + header.type());
            }
            return new Event.RequestReceived(connectionId, header, request, wallClock.getAsLong());
        } catch (MalformedRecordException e) {
            return new Event.RequestUndecodable(connectionId, header, false, e.getMessage());
        } catch (RuntimeException e) {
            // A record constructor that rejects its fields is as malformed as a truncated one.
            return new Event.RequestUndecodable(connectionId, header, false, e.toString());
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        LOG.info("Closing connection {} from {}: {}", connectionId, ctx.channel().remoteAddress(), reason);
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
