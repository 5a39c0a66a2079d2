package io.paddock.core.wire;

import java.util.List;

/** The body of a successful reply (only sent when ReplyHeader.err is 0). */
public sealed interface ClientResponse {

    void write(JuteWriter w);

    /** Replies with no body: delete, setWatches, removeWatches, checkWatches, auth, ping, closeSession. */
    record Empty() implements ClientResponse {
        public static final Empty INSTANCE = new Empty();

        public void write(JuteWriter w) {
        }
    }

    /** addWatch answers with an ErrorResponse body holding 0 (the official client reads one). */
    record ErrorBody(int err) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeInt(err);
        }
    }

    record Create(String path) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    record Create2(String path, Stat stat) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeString(path);
            stat.write(w);
        }
    }

    /** exists, setData and setACL all answer with a bare Stat. */
    record StatOnly(Stat stat) implements ClientResponse {
        public void write(JuteWriter w) {
            stat.write(w);
        }
    }

    /** getData, and reconfig (which answers with the config as data). */
    record GetData(byte[] data, Stat stat) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeBuffer(data);
            stat.write(w);
        }
    }

    record GetChildren(List<String> children) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeStringVector(children);
        }
    }

    record GetChildren2(List<String> children, Stat stat) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeStringVector(children);
            stat.write(w);
        }
    }

    record GetAcl(List<Acl> acl, Stat stat) implements ClientResponse {
        public void write(JuteWriter w) {
            Acl.writeList(w, acl);
            stat.write(w);
        }
    }

    record Sync(String path) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeString(path);
        }
    }

    record GetEphemerals(List<String> ephemerals) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeStringVector(ephemerals);
        }
    }

    record GetAllChildrenNumber(int totalNumber) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeInt(totalNumber);
        }
    }

    record ClientInfo(String authScheme, String user) {
    }

    record WhoAmI(List<ClientInfo> clientInfo) implements ClientResponse {
        public void write(JuteWriter w) {
            w.writeVector(clientInfo, (out, c) -> out.writeString(c.authScheme()).writeString(c.user()));
        }
    }

    /** multi and multiRead: one result per op, each after a MultiHeader, ended by {-1, true, -1}. */
    record Multi(List<OpResult> results) implements ClientResponse {
        public void write(JuteWriter w) {
            for (OpResult result : results) {
                w.writeInt(result.type()).writeBool(false).writeInt(result instanceof OpResult.Error e ? e.err() : 0);
                result.writeBody(w);
            }
            w.writeInt(-1).writeBool(true).writeInt(-1);
        }
    }

    /** One op's outcome inside a multi reply. */
    sealed interface OpResult {
        int type();

        void writeBody(JuteWriter w);

        record Create(String path) implements OpResult {
            public int type() {
                return OpCode.CREATE;
            }

            public void writeBody(JuteWriter w) {
                w.writeString(path);
            }
        }

        record Create2(String path, Stat stat) implements OpResult {
            public int type() {
                return OpCode.CREATE2;
            }

            public void writeBody(JuteWriter w) {
                w.writeString(path);
                stat.write(w);
            }
        }

        record Delete() implements OpResult {
            public int type() {
                return OpCode.DELETE;
            }

            public void writeBody(JuteWriter w) {
            }
        }

        record SetData(Stat stat) implements OpResult {
            public int type() {
                return OpCode.SET_DATA;
            }

            public void writeBody(JuteWriter w) {
                stat.write(w);
            }
        }

        record Check() implements OpResult {
            public int type() {
                return OpCode.CHECK;
            }

            public void writeBody(JuteWriter w) {
            }
        }

        record GetChildren(List<String> children) implements OpResult {
            public int type() {
                return OpCode.GET_CHILDREN;
            }

            public void writeBody(JuteWriter w) {
                w.writeStringVector(children);
            }
        }

        record GetData(byte[] data, Stat stat) implements OpResult {
            public int type() {
                return OpCode.GET_DATA;
            }

            public void writeBody(JuteWriter w) {
                w.writeBuffer(data);
                stat.write(w);
            }
        }

        record Error(int err) implements OpResult {
            public int type() {
                return OpCode.ERROR;
            }

            public void writeBody(JuteWriter w) {
                w.writeInt(err);
            }
        }
    }
}
