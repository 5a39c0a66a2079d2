package io.paddock.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four-letter words Apache ZooKeeper recognises in place of a first frame's length. A connection whose
 * first four bytes spell one of these is an operator's query, not a client.
 */
final class FourLetterWord {

    /** What telnet sends when it closes; ZooKeeper treats it as a word so it can refuse it by name. */
    static final String TELNET_CLOSE = "telnet close";
    static final int TELNET_CLOSE_CODE = 0xfff4fffd;

    /** Set trace mask: the word is followed by an 8-byte mask. */
    static final String SET_TRACE_MASK = "stmk";

    private static final Map<Integer, String> BY_CODE = new LinkedHashMap<>();

    static {
        for (String word : new String[] {"conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk", "srst",
                "srvr", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash"}) {
            BY_CODE.put(codeOf(word), word);
        }
        BY_CODE.put(TELNET_CLOSE_CODE, TELNET_CLOSE);
    }

    private FourLetterWord() {
    }

    /** The word spelled by a first frame's length field, or null when it spells none. */
    static String nameOf(int lengthField) {
        return BY_CODE.get(lengthField);
    }

    static int codeOf(String word) {
        byte[] b = word.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("not four letters: " + word);
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** Every known word, in ZooKeeper's own list order. */
    static Iterable<String> all() {
        return BY_CODE.values();
    }
}
