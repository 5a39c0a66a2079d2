package io.paddock.storage.snapshot;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.PathValidator;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Id;
import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One pass over a snapshot file that checks everything: magic, version, the zxid against the file name, every
 * length, the parents-first order, the checksum and the end magic. What it decodes goes to a {@link Visitor};
 * callers that must not act on unverified content collect it and use it only once {@link #parse} returned.
 */
final class SnapshotParser {
    /** Smallest encoding of one session entry (long id, int timeout). */
    private static final int SESSION_BYTES = 12;
    /** Smallest encoding of one ACL entry (int perms, two empty strings). */
    private static final int ACL_BYTES = 12;

    interface Visitor {
        void header(long zxid, int sessionCount);

        void session(long id, int timeoutMillis);

        void node(NodeRecord node);
    }

    private SnapshotParser() {
    }

    static void parse(FileSystem fs, Path file, Visitor visitor) throws IOException, CorruptSnapshotException {
        if (!fs.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (FileHandle handle = fs.open(file)) {
            SnapshotInput in = new SnapshotInput(handle, file);
            if (in.remaining() < SnapshotFormat.HEADER_BYTES + 1 + SnapshotFormat.TRAILER_BYTES) {
                throw in.corrupt(0, "too short to be a snapshot: " + in.remaining() + " bytes");
            }
            long zxid = readHeader(in, file);
            int sessionCount = in.readCount("session count", SESSION_BYTES);
            visitor.header(zxid, sessionCount);
            readSessions(in, sessionCount, visitor);
            readNodes(in, visitor);
            readTrailer(in);
        }
    }

    private static long readHeader(SnapshotInput in, Path file) throws IOException, CorruptSnapshotException {
        int magic = in.readInt("magic");
        if (magic != SnapshotFormat.MAGIC) {
            throw in.corrupt(0, String.format("bad magic 0x%08x, expected 0x%08x", magic, SnapshotFormat.MAGIC));
        }
        int version = in.readInt("version");
        if (version != SnapshotFormat.VERSION) {
            throw in.corrupt(4, "unsupported version " + version);
        }
        long zxid = in.readLong("zxid");
        long named = file.getFileName() == null ? -1 : SnapshotFormat.zxidOf(file.getFileName().toString());
        if (zxid < 0 || (named >= 0 && named != zxid)) {
            throw in.corrupt(8, String.format("zxid 0x%x does not match the file name", zxid));
        }
        return zxid;
    }

    private static void readSessions(SnapshotInput in, int count, Visitor visitor) throws IOException, CorruptSnapshotException {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            long at = in.position();
            long id = in.readLong("session id");
            int timeout = in.readInt("session timeout");
            if (!seen.add(id) || timeout < 0) {
                throw in.corrupt(at, String.format("session 0x%x duplicated or with negative timeout %d", id, timeout));
            }
            visitor.session(id, timeout);
        }
    }

    private static void readNodes(SnapshotInput in, Visitor visitor) throws IOException, CorruptSnapshotException {
        Set<String> paths = new HashSet<>();
        while (in.readBool("node marker")) {
            long at = in.position();
            NodeRecord node = readNode(in);
            String problem = orderProblem(node.path(), paths);
            if (problem != null) {
                throw in.corrupt(at, problem);
            }
            paths.add(node.path());
            visitor.node(node);
        }
        if (paths.isEmpty()) {
            throw in.corrupt(in.position() - 1, "no nodes: a snapshot holds at least the root");
        }
    }

    private static String orderProblem(String path, Set<String> earlier) {
        String invalid = PathValidator.problem(path);
        if (invalid != null) {
            return "invalid path " + path + ": " + invalid;
        }
        if (earlier.isEmpty()) {
            return DataTree.ROOT.equals(path) ? null : "first node is " + path + ", not the root";
        }
        if (earlier.contains(path)) {
            return "node " + path + " appears twice";
        }
        if (!earlier.contains(PathValidator.parentOf(path))) {
            return "node " + path + " comes before its parent";
        }
        return null;
    }

    private static NodeRecord readNode(SnapshotInput in) throws IOException, CorruptSnapshotException {
        String path = in.readString("path");
        byte[] data = in.readBuffer("data of " + path);
        List<Acl> acl = readAcl(in, path);
        return new NodeRecord(path, data, acl, in.readLong("czxid"), in.readLong("mzxid"), in.readLong("ctime"),
                in.readLong("mtime"), in.readInt("version"), in.readInt("cversion"), in.readInt("aversion"),
                in.readLong("ephemeralOwner"), in.readLong("pzxid"));
    }

    private static List<Acl> readAcl(SnapshotInput in, String path) throws IOException, CorruptSnapshotException {
        int count = in.readCount("ACL count of " + path, ACL_BYTES);
        List<Acl> acl = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int perms = in.readInt("ACL perms");
            acl.add(new Acl(perms, new Id(in.readString("ACL scheme"), in.readString("ACL id"))));
        }
        return List.copyOf(acl);
    }

    private static void readTrailer(SnapshotInput in) throws IOException, CorruptSnapshotException {
        long at = in.position();
        int computed = in.checksum();
        int stored = in.readInt("checksum");
        if (stored != computed) {
            throw in.corrupt(at, String.format("checksum mismatch: stored 0x%08x, computed 0x%08x", stored, computed));
        }
        int end = in.readInt("end magic");
        if (end != SnapshotFormat.END_MAGIC) {
            throw in.corrupt(at + 4, String.format("bad end magic 0x%08x", end));
        }
        if (in.remaining() != 0) {
            throw in.corrupt(in.position(), in.remaining() + " unexpected bytes after the end magic");
        }
    }
}
