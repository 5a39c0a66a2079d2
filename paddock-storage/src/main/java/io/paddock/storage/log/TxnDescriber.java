package io.paddock.storage.log;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** One line per txn for people: zxid, session, cxid, time, type, then the path and a short summary of the body. */
final class TxnDescriber {
    /** Data up to this size that is printable ASCII is shown as text; other data only by its size. */
    static final int DATA_PREVIEW_BYTES_MAX = 32;
    /** Ops of a multi, and paths of a closed session, listed before "...". */
    static final int LIST_ITEMS_MAX = 8;

    private TxnDescriber() {
    }

    static String line(LoggedTxn logged) {
        TxnHeader h = logged.header();
        return SegmentFormat.hex(h.zxid()) + " session " + SegmentFormat.hex(h.sessionId()) + " cxid " + h.cxid()
                + " " + Instant.ofEpochMilli(h.time()) + " " + OpCode.name(h.type()) + " " + body(logged.txn());
    }

    static String body(Txn txn) {
        return switch (txn) {
            case Txn.Create c -> c.path() + " " + data(c.data()) + " acl " + acls(c.acl())
                    + (c.ephemeral() ? " ephemeral" : "") + " parentCVersion " + c.parentCVersion();
            case Txn.CreateContainer c -> c.path() + " " + data(c.data()) + " acl " + acls(c.acl())
                    + " parentCVersion " + c.parentCVersion();
            case Txn.CreateTtl c -> c.path() + " " + data(c.data()) + " acl " + acls(c.acl())
                    + " parentCVersion " + c.parentCVersion() + " ttl " + c.ttl() + "ms";
            case Txn.Delete d -> d.path();
            case Txn.SetData s -> s.path() + " " + data(s.data()) + " version " + s.version();
            case Txn.SetAcl s -> s.path() + " acl " + acls(s.acl()) + " aversion " + s.version();
            case Txn.CheckVersion c -> c.path() + " version " + c.version();
            case Txn.CreateSession s -> "timeout " + s.timeOut() + "ms";
            case Txn.CloseSession s -> "ephemerals " + list(s.paths2Delete());
            case Txn.Error e -> "err " + e.err();
            case Txn.Multi m -> m.txns().size() + " ops " + list(m.txns().stream()
                    .map(t -> OpCode.name(t.type()) + " " + body(t)).toList());
        };
    }

    static String data(byte[] data) {
        if (data == null) {
            return "data null";
        }
        if (data.length <= DATA_PREVIEW_BYTES_MAX && printable(data)) {
            return "data \"" + new String(data, StandardCharsets.US_ASCII) + "\"";
        }
        return "data " + data.length + " bytes";
    }

    private static boolean printable(byte[] data) {
        for (byte b : data) {
            if (b < 0x20 || b > 0x7e || b == '"') {
                return false;
            }
        }
        return true;
    }

    private static String acls(List<Acl> acl) {
        if (acl == null) {
            return "null";
        }
        return list(acl.stream().map(a -> a.id().scheme() + ":" + a.id().id() + ":" + perms(a.perms())).toList());
    }

    /** Permission letters as ZooKeeper's CLI prints them: c d r w a. */
    private static String perms(int perms) {
        StringBuilder letters = new StringBuilder();
        letters.append((perms & Perms.CREATE) != 0 ? "c" : "");
        letters.append((perms & Perms.DELETE) != 0 ? "d" : "");
        letters.append((perms & Perms.READ) != 0 ? "r" : "");
        letters.append((perms & Perms.WRITE) != 0 ? "w" : "");
        letters.append((perms & Perms.ADMIN) != 0 ? "a" : "");
        return letters.toString();
    }

    private static String list(List<String> items) {
        if (items == null) {
            return "null";
        }
        if (items.size() <= LIST_ITEMS_MAX) {
            return "[" + String.join(", ", items) + "]";
        }
        return "[" + String.join(", ", items.subList(0, LIST_ITEMS_MAX)) + ", ... " + (items.size() - LIST_ITEMS_MAX)
                + " more]";
    }
}
