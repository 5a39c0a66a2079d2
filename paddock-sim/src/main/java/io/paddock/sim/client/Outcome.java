package io.paddock.sim.client;

import java.util.Objects;

/** What a client observed. {@link NeverReturned} marks an operation whose reply never came. */
public sealed interface Outcome {

    /** create or delete succeeded. */
    record Ok() implements Outcome {
        @Override
        public String toString() {
            return "ok";
        }
    }

    /** setData succeeded; the znode now has this version. */
    record Written(int newVersion) implements Outcome {
        @Override
        public String toString() {
            return "ok(version=" + newVersion + ")";
        }
    }

    /** getData found the znode. */
    record Read(String data, int version) implements Outcome {
        public Read {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "(\"" + data + "\", version=" + version + ")";
        }
    }

    /** exists found the znode. */
    record Found(int version) implements Outcome {
        @Override
        public String toString() {
            return "exists(version=" + version + ")";
        }
    }

    /** The znode was absent: NoNode for getData/setData/delete, "absent" for exists. */
    record NoNode() implements Outcome {
        @Override
        public String toString() {
            return "NoNode";
        }
    }

    record NodeExists() implements Outcome {
        @Override
        public String toString() {
            return "NodeExists";
        }
    }

    record BadVersion() implements Outcome {
        @Override
        public String toString() {
            return "BadVersion";
        }
    }

    /**
     * Any other error reply (SessionExpired, SessionMoved, NotEmpty, ... as ZooKeeper's error code): the server
     * answered that it did not carry the operation out, so the znode was not changed by it.
     */
    record Failed(int err) implements Outcome {
        @Override
        public String toString() {
            return "Failed(" + err + ")";
        }
    }

    /** No reply: the operation may have taken effect at any time after its invocation, or never. */
    record NeverReturned() implements Outcome {
        @Override
        public String toString() {
            return "never returned";
        }
    }

    Outcome OK = new Ok();
    Outcome NO_NODE = new NoNode();
    Outcome NODE_EXISTS = new NodeExists();
    Outcome BAD_VERSION = new BadVersion();
    Outcome NEVER_RETURNED = new NeverReturned();

    /** Whether a reply of this shape can answer the command at all (guards against malformed histories). */
    static boolean fits(Command command, Outcome outcome) {
        if (outcome instanceof NeverReturned || outcome instanceof Failed) return true;
        return switch (command) {
            case Command.Create c -> outcome instanceof Ok || outcome instanceof NodeExists;
            case Command.Delete d -> outcome instanceof Ok || outcome instanceof NoNode || outcome instanceof BadVersion;
            case Command.SetData s -> outcome instanceof Written || outcome instanceof NoNode || outcome instanceof BadVersion;
            case Command.GetData g -> outcome instanceof Read || outcome instanceof NoNode;
            case Command.Exists e -> outcome instanceof Found || outcome instanceof NoNode;
        };
    }
}
