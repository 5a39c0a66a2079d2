package io.paddock.storage.log;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.log.SegmentReader.Damage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a log directory before it is used: every checksum of every segment, zxid order across segments. A torn
 * tail of the last segment is cut off with a warning; other damage is refused, or with {@code repair} cut off
 * (with everything after it) and reported loudly.
 */
final class LogOpener {

    record Opened(List<TxnLog.Segment> segments, long lastZxid, long tailDataEnd) {
    }

    private LogOpener() {
    }

    static List<Path> segmentFiles(FileSystem fs, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : fs.list(dir)) { // sorted, and 16 fixed-width hex digits sort like the zxids
            if (SegmentFormat.isSegmentName(name)) {
                files.add(dir.resolve(name));
            }
        }
        return files;
    }

    static Opened open(FileSystem fs, Path dir, boolean repair, Consumer<String> warnings)
            throws IOException, CorruptLogException {
        List<Path> files = segmentFiles(fs, dir);
        List<TxnLog.Segment> kept = new ArrayList<>();
        long lastZxid = 0;
        long tailDataEnd = 0;
        for (int i = 0; i < files.size(); i++) {
            Path path = files.get(i);
            boolean last = i == files.size() - 1;
            SegmentScan scan;
            boolean torn;
            long damagedBytes;
            try (FileHandle file = fs.open(path)) {
                scan = SegmentScan.of(file, path, lastZxid, null);
                if (scan.damage() == null) {
                    kept.add(new TxnLog.Segment(path, scan.firstZxid()));
                    lastZxid = scan.lastZxid();
                    tailDataEnd = scan.dataEnd();
                    continue;
                }
                torn = scan.tornTail(file, last);
                if (!torn && !repair) {
                    throw new CorruptLogException(path, scan.damage().offset(), scan.damage().reason());
                }
                damagedBytes = TailProbe.nonZeroEnd(file, scan.dataEnd(), scan.fileSize()) - scan.dataEnd();
            }
            // Later segments go first: were the cut made durable before them, a crash could leave a log that
            // looks whole but skips the dropped txns.
            List<Path> later = files.subList(i + 1, files.size());
            for (int j = later.size() - 1; j >= 0; j--) {
                fs.delete(later.get(j));
            }
            if (!later.isEmpty()) {
                fs.forceDirectory(dir);
            }
            boolean keepsRecords = scan.records() > 0;
            if (keepsRecords) {
                try (FileHandle file = fs.open(path)) {
                    file.truncate(scan.dataEnd());
                    file.force();
                }
                kept.add(new TxnLog.Segment(path, scan.firstZxid()));
                lastZxid = scan.lastZxid();
                tailDataEnd = scan.dataEnd();
            } else {
                fs.delete(path);
                fs.forceDirectory(dir);
            }
            warnings.accept(message(scan, torn, keepsRecords, damagedBytes, later));
            break;
        }
        return new Opened(List.copyOf(kept), lastZxid, tailDataEnd);
    }

    private static String message(SegmentScan scan, boolean torn, boolean keepsRecords, long damagedBytes,
                                  List<Path> later) {
        Damage damage = scan.damage();
        String action = keepsRecords
                ? "truncated " + scan.path().getFileName() + " to " + scan.dataEnd() + " bytes"
                : "deleted " + scan.path().getFileName() + " (no complete record before the damage)";
        if (torn) {
            return scan.path() + ": torn tail at offset " + damage.offset() + " (" + damage.reason() + "); " + action
                    + ", dropping " + damagedBytes + " bytes";
        }
        StringBuilder s = new StringBuilder("REPAIR DROPPED HISTORY: ").append(scan.path()).append(" is corrupt at offset ")
                .append(damage.offset()).append(" (").append(damage.reason()).append("); ").append(action)
                .append(", dropping ").append(damagedBytes).append(" bytes");
        if (!later.isEmpty()) {
            s.append(", and deleted ").append(later.size()).append(" later segment(s):");
            for (Path p : later) {
                s.append(' ').append(p.getFileName());
            }
        }
        return s.append(". Every txn after ").append(SegmentFormat.hex(scan.lastZxid())).append(" is gone.").toString();
    }
}
