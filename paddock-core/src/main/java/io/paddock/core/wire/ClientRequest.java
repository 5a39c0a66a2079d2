package io.paddock.core.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of every client request, one record per opcode of the 3.9 protocol. {@link #decode} turns an
 * opcode and the bytes after the RequestHeader into a record; {@link #write} is its inverse.
 */
public sealed interface ClientRequest {

    /** The opcode this record is sent with (create, create2 and createContainer share CreateRequest's layout). */
    int opCode();

    void write(JuteWriter w);

    /** Requests that carry a path, for validation and ACL checks before anything else happens. */
    sealed interface PathRequest extends ClientRequest {
        String path();
    }

    /** An operation that may appear inside a multi or multiRead. */
    sealed interface MultiOp extends PathRequest {
    }

    record Create(int opCode, String path, byte[] data, List<Acl> acl, int flags) implements MultiOp {
        public Create {
            if (opCode != OpCode.CREATE && opCode != OpCode.CREATE2 && opCode != OpCode.CREATE_CONTAINER) {
                throw new IllegalArgumentException("not a create opcode: " + opCode);
            }
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data);
            Acl.writeList(w, acl);
            w.writeInt(flags);
        }

        static Create read(int op, JuteReader r) {
            return new Create(op, r.readString(), r.readBuffer(), Acl.readList(r), r.readInt());
        }
    }

    record CreateTtl(String path, byte[] data, List<Acl> acl, int flags, long ttl) implements MultiOp {
        public int opCode() {
            return OpCode.CREATE_TTL;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data);
            Acl.writeList(w, acl);
            w.writeInt(flags).writeLong(ttl);
        }
    }

    record Delete(String path, int version) implements MultiOp {
        public int opCode() {
            return OpCode.DELETE;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeInt(version);
        }
    }

    /** deleteContainer: sent by the server to itself; a client that sends it gets it processed too, as in ZooKeeper. */
    record DeleteContainer(String path) implements PathRequest {
        public int opCode() {
            return OpCode.DELETE_CONTAINER;
        }

        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    record SetData(String path, byte[] data, int version) implements MultiOp {
        public int opCode() {
            return OpCode.SET_DATA;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data).writeInt(version);
        }
    }

    record Check(String path, int version) implements MultiOp {
        public int opCode() {
            return OpCode.CHECK;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeInt(version);
        }
    }

    record Exists(String path, boolean watch) implements PathRequest {
        public int opCode() {
            return OpCode.EXISTS;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBool(watch);
        }
    }

    record GetData(String path, boolean watch) implements MultiOp {
        public int opCode() {
            return OpCode.GET_DATA;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBool(watch);
        }
    }

    /** getChildren (8) and getChildren2 (12) share a layout; only the reply differs. */
    record GetChildren(int opCode, String path, boolean watch) implements MultiOp {
        public GetChildren {
            if (opCode != OpCode.GET_CHILDREN && opCode != OpCode.GET_CHILDREN2) {
                throw new IllegalArgumentException("not a getChildren opcode: " + opCode);
            }
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBool(watch);
        }
    }

    record GetAcl(String path) implements PathRequest {
        public int opCode() {
            return OpCode.GET_ACL;
        }

        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    record SetAcl(String path, List<Acl> acl, int version) implements PathRequest {
        public int opCode() {
            return OpCode.SET_ACL;
        }

        public void write(JuteWriter w) {
            w.writeString(path);
            Acl.writeList(w, acl);
            w.writeInt(version);
        }
    }

    record Sync(String path) implements PathRequest {
        public int opCode() {
            return OpCode.SYNC;
        }

        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    record Ping() implements ClientRequest {
        public int opCode() {
            return OpCode.PING;
        }

        public void write(JuteWriter w) {
        }
    }

    /** multi (14) and multiRead (22): a list of ops, each after a MultiHeader, ended by {-1, true, -1}. */
    record Multi(int opCode, List<MultiOp> ops) implements ClientRequest {
        public Multi {
            if (opCode != OpCode.MULTI && opCode != OpCode.MULTI_READ) {
                throw new IllegalArgumentException("not a multi opcode: " + opCode);
            }
            ops = List.copyOf(ops);
        }

        public void write(JuteWriter w) {
            for (MultiOp op : ops) {
                w.writeInt(op.opCode()).writeBool(false).writeInt(-1);
                op.write(w);
            }
            w.writeInt(-1).writeBool(true).writeInt(-1);
        }
    }

    record Reconfig(String joiningServers, String leavingServers, String newMembers, long curConfigId)
            implements ClientRequest {
        public int opCode() {
            return OpCode.RECONFIG;
        }

        public void write(JuteWriter w) {
            w.writeString(joiningServers).writeString(leavingServers).writeString(newMembers).writeLong(curConfigId);
        }
    }

    /** checkWatches (17) and removeWatches (18) share a layout. */
    record WatchQuery(int opCode, String path, int watcherType) implements PathRequest {
        public WatchQuery {
            if (opCode != OpCode.CHECK_WATCHES && opCode != OpCode.REMOVE_WATCHES) {
                throw new IllegalArgumentException("not a watch query opcode: " + opCode);
            }
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeInt(watcherType);
        }
    }

    record Auth(int type, String scheme, byte[] auth) implements ClientRequest {
        public int opCode() {
            return OpCode.AUTH;
        }

        public void write(JuteWriter w) {
            w.writeInt(type).writeString(scheme).writeBuffer(auth);
        }
    }

    /**
     * setWatches (101) and setWatches2 (105). For setWatches the persistent lists are empty and not encoded.
     */
    record SetWatches(int opCode, long relativeZxid, List<String> dataWatches, List<String> existWatches,
                      List<String> childWatches, List<String> persistentWatches,
                      List<String> persistentRecursiveWatches) implements ClientRequest {
        public SetWatches {
            if (opCode != OpCode.SET_WATCHES && opCode != OpCode.SET_WATCHES2) {
                throw new IllegalArgumentException("not a setWatches opcode: " + opCode);
            }
            dataWatches = nullToEmpty(dataWatches);
            existWatches = nullToEmpty(existWatches);
            childWatches = nullToEmpty(childWatches);
            persistentWatches = nullToEmpty(persistentWatches);
            persistentRecursiveWatches = nullToEmpty(persistentRecursiveWatches);
        }

        private static List<String> nullToEmpty(List<String> l) {
            return l == null ? List.of() : l;
        }

        public void write(JuteWriter w) {
            w.writeLong(relativeZxid).writeStringVector(dataWatches).writeStringVector(existWatches)
                    .writeStringVector(childWatches);
            if (opCode == OpCode.SET_WATCHES2) {
                w.writeStringVector(persistentWatches).writeStringVector(persistentRecursiveWatches);
            }
        }
    }

    record Sasl(byte[] token) implements ClientRequest {
        public int opCode() {
            return OpCode.SASL;
        }

        public void write(JuteWriter w) {
            w.writeBuffer(token);
        }
    }

    record GetEphemerals(String prefixPath) implements ClientRequest {
        public int opCode() {
            return OpCode.GET_EPHEMERALS;
        }

        public void write(JuteWriter w) {
            w.writeString(prefixPath);
        }
    }

    record GetAllChildrenNumber(String path) implements PathRequest {
        public int opCode() {
            return OpCode.GET_ALL_CHILDREN_NUMBER;
        }

        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    record AddWatch(String path, int mode) implements PathRequest {
        public int opCode() {
            return OpCode.ADD_WATCH;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeInt(mode);
        }
    }

    record WhoAmI() implements ClientRequest {
        public int opCode() {
            return OpCode.WHO_AM_I;
        }

        public void write(JuteWriter w) {
        }
    }

    record CloseSession() implements ClientRequest {
        public int opCode() {
            return OpCode.CLOSE_SESSION;
        }

        public void write(JuteWriter w) {
        }
    }

    /**
     * Decodes the body of a request of type {@code op}. Returns null for an opcode this protocol does not
     * define (the server answers Unimplemented and closes). Throws MalformedRecordException for a body
     * that does not decode.
     */
    static ClientRequest decode(int op, JuteReader r) {
        return switch (op) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> Create.read(op, r);
            case OpCode.CREATE_TTL -> new CreateTtl(r.readString(), r.readBuffer(), Acl.readList(r), r.readInt(), r.readLong());
            case OpCode.DELETE -> new Delete(r.readString(), r.readInt());
            case OpCode.DELETE_CONTAINER -> new DeleteContainer(r.readString());
            case OpCode.SET_DATA -> new SetData(r.readString(), r.readBuffer(), r.readInt());
            case OpCode.CHECK -> new Check(r.readString(), r.readInt());
            case OpCode.EXISTS -> new Exists(r.readString(), r.readBool());
            case OpCode.GET_DATA -> new GetData(r.readString(), r.readBool());
            case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> new GetChildren(op, r.readString(), r.readBool());
            case OpCode.GET_ACL -> new GetAcl(r.readString());
            case OpCode.SET_ACL -> new SetAcl(r.readString(), Acl.readList(r), r.readInt());
            case OpCode.SYNC -> new Sync(r.readString());
            case OpCode.PING -> new Ping();
            case OpCode.MULTI, OpCode.MULTI_READ -> readMulti(op, r);
            case OpCode.RECONFIG -> new Reconfig(r.readString(), r.readString(), r.readString(), r.readLong());
            case OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES -> new WatchQuery(op, r.readString(), r.readInt());
            case OpCode.AUTH -> new Auth(r.readInt(), r.readString(), r.readBuffer());
            case OpCode.SET_WATCHES -> new SetWatches(op, r.readLong(), r.readStringVector(), r.readStringVector(),
                    r.readStringVector(), List.of(), List.of());
            case OpCode.SET_WATCHES2 -> new SetWatches(op, r.readLong(), r.readStringVector(), r.readStringVector(),
                    r.readStringVector(), r.readStringVector(), r.readStringVector());
            case OpCode.SASL -> new Sasl(r.readBuffer());
            case OpCode.GET_EPHEMERALS -> new GetEphemerals(r.readString());
            case OpCode.GET_ALL_CHILDREN_NUMBER -> new GetAllChildrenNumber(r.readString());
            case OpCode.ADD_WATCH -> new AddWatch(r.readString(), r.readInt());
            case OpCode.WHO_AM_I -> new WhoAmI();
            case OpCode.CLOSE_SESSION -> new CloseSession();
            default -> null;
        };
    }

    private static Multi readMulti(int op, JuteReader r) {
        List<MultiOp> ops = new ArrayList<>();
        while (true) {
            int type = r.readInt();
            boolean done = r.readBool();
            r.readInt(); // err: always -1 in requests
            if (done) {
                return new Multi(op, ops);
            }
            ops.add(switch (type) {
                case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> Create.read(type, r);
                case OpCode.CREATE_TTL -> new CreateTtl(r.readString(), r.readBuffer(), Acl.readList(r), r.readInt(), r.readLong());
                case OpCode.DELETE -> new Delete(r.readString(), r.readInt());
                case OpCode.SET_DATA -> new SetData(r.readString(), r.readBuffer(), r.readInt());
                case OpCode.CHECK -> new Check(r.readString(), r.readInt());
                case OpCode.GET_CHILDREN -> new GetChildren(type, r.readString(), r.readBool());
                case OpCode.GET_DATA -> new GetData(r.readString(), r.readBool());
                default -> throw new MalformedRecordException("invalid op type " + type + " inside multi");
            });
        }
    }
}
