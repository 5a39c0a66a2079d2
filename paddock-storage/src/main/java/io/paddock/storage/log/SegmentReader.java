package io.paddock.storage.log;

import static io.paddock.storage.log.SegmentFormat.PAYLOAD_OFFSET;
import static io.paddock.storage.log.SegmentFormat.RECORD_HEADER_BYTES;
import static io.paddock.storage.log.SegmentFormat.RECORD_PREFIX_BYTES;
import static io.paddock.storage.log.SegmentFormat.SEGMENT_HEADER_BYTES;
import static io.paddock.storage.log.SegmentFormat.TXN_HEADER_ZXID_OFFSET;
import static io.paddock.storage.log.SegmentFormat.getInt;
import static io.paddock.storage.log.SegmentFormat.getLong;
import static io.paddock.storage.log.SegmentFormat.hex;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.storage.fs.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads one segment front to back through a window buffer, checking every record as it goes: framing, CRC32C,
 * the zxid against the TxnHeader's, and strict zxid order. It reports the first problem as a {@link Damage} and
 * reads no further; deciding whether that damage is a torn tail is the caller's business (see {@link TailProbe}).
 */
final class SegmentReader {
    /** Bytes fetched per read; records larger than this widen the window to fit (up to RECORD_LENGTH_MAX). */
    static final int READ_WINDOW_BYTES = 256 << 10;

    enum Step { RECORD, END, DAMAGE }

    /**
     * Where and why a segment stops being trustworthy.
     *
     * @param framing true when the record's bytes themselves are bad (short, garbage header, checksum mismatch):
     *                what a torn write leaves behind. False when a record with a good checksum contradicts the log
     *                (wrong zxid, out of order, undecodable): never a torn write.
     */
    record Damage(long offset, String reason, boolean framing) {
    }

    private final FileHandle file;
    private final Path path;
    private final long limit;
    private final CRC32C crc = new CRC32C();
    private byte[] window;
    private long windowStart;
    private int windowLength;

    private long firstZxid;
    private long previousZxid;
    private long offset = SEGMENT_HEADER_BYTES;
    private int records;
    private Damage damage;

    private long recordOffset = -1;
    private long recordZxid;
    private long zxidBeforeRecord;
    private int recordPayloadAt;
    private int recordPayloadLength;

    /**
     * @param limit        bytes of the file to consider (its size, or the writer's position for the open segment)
     * @param previousZxid every record's zxid must exceed this (the previous segment's last zxid, or 0)
     */
    SegmentReader(FileHandle file, Path path, long limit, long previousZxid) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        this.file = file;
        this.path = path;
        this.limit = limit;
        this.previousZxid = previousZxid;
        this.window = new byte[(int) Math.max(SEGMENT_HEADER_BYTES, Math.min(READ_WINDOW_BYTES, limit))];
    }

    /** Checks the segment header against the file's name; returns null when it is good. */
    Damage readHeader() throws IOException {
        long expected = SegmentFormat.firstZxidOf(path);
        if (limit < SEGMENT_HEADER_BYTES) {
            int present = (int) limit;
            return damage(new Damage(0, "incomplete segment header: " + present + " of " + SEGMENT_HEADER_BYTES
                    + " bytes", true));
        }
        int at = load(0, SEGMENT_HEADER_BYTES);
        int magic = getInt(window, at);
        int version = getInt(window, at + 4);
        long headerZxid = getLong(window, at + 8);
        if (magic == 0 && version == 0 && headerZxid == 0) {
            return damage(new Damage(0, "segment header is all zeros", true));
        }
        if (magic != SegmentFormat.MAGIC) {
            return damage(new Damage(0, "bad segment magic 0x" + Integer.toHexString(magic), false));
        }
        if (version != SegmentFormat.VERSION) {
            return damage(new Damage(4, "unsupported segment version " + version, false));
        }
        if (headerZxid != expected) {
            return damage(new Damage(8, "header says first zxid " + hex(headerZxid) + " but the name says "
                    + hex(expected), false));
        }
        firstZxid = headerZxid;
        return null;
    }

    /** Moves to the next record. After RECORD its accessors describe it; END and DAMAGE are final. */
    Step next() throws IOException {
        if (damage != null) {
            return Step.DAMAGE;
        }
        recordOffset = -1;
        long available = limit - offset;
        if (available == 0) {
            return Step.END;
        }
        if (available < RECORD_HEADER_BYTES) {
            int at = load(offset, (int) available);
            if (isZero(at, (int) available)) {
                return Step.END;
            }
            return fail(offset, "incomplete record header: " + available + " of " + RECORD_HEADER_BYTES + " bytes", true);
        }
        int at = load(offset, RECORD_HEADER_BYTES);
        int length = getInt(window, at);
        int storedCrc = getInt(window, at + 4);
        long zxid = getLong(window, at + 8);
        if (length == 0) {
            if (storedCrc != 0 || zxid != 0) {
                return fail(offset, "zero record length with a nonzero record header", true);
            }
            long nonZero = firstNonZero(offset + RECORD_HEADER_BYTES, limit);
            if (nonZero >= 0) {
                return fail(offset, "end-of-data mark followed by nonzero bytes at offset " + nonZero, true);
            }
            return Step.END;
        }
        if (!SegmentFormat.plausibleLength(length)) {
            return fail(offset, "impossible record length " + length, true);
        }
        int recordBytes = SegmentFormat.recordBytes(length);
        if (recordBytes > available) {
            return fail(offset, "record of " + recordBytes + " bytes runs past the end (" + available + " present)", true);
        }
        at = load(offset, recordBytes);
        crc.reset();
        crc.update(window, at + RECORD_PREFIX_BYTES, length);
        int computedCrc = (int) crc.getValue();
        if (computedCrc != storedCrc) {
            return fail(offset, "checksum mismatch (stored 0x" + Integer.toHexString(storedCrc) + ", computed 0x"
                    + Integer.toHexString(computedCrc) + ")", true);
        }
        long headerZxid = getLong(window, at + PAYLOAD_OFFSET + TXN_HEADER_ZXID_OFFSET);
        if (headerZxid != zxid) {
            return fail(offset, "record zxid " + hex(zxid) + " differs from its TxnHeader's " + hex(headerZxid), false);
        }
        if (records == 0 && zxid != firstZxid) {
            return fail(offset, "first record has zxid " + hex(zxid) + ", the segment starts at " + hex(firstZxid), false);
        }
        if (zxid <= previousZxid) {
            return fail(offset, "zxid " + hex(zxid) + " does not follow " + hex(previousZxid), false);
        }
        recordOffset = offset;
        zxidBeforeRecord = previousZxid;
        recordZxid = zxid;
        recordPayloadAt = at + PAYLOAD_OFFSET;
        recordPayloadLength = length - (PAYLOAD_OFFSET - RECORD_PREFIX_BYTES);
        previousZxid = zxid;
        records++;
        offset += recordBytes;
        return Step.RECORD;
    }

    /** Decodes the current record, which must decode exactly (no bytes left over). */
    LoggedTxn decode() throws CorruptLogException {
        if (recordOffset < 0) {
            throw new IllegalStateException("no current record");
        }
        try {
            JuteReader reader = new JuteReader(window, recordPayloadAt, recordPayloadLength);
            TxnHeader header = TxnHeader.read(reader);
            Txn txn = Txn.read(header.type(), reader);
            if (reader.hasRemaining()) {
                throw new MalformedRecordException(reader.remaining() + " bytes left after the txn");
            }
            return new LoggedTxn(header, txn);
        } catch (MalformedRecordException | IllegalArgumentException e) {
            // the record is not good after all: the reader stops in front of it
            offset = recordOffset;
            previousZxid = zxidBeforeRecord;
            records--;
            damage = new Damage(recordOffset, "undecodable txn " + hex(recordZxid) + ": " + e.getMessage(), false);
            throw new CorruptLogException(path, recordOffset, damage.reason());
        }
    }

    long recordOffset() {
        return recordOffset;
    }

    long recordZxid() {
        return recordZxid;
    }

    /** Where the next record would start: after END, the end of the data; after DAMAGE, the damaged record. */
    long position() {
        return offset;
    }

    int records() {
        return records;
    }

    /** The last good record's zxid, or the previousZxid given when there was none. */
    long lastZxid() {
        return previousZxid;
    }

    long firstZxid() {
        return firstZxid;
    }

    Damage damage() {
        return damage;
    }

    Path path() {
        return path;
    }

    CorruptLogException corruption() {
        if (damage == null) {
            throw new IllegalStateException("no damage");
        }
        return new CorruptLogException(path, damage.offset(), damage.reason());
    }

    private Step fail(long at, String reason, boolean framing) {
        damage(new Damage(at, reason, framing));
        return Step.DAMAGE;
    }

    private Damage damage(Damage d) {
        damage = d;
        return d;
    }

    private boolean isZero(int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (window[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The first nonzero byte in [from, to), or -1. */
    private long firstNonZero(long from, long to) throws IOException {
        long position = from;
        while (position < to) {
            int chunk = (int) Math.min(READ_WINDOW_BYTES, to - position);
            int at = load(position, chunk);
            for (int i = 0; i < chunk; i++) {
                if (window[at + i] != 0) {
                    return position + i;
                }
            }
            position += chunk;
        }
        return -1;
    }

    /** Makes [position, position + length) available in the window; returns its index there. */
    private int load(long position, int length) throws IOException {
        if (position >= windowStart && position + length <= windowStart + windowLength) {
            return (int) (position - windowStart);
        }
        if (position + length > limit) {
            throw new IllegalArgumentException("read past the limit: " + (position + length) + " > " + limit);
        }
        if (length > window.length) {
            window = new byte[length];
        }
        int wanted = (int) Math.min(window.length, limit - position);
        int got = readFully(file, window, wanted, position);
        if (got < length) {
            throw new IOException(path + " ended at " + (position + got) + " while reading up to " + (position + length));
        }
        windowStart = position;
        windowLength = got;
        return 0;
    }

    /** Reads up to {@code wanted} bytes at {@code position}; fewer only at end of file. */
    static int readFully(FileHandle file, byte[] into, int wanted, long position) throws IOException {
        ByteBuffer dst = ByteBuffer.wrap(into, 0, wanted);
        while (dst.hasRemaining()) {
            int n = file.read(dst, position + dst.position());
            if (n <= 0) {
                break;
            }
        }
        return dst.position();
    }
}
