package io.paddock.storage.log;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The on-disk layout of a log segment, in one place.
 *
 * <pre>
 * segment header (16 bytes): int magic "PDKL", int version, long firstZxid
 * record:                    int length (bytes after the crc = 8 + payload), int crc32c (over those bytes),
 *                            long zxid, payload (TxnHeader then Txn, jute)
 * a length of 0 ends the data; what follows it is preallocated zeros
 * </pre>
 * All integers are big-endian, like jute.
 */
final class SegmentFormat {
    static final int MAGIC = 0x50444B4C; // "PDKL"
    static final int VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 16;

    /** length + crc: the part of a record its length does not count. */
    static final int RECORD_PREFIX_BYTES = 8;
    /** length + crc + zxid: enough to know a record's size and zxid. */
    static final int RECORD_HEADER_BYTES = 16;
    /** Offset of the payload inside a record. */
    static final int PAYLOAD_OFFSET = RECORD_HEADER_BYTES;
    /** TxnHeader: long session, int cxid, long zxid, long time, int type. */
    static final int TXN_HEADER_BYTES = 32;
    /** Offset of the TxnHeader's zxid inside the payload (after session and cxid). */
    static final int TXN_HEADER_ZXID_OFFSET = 12;
    /** A txn body is never empty (the smallest is a 4-byte int or an empty vector's count). */
    static final int TXN_BODY_BYTES_MIN = 4;
    /** Largest payload a record may carry: far above any txn jute.maxbuffer admits, small enough to buffer. */
    static final int PAYLOAD_BYTES_MAX = 16 << 20;
    static final int RECORD_LENGTH_MIN = 8 + TXN_HEADER_BYTES + TXN_BODY_BYTES_MIN;
    static final int RECORD_LENGTH_MAX = 8 + PAYLOAD_BYTES_MAX;

    static final String NAME_PREFIX = "log.";
    private static final int NAME_HEX_DIGITS = 16;

    private SegmentFormat() {
    }

    static String name(long firstZxid) {
        return NAME_PREFIX + HexFormat.of().toHexDigits(firstZxid);
    }

    /** True for {@code log.<16 lowercase hex digits>}; anything else in the directory is not ours. */
    static boolean isSegmentName(String name) {
        if (name.length() != NAME_PREFIX.length() + NAME_HEX_DIGITS || !name.startsWith(NAME_PREFIX)) {
            return false;
        }
        for (int i = NAME_PREFIX.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static long firstZxidOf(Path segment) {
        String name = segment.getFileName().toString();
        if (!isSegmentName(name)) {
            throw new IllegalArgumentException("not a log segment name: " + name);
        }
        return HexFormat.fromHexDigitsToLong(name, NAME_PREFIX.length(), name.length());
    }

    static int recordBytes(int length) {
        return RECORD_PREFIX_BYTES + length;
    }

    static boolean plausibleLength(int length) {
        return length >= RECORD_LENGTH_MIN && length <= RECORD_LENGTH_MAX;
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xffffffffL);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
