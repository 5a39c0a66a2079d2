package io.paddock.storage.snapshot;

import io.paddock.core.node.RecoveredState;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.EphemeralOwner;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.wire.Acl;
import io.paddock.storage.fs.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Reading, finding and printing snapshot files (see {@link SnapshotFormat} for the layout). */
public final class SnapshotFile {
    private SnapshotFile() {
    }

    /** A verified snapshot: the zxid it was started at, the sessions then, and the nodes parents-first. */
    public record Snapshot(long zxid, Map<Long, Integer> sessions, List<NodeRecord> nodes) {
        public Snapshot {
            sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
            nodes = List.copyOf(nodes);
        }

        /** A fresh state holding exactly this snapshot: replay the log after {@link #zxid} on top of it. */
        public RecoveredState restore() {
            DataTree tree = new DataTree();
            for (NodeRecord node : nodes) {
                tree.restore(node);
            }
            tree.restoredThrough(zxid);
            return new RecoveredState(tree, sessions);
        }
    }

    /** Validates magic, structure and CRC BEFORE returning anything. */
    public static Snapshot read(FileSystem fs, Path file) throws IOException, CorruptSnapshotException {
        Collector collector = new Collector();
        SnapshotParser.parse(fs, file, collector);
        return new Snapshot(collector.zxid, collector.sessions, collector.nodes);
    }

    /** Finished snapshots in {@code dir} (never {@code *.tmp}), the highest zxid first; empty when there is no dir. */
    public static List<Path> listNewestFirst(FileSystem fs, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : fs.list(dir)) {
            if (SnapshotFormat.zxidOf(name) >= 0) {
                names.add(name);
            }
        }
        names.sort(Comparator.comparingLong(SnapshotFormat::zxidOf).reversed());
        return names.stream().map(dir::resolve).toList();
    }

    /** The zxid in a snapshot file's name, or -1 when {@code file} is not named like a finished snapshot. */
    public static long zxidOf(Path file) {
        Path name = file.getFileName();
        return name == null ? -1 : SnapshotFormat.zxidOf(name.toString());
    }

    /** Whether {@code fileName} is a snapshot's temp name (an unfinished or abandoned write). */
    public static boolean isTempName(String fileName) {
        return SnapshotFormat.isTemp(fileName);
    }

    /**
     * Prints a snapshot for a person: a header line, one line per session, one line per node with its stored
     * stat and data length, and a closing count. Nothing is printed unless the whole file verifies.
     */
    public static void dump(FileSystem fs, Path file, Consumer<String> line) throws IOException, CorruptSnapshotException {
        SnapshotParser.parse(fs, file, VERIFY_ONLY);
        Printer printer = new Printer(file, line);
        SnapshotParser.parse(fs, file, printer);
        printer.summary();
    }

    private static class Collector implements SnapshotParser.Visitor {
        long zxid;
        final Map<Long, Integer> sessions = new LinkedHashMap<>();
        final List<NodeRecord> nodes = new ArrayList<>();

        @Override
        public void header(long zxid, int sessionCount) {
            this.zxid = zxid;
        }

        @Override
        public void session(long id, int timeoutMillis) {
            sessions.put(id, timeoutMillis);
        }

        @Override
        public void node(NodeRecord node) {
            nodes.add(node);
        }
    }

    /** Verifies without keeping anything. */
    private static final SnapshotParser.Visitor VERIFY_ONLY = new SnapshotParser.Visitor() {
        @Override
        public void header(long zxid, int sessionCount) {
        }

        @Override
        public void session(long id, int timeoutMillis) {
        }

        @Override
        public void node(NodeRecord node) {
        }
    };

    private static final class Printer implements SnapshotParser.Visitor {
        private final Path file;
        private final Consumer<String> line;
        private long nodes;

        Printer(Path file, Consumer<String> line) {
            this.file = file;
            this.line = line;
        }

        @Override
        public void header(long zxid, int sessionCount) {
            line.accept(String.format(Locale.ROOT, "Snapshot %s: zxid 0x%x, %d sessions (cversion shown as stored: child creates)",
                    file, zxid, sessionCount));
        }

        @Override
        public void session(long id, int timeoutMillis) {
            line.accept(String.format(Locale.ROOT, "session 0x%016x timeout %d ms", id, timeoutMillis));
        }

        @Override
        public void node(NodeRecord n) {
            nodes++;
            line.accept(String.format(Locale.ROOT,
                    "%s czxid=0x%x ctime=%s mzxid=0x%x mtime=%s pzxid=0x%x cversion=%d version=%d aversion=%d "
                            + "owner=%s dataLength=%d acl=%s",
                    n.path(), n.czxid(), Instant.ofEpochMilli(n.ctime()), n.mzxid(), Instant.ofEpochMilli(n.mtime()),
                    n.pzxid(), n.cversion(), n.version(), n.aversion(), owner(n.ephemeralOwner()),
                    n.data() == null ? 0 : n.data().length, acl(n.acl())));
        }

        private static String owner(long owner) {
            if (owner == 0) {
                return "none";
            } else if (EphemeralOwner.isContainer(owner)) {
                return "container";
            } else if (EphemeralOwner.isTtl(owner)) {
                return "ttl:" + EphemeralOwner.ttlOf(owner) + "ms";
            }
            return String.format(Locale.ROOT, "session:0x%x", owner);
        }

        private static String acl(List<Acl> acl) {
            return acl.stream().map(a -> a.id().scheme() + ":" + a.id().id() + ":" + a.perms())
                    .collect(Collectors.joining(",", "[", "]"));
        }

        void summary() {
            line.accept(nodes + " nodes, checksum ok");
        }
    }
}
