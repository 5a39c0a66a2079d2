package io.paddock.storage.log;

import static io.paddock.storage.log.SegmentFormat.PAYLOAD_OFFSET;
import static io.paddock.storage.log.SegmentFormat.RECORD_PREFIX_BYTES;
import static io.paddock.storage.log.SegmentFormat.TXN_HEADER_ZXID_OFFSET;
import static io.paddock.storage.log.SegmentFormat.getInt;
import static io.paddock.storage.log.SegmentFormat.getLong;

import io.paddock.storage.fs.FileHandle;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Decides whether damage at the end of the last segment is a torn tail.
 *
 * <p>A crash while a batch was being written leaves a prefix of it: the damaged record is followed only by zeros
 * (the preallocated space) or the end of the file. Filesystems may also expose junk in blocks that were being
 * allocated. Neither leaves a good record after the damage. A flipped byte or a lost sector in forced history
 * does: the records after it are still there. So the tail is torn exactly when no record with a good checksum
 * and a later zxid starts anywhere after the damaged one; in the usual case everything after is zero and the
 * search costs one pass over zeros.
 */
final class TailProbe {
    static final int PROBE_WINDOW_BYTES = 1 << 20;
    /** Bytes of a record the cheap pre-checks need: prefix, zxid and the TxnHeader up to its zxid. */
    private static final int CANDIDATE_BYTES = PAYLOAD_OFFSET + TXN_HEADER_ZXID_OFFSET + 8;

    private TailProbe() {
    }

    /**
     * True when some offset after {@code damagedAt} (below {@code limit}) holds a whole record whose zxid exceeds
     * {@code afterZxid}, whose TxnHeader agrees with it and whose checksum is good.
     */
    static boolean goodRecordAfter(FileHandle file, long damagedAt, long limit, long afterZxid) throws IOException {
        byte[] window = new byte[(int) Math.min(PROBE_WINDOW_BYTES, Math.max(CANDIDATE_BYTES, limit - damagedAt))];
        CRC32C crc = new CRC32C();
        long base = damagedAt + 1;
        while (base + CANDIDATE_BYTES <= limit) {
            int length = SegmentReader.readFully(file, window, (int) Math.min(window.length, limit - base), base);
            int candidates = length - CANDIDATE_BYTES + 1; // each needs CANDIDATE_BYTES inside the window
            for (int i = 0; i < candidates; i++) {
                if (isGoodRecord(file, window, i, base + i, limit, afterZxid, crc)) {
                    return true;
                }
            }
            if (candidates <= 0) {
                break;
            }
            base += candidates;
        }
        return false;
    }

    /** End offset of the last nonzero byte in [from, limit), or {@code from} when all are zero. */
    static long nonZeroEnd(FileHandle file, long from, long limit) throws IOException {
        byte[] window = new byte[(int) Math.min(PROBE_WINDOW_BYTES, Math.max(1, limit - from))];
        long end = from;
        long base = from;
        while (base < limit) {
            int length = SegmentReader.readFully(file, window, (int) Math.min(window.length, limit - base), base);
            if (length == 0) {
                break;
            }
            for (int i = length - 1; i >= 0; i--) {
                if (window[i] != 0) {
                    end = base + i + 1;
                    break;
                }
            }
            base += length;
        }
        return end;
    }

    private static boolean isGoodRecord(FileHandle file, byte[] window, int i, long position, long limit,
                                        long afterZxid, CRC32C crc) throws IOException {
        int length = getInt(window, i);
        if (!SegmentFormat.plausibleLength(length) || position + SegmentFormat.recordBytes(length) > limit) {
            return false;
        }
        long zxid = getLong(window, i + RECORD_PREFIX_BYTES);
        if (zxid <= afterZxid || getLong(window, i + PAYLOAD_OFFSET + TXN_HEADER_ZXID_OFFSET) != zxid) {
            return false;
        }
        byte[] body = new byte[length]; // rare: only candidates that passed both zxid checks get here
        if (SegmentReader.readFully(file, body, length, position + RECORD_PREFIX_BYTES) != length) {
            return false;
        }
        crc.reset();
        crc.update(body, 0, length);
        return (int) crc.getValue() == getInt(window, i + 4);
    }
}
