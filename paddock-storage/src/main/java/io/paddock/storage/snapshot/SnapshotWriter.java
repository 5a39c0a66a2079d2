package io.paddock.storage.snapshot;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.PathValidator;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.JuteWriter;
import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Writes one snapshot in slices, so the caller can interleave it with serving requests. Bytes go to
 * {@code snapshot.<zxid>.tmp}; only {@link #finish} makes the real name appear, after the content is durable,
 * so a crash at any point leaves either no snapshot or a complete one (plus a stray temp file recovery deletes).
 */
public final class SnapshotWriter implements AutoCloseable {
    /** Encoded bytes are handed to the file once this many have collected. */
    static final int FLUSH_BYTES = 64 * 1024;

    private final FileSystem fs;
    private final Path dir;
    private final Path tmp;
    private final Path target;
    private final FileHandle handle;
    private final CRC32C crc = new CRC32C();
    private final Set<String> written = new HashSet<>();
    private JuteWriter pending = new JuteWriter(FLUSH_BYTES * 2);
    private long position;
    private boolean finished;
    private boolean closed;

    private SnapshotWriter(FileSystem fs, Path dir, long zxid) throws IOException {
        this.fs = fs;
        this.dir = dir;
        this.target = dir.resolve(SnapshotFormat.fileName(zxid));
        this.tmp = dir.resolve(SnapshotFormat.fileName(zxid) + SnapshotFormat.TMP_SUFFIX);
        this.handle = fs.open(tmp);
    }

    /**
     * Starts a snapshot of the tree as of {@code zxid} (the cursor's start zxid) with the session table as it
     * was then. A temp file left by an earlier attempt at the same zxid is overwritten.
     */
    public static SnapshotWriter begin(FileSystem fs, Path dir, long zxid, Map<Long, Integer> sessions) throws IOException {
        if (zxid < 0) {
            throw new IllegalArgumentException("negative zxid " + zxid);
        }
        fs.createDirectories(dir);
        SnapshotWriter writer = new SnapshotWriter(fs, dir, zxid);
        try {
            writer.handle.truncate(0);
            JuteWriter w = writer.pending;
            w.writeInt(SnapshotFormat.MAGIC).writeInt(SnapshotFormat.VERSION).writeLong(zxid).writeInt(sessions.size());
            for (Map.Entry<Long, Integer> s : sessions.entrySet()) {
                w.writeLong(s.getKey()).writeInt(s.getValue());
            }
            writer.flushIfFull();
            return writer;
        } catch (IOException | RuntimeException e) {
            try {
                writer.close();
            } catch (UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Appends nodes; every node's parent must already be written (the cursor's order guarantees it). */
    public void write(List<NodeRecord> nodes) throws IOException {
        requireOpen();
        for (NodeRecord node : nodes) {
            checkOrder(node.path());
            pending.writeBool(true);
            encode(pending, node);
            flushIfFull();
        }
    }

    /** Writes the trailer, makes the file durable and gives it its real name; returns that name. */
    public Path finish() throws IOException {
        requireOpen();
        if (!written.contains(DataTree.ROOT)) {
            throw new IllegalStateException("a snapshot must contain the root");
        }
        pending.writeBool(false);
        flush();
        int checksum = (int) crc.getValue();
        pending.writeInt(checksum).writeInt(SnapshotFormat.END_MAGIC);
        flush();
        handle.force();
        handle.close();
        finished = true;
        closed = true;
        fs.rename(tmp, target);
        fs.forceDirectory(dir);
        return target;
    }

    /** Abandons an unfinished snapshot: its temp file is deleted. Does nothing after {@link #finish}. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (!closed) {
                closed = true;
                handle.close();
            }
            fs.delete(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove unfinished snapshot " + tmp, e);
        }
    }

    static void encode(JuteWriter w, NodeRecord n) {
        w.writeString(n.path()).writeBuffer(n.data());
        Acl.writeList(w, n.acl());
        w.writeLong(n.czxid()).writeLong(n.mzxid()).writeLong(n.ctime()).writeLong(n.mtime())
                .writeInt(n.version()).writeInt(n.cversion()).writeInt(n.aversion())
                .writeLong(n.ephemeralOwner()).writeLong(n.pzxid());
    }

    private void checkOrder(String path) {
        if (written.isEmpty()) {
            if (!DataTree.ROOT.equals(path)) {
                throw new IllegalArgumentException("the first node of a snapshot must be the root, not " + path);
            }
        } else if (DataTree.ROOT.equals(path) || !written.contains(PathValidator.parentOf(path))) {
            throw new IllegalArgumentException("node written before its parent, or twice: " + path);
        }
        written.add(path);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("snapshot " + tmp + " is already " + (finished ? "finished" : "closed"));
        }
    }

    private void flushIfFull() throws IOException {
        if (pending.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void flush() throws IOException {
        int size = pending.size();
        if (size == 0) {
            return;
        }
        crc.update(pending.array(), 0, size);
        handle.write(ByteBuffer.wrap(pending.array(), 0, size), position);
        position += size;
        pending = new JuteWriter(FLUSH_BYTES * 2);
    }
}
