package io.paddock.storage.log;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.log.SegmentReader.Damage;
import io.paddock.storage.log.SegmentReader.Step;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One pass over a whole segment file: what it holds and where, if anywhere, it stops being trustworthy.
 *
 * @param lastZxid the last good record's zxid (the previous segment's when this one has none)
 * @param dataEnd  where the good records end: the end-of-data mark, or the damaged record
 * @param damage   null when every byte of the file checks out
 */
record SegmentScan(Path path, long firstZxid, long lastZxid, int records, long dataEnd, long fileSize, Damage damage) {

    /** Sees each good record; only called when the scan decodes. */
    interface Visitor {
        void visit(LoggedTxn txn, long offset);
    }

    /**
     * Checks every record's framing, checksum and zxid order; with a visitor, also decodes every txn (a txn that
     * does not decode is damage too). A segment without a single record counts as damaged at its first record.
     */
    static SegmentScan of(FileHandle file, Path path, long previousZxid, Visitor visitor) throws IOException {
        long size = file.size();
        SegmentReader reader = new SegmentReader(file, path, size, previousZxid);
        Damage damage = reader.readHeader();
        while (damage == null) {
            Step step = reader.next();
            if (step == Step.END) {
                break;
            }
            if (step == Step.DAMAGE) {
                damage = reader.damage();
            } else if (visitor != null) {
                try {
                    visitor.visit(reader.decode(), reader.recordOffset());
                } catch (CorruptLogException e) {
                    damage = reader.damage();
                }
            }
        }
        if (damage == null && reader.records() == 0) {
            damage = new Damage(SegmentFormat.SEGMENT_HEADER_BYTES, "segment holds no records", true);
        }
        long dataEnd = damage == null ? reader.position() : damage.offset();
        return new SegmentScan(path, reader.firstZxid(), reader.lastZxid(), reader.records(), dataEnd, size, damage);
    }

    /**
     * Damage that a crash during the last write explains: in the last segment, bytes that are bad as bytes, with
     * no good record anywhere after them.
     */
    boolean tornTail(FileHandle file, boolean lastSegment) throws IOException {
        return damage != null && lastSegment && damage.framing()
                && !TailProbe.goodRecordAfter(file, damage.offset(), fileSize, lastZxid);
    }
}
