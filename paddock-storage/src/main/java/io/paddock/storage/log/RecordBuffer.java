package io.paddock.storage.log;

import static io.paddock.storage.log.SegmentFormat.PAYLOAD_BYTES_MAX;
import static io.paddock.storage.log.SegmentFormat.PAYLOAD_OFFSET;
import static io.paddock.storage.log.SegmentFormat.RECORD_PREFIX_BYTES;
import static io.paddock.storage.log.SegmentFormat.TXN_BODY_BYTES_MIN;
import static io.paddock.storage.log.SegmentFormat.TXN_HEADER_BYTES;

import io.paddock.core.wire.JuteWriter;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Appended records not yet written, encoded back to back exactly as they go to disk, so a batch reaches the file
 * in one positional write. The same arrays serve batch after batch: each txn is encoded into a reused scratch
 * JuteWriter, then copied here behind its length, checksum and zxid.
 */
final class RecordBuffer {
    static final int INITIAL_BYTES = 64 << 10;
    /** A burst may grow the buffer; past this size it is given back after draining. */
    static final int RETAIN_BYTES_MAX = 4 << 20;

    private final CRC32C crc = new CRC32C();
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;
    private final JuteWriter scratch = new JuteWriter(INITIAL_BYTES);

    /** Encodes one record at the end. If encoding fails nothing is added. */
    void add(LoggedTxn txn) {
        scratch.reset();
        int from = 0;
        txn.header().write(scratch);
        txn.txn().write(scratch);
        int payload = scratch.size() - from;
        if (payload > PAYLOAD_BYTES_MAX) {
            throw new IllegalArgumentException("txn " + SegmentFormat.hex(txn.zxid()) + " encodes to " + payload
                    + " bytes, more than the log's limit of " + PAYLOAD_BYTES_MAX);
        }
        if (payload < TXN_HEADER_BYTES + TXN_BODY_BYTES_MIN) {
            throw new IllegalStateException("txn encoded to only " + payload + " bytes");
        }
        int length = payload + (PAYLOAD_OFFSET - RECORD_PREFIX_BYTES);
        int recordBytes = SegmentFormat.recordBytes(length);
        ensureCapacity(recordBytes);
        int at = size;
        SegmentFormat.putInt(bytes, at, length);
        SegmentFormat.putLong(bytes, at + RECORD_PREFIX_BYTES, txn.zxid());
        System.arraycopy(scratch.array(), from, bytes, at + PAYLOAD_OFFSET, payload);
        crc.reset();
        crc.update(bytes, at + RECORD_PREFIX_BYTES, length);
        SegmentFormat.putInt(bytes, at + 4, (int) crc.getValue());
        size += recordBytes;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    byte[] array() {
        return bytes;
    }

    /** Bytes of the record starting at {@code at}, prefix included. */
    int recordBytesAt(int at) {
        return SegmentFormat.recordBytes(SegmentFormat.getInt(bytes, at));
    }

    long zxidAt(int at) {
        return SegmentFormat.getLong(bytes, at + RECORD_PREFIX_BYTES);
    }

    void clear() {
        size = 0;
        if (bytes.length > RETAIN_BYTES_MAX) {
            bytes = new byte[INITIAL_BYTES];
        }
    }

    private void ensureCapacity(int extra) {
        if (extra > Integer.MAX_VALUE - size) {
            throw new IllegalStateException("record buffer overflow");
        }
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + extra, bytes.length * 2));
        }
    }
}
