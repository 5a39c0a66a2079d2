package io.paddock.sim.client;

import java.util.Objects;

/**
 * What a client asked for, on one znode. Data is text: simulated clients write unique tokens, which keeps
 * histories readable and values comparable by equality.
 */
public sealed interface Command {

    /** Matches any version, as in ZooKeeper. */
    int ANY_VERSION = -1;

    String path();

    /** True when the command never changes the znode, whatever its outcome. */
    default boolean readOnly() {
        return this instanceof GetData || this instanceof Exists;
    }

    record Create(String path, String data) implements Command {
        public Create {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "create(" + path + ", \"" + data + "\")";
        }
    }

    record Delete(String path, int expectedVersion) implements Command {
        public Delete {
            Objects.requireNonNull(path, "path");
            if (expectedVersion < ANY_VERSION) throw new IllegalArgumentException("expectedVersion " + expectedVersion);
        }

        @Override
        public String toString() {
            return "delete(" + path + ", v=" + expectedVersion + ")";
        }
    }

    record SetData(String path, String data, int expectedVersion) implements Command {
        public SetData {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(data, "data");
            if (expectedVersion < ANY_VERSION) throw new IllegalArgumentException("expectedVersion " + expectedVersion);
        }

        @Override
        public String toString() {
            return "setData(" + path + ", \"" + data + "\", v=" + expectedVersion + ")";
        }
    }

    record GetData(String path) implements Command {
        public GetData {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "getData(" + path + ")";
        }
    }

    record Exists(String path) implements Command {
        public Exists {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "exists(" + path + ")";
        }
    }
}
