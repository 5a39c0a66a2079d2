package io.paddock.core.tree;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.core.wire.OpCode;
import java.util.List;

/**
 * A state change, decided by request preparation and applied identically everywhere (on the live path, in
 * recovery replay, on followers). Layouts follow ZooKeeper's txn records so logs stay readable by the same
 * rules. Everything a txn needs is inside it: applying never consults anything but the tree.
 */
public sealed interface Txn {

    /** The opcode a TxnHeader carries for this txn. */
    int type();

    void write(JuteWriter w);

    /** create or create2 (the reply differs); ephemeral or not, the owner being the header's session. */
    record Create(int type, String path, byte[] data, List<Acl> acl, boolean ephemeral, int parentCVersion) implements Txn {
        public Create {
            if (type != OpCode.CREATE && type != OpCode.CREATE2) {
                throw new IllegalArgumentException("not a create type: " + type);
            }
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data);
            Acl.writeList(w, acl);
            w.writeBool(ephemeral).writeInt(parentCVersion);
        }
    }

    record CreateContainer(String path, byte[] data, List<Acl> acl, int parentCVersion) implements Txn {
        public int type() {
            return OpCode.CREATE_CONTAINER;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data);
            Acl.writeList(w, acl);
            w.writeInt(parentCVersion);
        }
    }

    record CreateTtl(String path, byte[] data, List<Acl> acl, int parentCVersion, long ttl) implements Txn {
        public int type() {
            return OpCode.CREATE_TTL;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data);
            Acl.writeList(w, acl);
            w.writeInt(parentCVersion).writeLong(ttl);
        }
    }

    /** delete, and deleteContainer (the same layout; the header's type tells them apart) */
    record Delete(int type, String path) implements Txn {
        public Delete {
            if (type != OpCode.DELETE && type != OpCode.DELETE_CONTAINER) {
                throw new IllegalArgumentException("not a delete type: " + type);
            }
        }

        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    /** version is the node's new version (old + 1). */
    record SetData(String path, byte[] data, int version) implements Txn {
        public int type() {
            return OpCode.SET_DATA;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeBuffer(data).writeInt(version);
        }
    }

    /** version is the node's new aversion (old + 1). */
    record SetAcl(String path, List<Acl> acl, int version) implements Txn {
        public int type() {
            return OpCode.SET_ACL;
        }

        public void write(JuteWriter w) {
            w.writeString(path);
            Acl.writeList(w, acl);
            w.writeInt(version);
        }
    }

    record CheckVersion(String path, int version) implements Txn {
        public int type() {
            return OpCode.CHECK;
        }

        public void write(JuteWriter w) {
            w.writeString(path).writeInt(version);
        }
    }

    record CreateSession(int timeOut) implements Txn {
        public int type() {
            return OpCode.CREATE_SESSION;
        }

        public void write(JuteWriter w) {
            w.writeInt(timeOut);
        }
    }

    /** paths2Delete: the session's ephemerals when it was closed, deleted in this order. */
    record CloseSession(List<String> paths2Delete) implements Txn {
        public int type() {
            return OpCode.CLOSE_SESSION;
        }

        public void write(JuteWriter w) {
            w.writeStringVector(paths2Delete);
        }
    }

    record Error(int err) implements Txn {
        public int type() {
            return OpCode.ERROR;
        }

        public void write(JuteWriter w) {
            w.writeInt(err);
        }
    }

    /** All ops of a multi, applied atomically under one zxid. A failed multi holds only Error txns. */
    record Multi(List<Txn> txns) implements Txn {
        public Multi {
            txns = List.copyOf(txns);
            for (Txn t : txns) {
                if (t instanceof Multi || t instanceof CreateSession || t instanceof CloseSession) {
                    throw new IllegalArgumentException("not allowed inside a multi: " + t);
                }
            }
        }

        public int type() {
            return OpCode.MULTI;
        }

        public void write(JuteWriter w) {
            w.writeInt(txns.size());
            for (Txn t : txns) {
                JuteWriter inner = new JuteWriter();
                t.write(inner);
                w.writeInt(t.type()).writeBuffer(inner.toByteArray());
            }
        }
    }

    /** Decodes a txn body whose header said {@code type}. */
    static Txn read(int type, JuteReader r) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2 -> new Create(type, r.readString(), r.readBuffer(), Acl.readList(r), r.readBool(), r.readInt());
            case OpCode.CREATE_CONTAINER -> new CreateContainer(r.readString(), r.readBuffer(), Acl.readList(r), r.readInt());
            case OpCode.CREATE_TTL -> new CreateTtl(r.readString(), r.readBuffer(), Acl.readList(r), r.readInt(), r.readLong());
            case OpCode.DELETE, OpCode.DELETE_CONTAINER -> new Delete(type, r.readString());
            case OpCode.SET_DATA -> new SetData(r.readString(), r.readBuffer(), r.readInt());
            case OpCode.SET_ACL -> new SetAcl(r.readString(), Acl.readList(r), r.readInt());
            case OpCode.CHECK -> new CheckVersion(r.readString(), r.readInt());
            case OpCode.CREATE_SESSION -> new CreateSession(r.readInt());
            case OpCode.CLOSE_SESSION -> new CloseSession(r.hasRemaining() ? r.readStringVector() : List.of());
            case OpCode.ERROR -> new Error(r.readInt());
            case OpCode.MULTI -> {
                int count = r.readInt();
                if (count < 0 || count > r.remaining()) {
                    throw new MalformedRecordException("impossible multi txn count " + count);
                }
                Txn[] txns = new Txn[count];
                for (int i = 0; i < count; i++) {
                    int innerType = r.readInt();
                    byte[] body = r.readBuffer();
                    if (body == null || innerType == OpCode.MULTI || innerType == OpCode.CREATE_SESSION
                            || innerType == OpCode.CLOSE_SESSION) {
                        throw new MalformedRecordException("txn type " + innerType + " cannot be inside a multi");
                    }
                    txns[i] = read(innerType, new JuteReader(body));
                }
                yield new Multi(List.of(txns));
            }
            default -> throw new MalformedRecordException("unknown txn type " + type);
        };
    }
}
