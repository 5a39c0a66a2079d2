package io.paddock.core.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Encoding helpers, and a test-side reader for replies (Paddock only writes those). */
final class Encodings {
    private Encodings() {
    }

    static byte[] encode(Consumer<JuteWriter> body) {
        JuteWriter w = new JuteWriter(4);
        body.accept(w);
        return w.toByteArray();
    }

    static byte[] encode(ClientRequest request) {
        return encode(request::write);
    }

    static byte[] encode(ClientResponse response) {
        return encode(response::write);
    }

    /** Decodes all of {@code bytes} with {@code decoder}, failing if any byte is left over. */
    static <T> T decodeFully(byte[] bytes, Function<JuteReader, T> decoder) {
        JuteReader r = new JuteReader(bytes);
        T value = decoder.apply(r);
        if (r.hasRemaining()) {
            throw new AssertionError(r.remaining() + " bytes left after decoding " + value);
        }
        return value;
    }

    /** Reads a reply body of the same kind as {@code shape}, following the 3.9 jute layouts. */
    static ClientResponse readLike(ClientResponse shape, JuteReader r) {
        return switch (shape) {
            case ClientResponse.Empty e -> ClientResponse.Empty.INSTANCE;
            case ClientResponse.ErrorBody e -> new ClientResponse.ErrorBody(r.readInt());
            case ClientResponse.Create c -> new ClientResponse.Create(r.readString());
            case ClientResponse.Create2 c -> new ClientResponse.Create2(r.readString(), Stat.read(r));
            case ClientResponse.StatOnly s -> new ClientResponse.StatOnly(Stat.read(r));
            case ClientResponse.GetData g -> new ClientResponse.GetData(r.readBuffer(), Stat.read(r));
            case ClientResponse.GetChildren g -> new ClientResponse.GetChildren(r.readStringVector());
            case ClientResponse.GetChildren2 g -> new ClientResponse.GetChildren2(r.readStringVector(), Stat.read(r));
            case ClientResponse.GetAcl g -> new ClientResponse.GetAcl(Acl.readList(r), Stat.read(r));
            case ClientResponse.Sync s -> new ClientResponse.Sync(r.readString());
            case ClientResponse.GetEphemerals g -> new ClientResponse.GetEphemerals(r.readStringVector());
            case ClientResponse.GetAllChildrenNumber g -> new ClientResponse.GetAllChildrenNumber(r.readInt());
            case ClientResponse.WhoAmI w -> new ClientResponse.WhoAmI(
                    r.readVector(in -> new ClientResponse.ClientInfo(in.readString(), in.readString())));
            case ClientResponse.Multi m -> readMulti(r);
        };
    }

    private static ClientResponse.Multi readMulti(JuteReader r) {
        List<ClientResponse.OpResult> results = new ArrayList<>();
        while (true) {
            int type = r.readInt();
            boolean done = r.readBool();
            int err = r.readInt();
            if (done) {
                if (type != -1 || err != -1) {
                    throw new AssertionError("end marker must be {-1, true, -1}, was {" + type + ", true, " + err + "}");
                }
                return new ClientResponse.Multi(results);
            }
            ClientResponse.OpResult result = switch (type) {
                case OpCode.CREATE -> new ClientResponse.OpResult.Create(r.readString());
                case OpCode.CREATE2 -> new ClientResponse.OpResult.Create2(r.readString(), Stat.read(r));
                case OpCode.DELETE -> new ClientResponse.OpResult.Delete();
                case OpCode.SET_DATA -> new ClientResponse.OpResult.SetData(Stat.read(r));
                case OpCode.CHECK -> new ClientResponse.OpResult.Check();
                case OpCode.GET_CHILDREN -> new ClientResponse.OpResult.GetChildren(r.readStringVector());
                case OpCode.GET_DATA -> new ClientResponse.OpResult.GetData(r.readBuffer(), Stat.read(r));
                case OpCode.ERROR -> new ClientResponse.OpResult.Error(r.readInt());
                default -> throw new AssertionError("unexpected result type " + type);
            };
            int expectedErr = result instanceof ClientResponse.OpResult.Error e ? e.err() : 0;
            if (err != expectedErr) {
                throw new AssertionError("header err " + err + " for " + result);
            }
            results.add(result);
        }
    }
}
