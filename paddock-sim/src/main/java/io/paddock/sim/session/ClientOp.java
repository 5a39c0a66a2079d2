package io.paddock.sim.session;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.OpCode;
import io.paddock.sim.client.Command;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One call an application makes on its ZooKeeper handle, as the Java client sends it: create with the plain
 * create opcode and the open ACL, the others with their own opcodes. Data is text (unique tokens).
 */
public sealed interface ClientOp {

    String path();

    /** The request body on the wire. */
    ClientRequest request();

    /** What the history records; null for sync, which {@link Command} does not model. */
    Command command();

    /** Whether the call leaves a watch on success. */
    default boolean watch() {
        return false;
    }

    record Create(String path, String data, boolean ephemeral) implements ClientOp {
        public Create {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ClientRequest request() {
            CreateMode mode = ephemeral ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT;
            return new ClientRequest.Create(OpCode.CREATE, path, bytes(data), Acl.OPEN_ACL_UNSAFE, mode.flag());
        }

        @Override
        public Command command() {
            return new Command.Create(path, data);
        }
    }

    record SetData(String path, String data, int version) implements ClientOp {
        public SetData {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ClientRequest request() {
            return new ClientRequest.SetData(path, bytes(data), version);
        }

        @Override
        public Command command() {
            return new Command.SetData(path, data, version);
        }
    }

    record Delete(String path, int version) implements ClientOp {
        public Delete {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ClientRequest request() {
            return new ClientRequest.Delete(path, version);
        }

        @Override
        public Command command() {
            return new Command.Delete(path, version);
        }
    }

    record GetData(String path, boolean watch) implements ClientOp {
        public GetData {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ClientRequest request() {
            return new ClientRequest.GetData(path, watch);
        }

        @Override
        public Command command() {
            return new Command.GetData(path);
        }
    }

    record Exists(String path, boolean watch) implements ClientOp {
        public Exists {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ClientRequest request() {
            return new ClientRequest.Exists(path, watch);
        }

        @Override
        public Command command() {
            return new Command.Exists(path);
        }
    }

    record Sync(String path) implements ClientOp {
        public Sync {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ClientRequest request() {
            return new ClientRequest.Sync(path);
        }

        @Override
        public Command command() {
            return null;
        }
    }

    private static byte[] bytes(String data) {
        return data.getBytes(StandardCharsets.UTF_8);
    }
}
