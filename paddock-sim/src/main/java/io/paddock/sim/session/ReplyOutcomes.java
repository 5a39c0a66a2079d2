package io.paddock.sim.session;

import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Stat;
import io.paddock.sim.client.Outcome;
import java.nio.charset.StandardCharsets;

/** Turns a server's reply to a {@link ClientOp} into what the history records. */
final class ReplyOutcomes {

    /** The recorded outcome and the znode's mzxid when the reply carried a Stat (else -1). */
    record Mapped(Outcome outcome, long mzxid) {
    }

    private ReplyOutcomes() {
    }

    static Mapped map(ClientOp op, int err, ClientResponse body) {
        if (err != ErrorCode.OK) {
            return new Mapped(error(op, err), -1);
        }
        return switch (op) {
            case ClientOp.Create c -> new Mapped(Outcome.OK, -1); // plain create replies with the path only
            case ClientOp.Delete d -> new Mapped(Outcome.OK, -1);
            case ClientOp.Sync s -> new Mapped(Outcome.OK, -1);
            case ClientOp.SetData s -> {
                Stat stat = ((ClientResponse.StatOnly) body).stat();
                yield new Mapped(new Outcome.Written(stat.version()), stat.mzxid());
            }
            case ClientOp.Exists e -> {
                Stat stat = ((ClientResponse.StatOnly) body).stat();
                yield new Mapped(new Outcome.Found(stat.version()), stat.mzxid());
            }
            case ClientOp.GetData g -> {
                ClientResponse.GetData data = (ClientResponse.GetData) body;
                String text = new String(data.data() == null ? new byte[0] : data.data(), StandardCharsets.UTF_8);
                yield new Mapped(new Outcome.Read(text, data.stat().version()), data.stat().mzxid());
            }
        };
    }

    /** The errors the linearizability model knows keep their own outcome; every other one is {@code Failed}. */
    private static Outcome error(ClientOp op, int err) {
        boolean known = switch (op) {
            case ClientOp.Create c -> err == ErrorCode.NODE_EXISTS;
            case ClientOp.Delete d -> err == ErrorCode.NO_NODE || err == ErrorCode.BAD_VERSION;
            case ClientOp.SetData s -> err == ErrorCode.NO_NODE || err == ErrorCode.BAD_VERSION;
            case ClientOp.GetData g -> err == ErrorCode.NO_NODE;
            case ClientOp.Exists e -> err == ErrorCode.NO_NODE;
            case ClientOp.Sync s -> false;
        };
        if (!known) return new Outcome.Failed(err);
        return switch (err) {
            case ErrorCode.NODE_EXISTS -> Outcome.NODE_EXISTS;
            case ErrorCode.NO_NODE -> Outcome.NO_NODE;
            default -> Outcome.BAD_VERSION;
        };
    }
}
