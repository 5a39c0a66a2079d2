package io.paddock.storage.snapshot;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshot file layout (all jute, big-endian):
 * <pre>
 *   int magic "PDKS", int version, long zxid, int sessionCount, sessionCount x (long id, int timeoutMillis),
 *   for each node, parents first: bool true, NodeRecord fields;  then bool false,
 *   int crc32c over every byte above, int end magic "PDKE"
 * </pre>
 * The file is named {@code snapshot.<16 hex digits of zxid>}; it is written under that name plus {@code .tmp}.
 */
final class SnapshotFormat {
    static final int MAGIC = 0x50444B53;
    static final int VERSION = 1;
    static final int END_MAGIC = 0x50444B45;
    /** magic + version + zxid + sessionCount */
    static final int HEADER_BYTES = 4 + 4 + 8 + 4;
    /** crc + end magic */
    static final int TRAILER_BYTES = 4 + 4;
    static final String PREFIX = "snapshot.";
    static final String TMP_SUFFIX = ".tmp";

    private static final Pattern NAME = Pattern.compile("snapshot\\.([0-9a-f]{16})");

    private SnapshotFormat() {
    }

    static String fileName(long zxid) {
        return PREFIX + HexFormat.of().toHexDigits(zxid);
    }

    /** The zxid a snapshot file name carries, or -1 when the name is not a finished snapshot's. */
    static long zxidOf(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
    }

    static boolean isTemp(String fileName) {
        return fileName.startsWith(PREFIX) && fileName.endsWith(TMP_SUFFIX);
    }
}
