package io.paddock.storage.log;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.log.SegmentReader.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The transaction log: txns in zxid order, in segment files {@code log.<first zxid in hex>}, each record with a
 * length and a CRC32C (layout in {@link SegmentFormat}).
 *
 * <p>Group commit: {@link #append} only encodes into a reused buffer; {@link #force} writes the batch with one
 * positional write and forces once, so the caller acknowledges every txn of the batch after one fsync. A batch
 * that reaches {@link #FLUSH_PENDING_BYTES} is written early (not forced). When the newest segment has reached
 * {@link LogOptions#segmentBytesMax()}, the next record starts a new segment; the old one is cut to its data and
 * forced first, so only the newest segment can ever hold a torn tail.
 *
 * <p>After an I/O error the log refuses further use: whether the failed write or force reached the disk is
 * unknown, so the only safe continuation is to reopen, which re-reads what is really there.
 *
 * <p>Single-threaded, like the rest of paddock-storage; the server's storage thread owns it.
 */
public final class TxnLog implements AutoCloseable {
    /** Pending appends are written (not forced) once they reach this many bytes, bounding the buffer. */
    public static final int FLUSH_PENDING_BYTES = 1 << 20;

    /** A segment file and the zxid of its first txn. */
    public record Segment(Path path, long firstZxid) {
    }

    private final FileSystem fs;
    private final Path dir;
    private final LogOptions options;
    private final List<Segment> segments;
    private final RecordBuffer pending = new RecordBuffer();
    /** The newest segment, open for appends; null while the log has no segment. */
    private ActiveSegment active;
    private boolean rollRequested;
    private long lastZxid;
    /** A segment was created since the directory was last forced. */
    private boolean directoryDirty;
    private boolean closed;
    private IOException failure;

    private TxnLog(FileSystem fs, Path dir, LogOptions options, List<Segment> segments, long lastZxid) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.segments = new ArrayList<>(segments);
        this.lastZxid = lastZxid;
    }

    /**
     * Creates the dir if needed, checks every segment's checksums. A torn tail of the LAST segment (an incomplete
     * record, or a bad record followed by nothing that checks out as a record: zeros, end of file, junk) is
     * truncated and reported through {@code warnings} (file, offset, how many bytes dropped). Any other damage
     * throws CorruptLogException naming the file and offset. With {@code repair} true, that damage is truncated
     * too (everything from the bad record on is dropped, later segments deleted) and reported as a warning.
     */
    public static TxnLog open(FileSystem fs, Path dir, LogOptions options, boolean repair, Consumer<String> warnings)
            throws IOException, CorruptLogException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(warnings, "warnings");
        fs.createDirectories(dir);
        LogOpener.Opened opened = LogOpener.open(fs, dir, repair, warnings);
        TxnLog log = new TxnLog(fs, dir, options, opened.segments(), opened.lastZxid());
        if (!opened.segments().isEmpty()) {
            Segment last = opened.segments().getLast();
            FileHandle file = fs.open(last.path());
            log.active = new ActiveSegment(last.path(), last.firstZxid(), file, opened.tailDataEnd(), file.size(),
                    options.preallocateBytes());
        }
        return log;
    }

    /** The zxid of the last appended txn (forced or not); 0 when the log is empty. */
    public long lastZxid() {
        return lastZxid;
    }

    /**
     * Buffers a txn; durable after the next {@link #force}. Its zxid must exceed {@link #lastZxid()} and its
     * header's type must be its txn's, else IllegalArgumentException (and nothing is appended).
     */
    public void append(LoggedTxn txn) throws IOException {
        requireUsable();
        if (txn.zxid() <= lastZxid) {
            throw new IllegalArgumentException("zxid " + SegmentFormat.hex(txn.zxid()) + " does not follow "
                    + SegmentFormat.hex(lastZxid));
        }
        if (txn.header().type() != txn.txn().type()) {
            throw new IllegalArgumentException("header type " + txn.header().type() + " but txn type "
                    + txn.txn().type());
        }
        pending.add(txn);
        lastZxid = txn.zxid();
        if (pending.size() >= FLUSH_PENDING_BYTES) {
            guarded(this::writePending);
        }
    }

    /**
     * The next txn written starts a new segment (an empty active segment is kept instead). A server calls this
     * when it takes a snapshot, as ZooKeeper does, so that once the snapshot exists the older segments hold only
     * history it covers and retention can delete them.
     */
    public void rollAtNextAppend() {
        requireUsable();
        rollRequested = true;
    }

    /** Makes every appended txn durable: one write of the batch, one force (plus one per segment rolled). */
    public void force() throws IOException {
        requireUsable();
        guarded(() -> {
            writePending();
            if (active != null) {
                active.force();
            }
            forceDirectoryIfDirty();
        });
    }

    /** Every txn with a zxid above {@code zxid}, in order, checksums verified as read. Includes unforced ones. */
    public List<LoggedTxn> readAfter(long zxid) throws IOException, CorruptLogException {
        requireUsable();
        guarded(this::writePending);
        List<LoggedTxn> out = new ArrayList<>();
        long previousZxid = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (i + 1 < segments.size() && segments.get(i + 1).firstZxid() - 1 <= zxid) {
                continue; // every txn of this segment is <= zxid
            }
            previousZxid = readSegment(i, previousZxid, zxid, out);
        }
        return out;
    }

    /** Drops every txn with a zxid above {@code zxid}; durable when this returns. */
    public void truncateAfter(long zxid) throws IOException {
        requireUsable();
        guarded(() -> {
            writePending();
            if (zxid >= lastZxid) {
                return;
            }
            // Newest first, each deletion durable before the next: a crash part way leaves a shorter log, never
            // one with a hole.
            while (!segments.isEmpty() && segments.getLast().firstZxid() > zxid) {
                Segment doomed = segments.removeLast();
                if (active != null && active.path.equals(doomed.path())) {
                    active.file.close();
                    active = null;
                }
                fs.delete(doomed.path());
                fs.forceDirectory(dir);
            }
            if (segments.isEmpty()) {
                lastZxid = 0;
                return;
            }
            cutLastSegmentAfter(zxid);
        });
    }

    /** The segment files created so far, oldest first (a pending batch may add one at the next force). */
    public List<Segment> segments() {
        return List.copyOf(segments);
    }

    /**
     * Deletes the segments all of whose txns are {@code <= zxid}: never one holding a txn above {@code zxid}, and
     * never the newest segment (appends continue there, and it keeps {@link #lastZxid()} across a reopen).
     */
    public void deleteSegmentsThrough(long zxid) throws IOException {
        requireUsable();
        guarded(() -> {
            int deletable = 0;
            while (deletable + 1 < segments.size() && segments.get(deletable + 1).firstZxid() - 1 <= zxid) {
                deletable++;
            }
            for (int i = 0; i < deletable; i++) { // oldest first: a crash part way leaves a suffix
                fs.delete(segments.removeFirst().path());
            }
            if (deletable > 0) {
                fs.forceDirectory(dir);
            }
        });
    }

    /** Forces what was appended, then closes the files. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null && !pending.isEmpty()) {
                writePending();
                active.force();
            }
            if (failure == null) {
                forceDirectoryIfDirty();
            }
        } finally {
            if (active != null) {
                active.file.close();
                active = null;
            }
        }
    }

    /** Checks every checksum and txn of every segment in {@code dir}, reporting one line per segment. */
    public static void verify(FileSystem fs, Path dir, Consumer<String> report) throws IOException, CorruptLogException {
        LogInspector.verify(fs, dir, report);
    }

    /** One readable line per txn of {@code segment}. */
    public static void dump(FileSystem fs, Path segment, Consumer<String> line) throws IOException, CorruptLogException {
        LogInspector.dump(fs, segment, line);
    }

    // ---- internals ----

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs a step that changes files; an I/O error leaves the log unusable (see class comment). */
    private void guarded(IoAction action) throws IOException {
        try {
            action.run();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void requireUsable() {
        if (closed) {
            throw new IllegalStateException("log is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("log failed on an earlier I/O error; reopen it", failure);
        }
    }

    /** Writes the pending records into segments, rolling to a new one at a record boundary when full. */
    private void writePending() throws IOException {
        byte[] bytes = pending.array();
        int end = pending.size();
        int at = 0;
        while (at < end) {
            boolean activeHasRecords = active != null && active.writePosition() > SegmentFormat.SEGMENT_HEADER_BYTES;
            if (active == null || active.writePosition() >= options.segmentBytesMax()
                    || (rollRequested && activeHasRecords)) {
                roll(pending.zxidAt(at));
            }
            rollRequested = false;
            int runEnd = at;
            long position = active.writePosition();
            while (runEnd < end && position < options.segmentBytesMax()) {
                int recordBytes = pending.recordBytesAt(runEnd);
                runEnd += recordBytes;
                position += recordBytes;
            }
            active.write(bytes, at, runEnd - at);
            at = runEnd;
        }
        pending.clear();
    }

    /**
     * Starts a new segment whose first txn is {@code firstZxid}. The old one is sealed and the directory forced
     * first, so on disk a newer segment exists only once every older one is complete and durable.
     */
    private void roll(long firstZxid) throws IOException {
        if (active != null) {
            active.seal();
            active = null;
        }
        forceDirectoryIfDirty();
        Path path = dir.resolve(SegmentFormat.name(firstZxid));
        if (!segments.isEmpty() && segments.getLast().firstZxid() >= firstZxid) {
            throw new IllegalStateException("new segment " + path + " does not follow " + segments.getLast());
        }
        FileHandle file = fs.open(path);
        active = ActiveSegment.create(file, path, firstZxid, options.preallocateBytes());
        segments.add(new Segment(path, firstZxid));
        directoryDirty = true;
    }

    private void forceDirectoryIfDirty() throws IOException {
        if (directoryDirty) {
            fs.forceDirectory(dir);
            directoryDirty = false;
        }
    }

    /** Reads segment {@code index}, adding its txns above {@code afterZxid}; returns its last zxid. */
    private long readSegment(int index, long previousZxid, long afterZxid, List<LoggedTxn> out)
            throws IOException, CorruptLogException {
        Segment segment = segments.get(index);
        boolean isActive = active != null && index == segments.size() - 1;
        FileHandle file = isActive ? active.file : fs.open(segment.path());
        try {
            long limit = isActive ? active.writePosition() : file.size();
            SegmentReader reader = new SegmentReader(file, segment.path(), limit, previousZxid);
            if (reader.readHeader() != null) {
                throw reader.corruption();
            }
            Step step;
            while ((step = reader.next()) == Step.RECORD) {
                if (reader.recordZxid() > afterZxid) {
                    out.add(reader.decode());
                }
            }
            if (step == Step.DAMAGE) {
                throw reader.corruption();
            }
            if (isActive && reader.position() != limit) {
                throw new CorruptLogException(segment.path(), reader.position(),
                        "data ends here but the log wrote up to offset " + limit);
            }
            return reader.lastZxid();
        } finally {
            if (!isActive) {
                file.close();
            }
        }
    }

    /** Cuts the newest remaining segment after the last txn {@code <= zxid} and makes it the active one. */
    private void cutLastSegmentAfter(long zxid) throws IOException {
        Segment segment = segments.getLast();
        if (active == null) {
            FileHandle file = fs.open(segment.path());
            long size = file.size();
            active = new ActiveSegment(segment.path(), segment.firstZxid(), file, size, size, options.preallocateBytes());
        }
        SegmentReader reader = new SegmentReader(active.file, segment.path(), active.writePosition(), 0);
        try {
            if (reader.readHeader() != null) {
                throw reader.corruption();
            }
            long cut = -1;
            long kept = 0;
            Step step;
            while (cut < 0 && (step = reader.next()) != Step.END) {
                if (step == Step.DAMAGE) {
                    throw reader.corruption();
                }
                if (reader.recordZxid() > zxid) {
                    cut = reader.recordOffset();
                } else {
                    kept = reader.recordZxid();
                }
            }
            if (kept == 0) {
                throw new IllegalStateException(segment.path() + " starts at " + segment.firstZxid()
                        + " but holds no txn <= " + zxid);
            }
            if (cut >= 0) {
                active.truncate(cut);
                active.force();
            }
            lastZxid = kept;
        } catch (CorruptLogException e) {
            throw new IOException("cannot truncate the log: " + e.getMessage(), e);
        }
    }
}
