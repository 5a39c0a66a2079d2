package io.paddock.compat.fuzz;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.RequestHeader;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes request frames from a seeded Random: valid requests of every kind, and mutations of them —
 * flipped bits, truncated or padded bodies, unknown opcodes, lying vector counts and string lengths,
 * garbage, and frame lengths that lie.
 */
final class FrameFuzzer {
    /** Apache ZooKeeper's default jute.maxbuffer; frame lengths above it are refused. */
    static final int MAX_FRAME = 0xfffff;

    enum Kind { VALID, FLIP, TRUNCATE, EXTEND, UNKNOWN_OPCODE, HUGE_COUNT, GARBAGE, LENGTH_SHORT, LENGTH_LONG, LENGTH_INVALID }

    /** A frame as sent, what was done to it, and whether it leaves the stream out of step with frame boundaries. */
    record Frame(Kind kind, byte[] bytes) {
        boolean desynchronizes() {
            return kind == Kind.LENGTH_SHORT || kind == Kind.LENGTH_LONG;
        }

        @Override
        public String toString() {
            return kind + " " + Arrays.toString(bytes.length > 48 ? Arrays.copyOf(bytes, 48) : bytes)
                    + (bytes.length > 48 ? "…(" + bytes.length + " bytes)" : "");
        }
    }

    private final Random random;
    private int xid = 1;

    FrameFuzzer(Random random) {
        this.random = random;
    }

    Frame next() {
        int roll = random.nextInt(100);
        // Mostly valid traffic, so a burst reaches deeper server state before the mutation that may end it.
        Kind kind = roll < 50 ? Kind.VALID
                : roll < 62 ? Kind.FLIP
                : roll < 70 ? Kind.TRUNCATE
                : roll < 75 ? Kind.EXTEND
                : roll < 78 ? Kind.UNKNOWN_OPCODE
                : roll < 88 ? Kind.HUGE_COUNT
                : roll < 93 ? Kind.GARBAGE
                : roll < 95 ? Kind.LENGTH_SHORT
                : roll < 97 ? Kind.LENGTH_LONG
                : Kind.LENGTH_INVALID;
        return new Frame(kind, make(kind));
    }

    private byte[] make(Kind kind) {
        byte[] payload = validPayload();
        return switch (kind) {
            case VALID -> RawConnection.frame(payload);
            case FLIP -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield RawConnection.frame(payload);
            }
            case TRUNCATE -> RawConnection.frame(Arrays.copyOf(payload, random.nextInt(payload.length)));
            case EXTEND -> {
                byte[] longer = Arrays.copyOf(payload, payload.length + 1 + random.nextInt(16));
                for (int i = payload.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                yield RawConnection.frame(longer);
            }
            case UNKNOWN_OPCODE -> {
                int[] unknown = {10, 23, 50, 99, 108, 1000, -2, -9, -100, Integer.MAX_VALUE};
                overwriteInt(payload, 4, unknown[random.nextInt(unknown.length)]);
                yield RawConnection.frame(payload);
            }
            case HUGE_COUNT -> {
                if (payload.length >= 12) {
                    int[] lies = {Integer.MAX_VALUE, 0x10000000, MAX_FRAME, 0xfffff + 1, -2, Integer.MIN_VALUE};
                    overwriteInt(payload, 8 + random.nextInt(payload.length - 11), lies[random.nextInt(lies.length)]);
                }
                yield RawConnection.frame(payload);
            }
            case GARBAGE -> {
                byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                yield RawConnection.frame(garbage);
            }
            case LENGTH_SHORT -> withLength(payload, random.nextInt(payload.length));
            case LENGTH_LONG -> withLength(payload, payload.length + 1 + random.nextInt(64));
            case LENGTH_INVALID -> {
                int[] invalid = {-1, -2, Integer.MIN_VALUE, MAX_FRAME + 1, Integer.MAX_VALUE};
                yield withLength(payload, invalid[random.nextInt(invalid.length)]);
            }
        };
    }

    /** A correct RequestHeader + body for a randomly chosen request kind. */
    byte[] validPayload() {
        ClientRequest request = validRequest();
        JuteWriter w = new JuteWriter();
        new RequestHeader(request.opCode() == OpCode.PING ? -2 : xid++, request.opCode()).write(w);
        request.write(w);
        return w.toByteArray();
    }

    private ClientRequest validRequest() {
        String path = "/fuzz/n" + random.nextInt(8);
        byte[] data = new byte[random.nextInt(16)];
        random.nextBytes(data);
        boolean watch = random.nextBoolean();
        return switch (random.nextInt(20)) {
            case 0 -> new ClientRequest.Create(OpCode.CREATE, path, data, Acl.OPEN_ACL_UNSAFE, random.nextInt(4));
            case 1 -> new ClientRequest.Create(OpCode.CREATE2, path, data, Acl.OPEN_ACL_UNSAFE, random.nextInt(4));
            case 2 -> new ClientRequest.Create(OpCode.CREATE_CONTAINER, path, data, Acl.OPEN_ACL_UNSAFE, 4);
            case 3 -> new ClientRequest.CreateTtl(path, data, Acl.OPEN_ACL_UNSAFE, 5, 1 + random.nextInt(10_000));
            case 4 -> new ClientRequest.Delete(path, -1);
            case 5 -> new ClientRequest.SetData(path, data, -1);
            case 6 -> new ClientRequest.GetData(path, watch);
            case 7 -> new ClientRequest.Exists(path, watch);
            case 8 -> new ClientRequest.GetChildren(random.nextBoolean() ? OpCode.GET_CHILDREN : OpCode.GET_CHILDREN2,
                    "/fuzz", watch);
            case 9 -> new ClientRequest.GetAcl(path);
            case 10 -> new ClientRequest.Sync("/fuzz");
            case 11 -> new ClientRequest.Ping();
            case 12 -> new ClientRequest.Multi(OpCode.MULTI, List.of(
                    new ClientRequest.Create(OpCode.CREATE, path + "m", data, Acl.OPEN_ACL_UNSAFE, 0),
                    new ClientRequest.SetData(path + "m", data, -1),
                    new ClientRequest.Check(path + "m", 1),
                    new ClientRequest.Delete(path + "m", -1)));
            case 13 -> new ClientRequest.Multi(OpCode.MULTI_READ, List.of(
                    new ClientRequest.GetData(path, false),
                    new ClientRequest.GetChildren(OpCode.GET_CHILDREN, "/fuzz", false)));
            case 14 -> new ClientRequest.SetWatches(OpCode.SET_WATCHES2, 0, List.of(path), List.of(path), List.of("/fuzz"),
                    List.of(path), List.of("/fuzz"));
            case 15 -> new ClientRequest.AddWatch(path, random.nextInt(2));
            case 16 -> new ClientRequest.WatchQuery(OpCode.REMOVE_WATCHES, path, 1 + random.nextInt(3));
            case 17 -> new ClientRequest.GetAllChildrenNumber("/fuzz");
            case 18 -> new ClientRequest.GetEphemerals("/fuzz");
            default -> new ClientRequest.WhoAmI();
        };
    }

    /** A frame whose length field says {@code length} while the full payload follows. */
    private static byte[] withLength(byte[] payload, int length) {
        byte[] frame = RawConnection.frame(payload);
        overwriteInt(frame, 0, length);
        return frame;
    }

    private static void overwriteInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }

    /** A handshake frame mutated the same ways as requests, to fuzz the connection's first message. */
    byte[] mutatedHandshake() {
        JuteWriter w = new JuteWriter();
        new io.paddock.core.wire.ConnectRequest(0, 0, 10_000, 0, new byte[16], false, random.nextBoolean()).write(w);
        byte[] payload = w.toByteArray();
        return switch (random.nextInt(4)) {
            case 0 -> {
                payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
                yield RawConnection.frame(payload);
            }
            case 1 -> RawConnection.frame(Arrays.copyOf(payload, random.nextInt(payload.length)));
            case 2 -> {
                overwriteInt(payload, 24, random.nextBoolean() ? Integer.MAX_VALUE : -7); // the passwd length
                yield RawConnection.frame(payload);
            }
            default -> withLength(payload, random.nextBoolean() ? payload.length + 9 : MAX_FRAME + 1);
        };
    }
}
