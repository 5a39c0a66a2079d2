package io.paddock.storage.log;

import static io.paddock.storage.log.SegmentFormat.hex;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The operator's tools: verify a log directory, dump a segment. Both only read. */
final class LogInspector {

    private LogInspector() {
    }

    /**
     * Checks every checksum and decodes every txn of every segment, one summary line per segment. A torn tail of
     * the newest segment is reported (opening the log would cut it); any other damage throws.
     */
    static void verify(FileSystem fs, Path dir, Consumer<String> report) throws IOException, CorruptLogException {
        if (!fs.exists(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<Path> files = LogOpener.segmentFiles(fs, dir);
        long previousZxid = 0;
        long firstZxid = 0;
        long records = 0;
        for (int i = 0; i < files.size(); i++) {
            Path path = files.get(i);
            try (FileHandle file = fs.open(path)) {
                SegmentScan scan = SegmentScan.of(file, path, previousZxid, (txn, offset) -> { });
                if (scan.damage() != null && !scan.tornTail(file, i == files.size() - 1)) {
                    throw new CorruptLogException(path, scan.damage().offset(), scan.damage().reason());
                }
                if (scan.records() > 0) {
                    report.accept(summary(scan));
                }
                if (scan.damage() != null) {
                    report.accept(tornLine(file, scan));
                }
                if (i == 0) {
                    firstZxid = scan.firstZxid();
                }
                previousZxid = scan.lastZxid();
                records += scan.records();
            }
        }
        if (records == 0) {
            report.accept(dir + ": no txns in " + files.size() + " segment(s)");
        } else {
            report.accept(dir + ": " + files.size() + " segment(s), " + records + " txns, zxids " + hex(firstZxid)
                    + ".." + hex(previousZxid) + ", every checksum good");
        }
    }

    /** One line per txn of the segment, between a header line and a closing line. */
    static void dump(FileSystem fs, Path segment, Consumer<String> line) throws IOException, CorruptLogException {
        if (!fs.exists(segment)) {
            throw new NoSuchFileException(segment.toString());
        }
        try (FileHandle file = fs.open(segment)) {
            line.accept(segment + ": log segment, first zxid " + hex(SegmentFormat.firstZxidOf(segment)) + ", "
                    + file.size() + " bytes on disk");
            SegmentScan scan = SegmentScan.of(file, segment, 0, (txn, offset) -> line.accept(TxnDescriber.line(txn)));
            if (scan.damage() != null && !scan.tornTail(file, true)) {
                throw new CorruptLogException(segment, scan.damage().offset(), scan.damage().reason());
            }
            if (scan.records() > 0) {
                line.accept(summary(scan));
            }
            if (scan.damage() != null) {
                line.accept(tornLine(file, scan));
            }
        }
    }

    private static String summary(SegmentScan scan) {
        return scan.path() + ": zxids " + hex(scan.firstZxid()) + ".." + hex(scan.lastZxid()) + ", " + scan.records()
                + " txns, " + scan.dataEnd() + " bytes of data";
    }

    private static String tornLine(FileHandle file, SegmentScan scan) throws IOException {
        long dropped = TailProbe.nonZeroEnd(file, scan.dataEnd(), scan.fileSize()) - scan.dataEnd();
        return scan.path() + ": torn tail at offset " + scan.damage().offset() + " (" + scan.damage().reason()
                + "); opening the log cuts it there, dropping " + dropped + " bytes";
    }
}
