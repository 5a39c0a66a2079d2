package io.paddock.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into {@code key=value} entries the way {@link java.util.Properties#load} does (which is how Apache
 * ZooKeeper reads zoo.cfg), but keeps each entry's line number so errors can point at it.
 *
 * <p>The rules followed: lines end at \n, \r or \r\n; leading blanks are skipped; a line whose first non-blank
 * character is # or ! is a comment; a line ending in an odd number of backslashes continues on the next one
 * (whose leading blanks are dropped); the key ends at the first unescaped '=', ':' or blank, after which blanks
 * and at most one '=' or ':' are skipped; escapes \t \n \r \f \\uXXXX are decoded and any other escaped character
 * stands for itself. Key and value are then trimmed, as ZooKeeper does.
 */
final class PropertiesText {
    private PropertiesText() {
    }

    static List<CfgLine> read(String text, String source) throws ConfigException {
        List<CfgLine> entries = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int index = 0;
        while (index < lines.size()) {
            int firstLine = index + 1;
            String natural = stripLeadingBlanks(lines.get(index++));
            if (natural.isEmpty() || natural.charAt(0) == '#' || natural.charAt(0) == '!') {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (endsWithOddBackslashes(natural)) {
                logical.append(natural, 0, natural.length() - 1);
                if (index >= lines.size()) {
                    natural = "";
                    break;
                }
                natural = stripLeadingBlanks(lines.get(index++));
            }
            logical.append(natural);
            entries.add(split(logical.toString(), source, firstLine));
        }
        return entries;
    }

    private static CfgLine split(String line, String source, int lineNumber) throws ConfigException {
        int keyEnd = 0;
        boolean escaped = false;
        while (keyEnd < line.length()) {
            char c = line.charAt(keyEnd);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ':' || isBlank(c)) {
                break;
            }
            keyEnd++;
        }
        int valueStart = keyEnd;
        boolean separatorSeen = false;
        while (valueStart < line.length()) {
            char c = line.charAt(valueStart);
            if (isBlank(c)) {
                valueStart++;
            } else if (!separatorSeen && (c == '=' || c == ':')) {
                separatorSeen = true;
                valueStart++;
            } else {
                break;
            }
        }
        String key = unescape(line.substring(0, keyEnd), source, lineNumber).trim();
        String value = unescape(line.substring(valueStart), source, lineNumber).trim();
        return new CfgLine(source, lineNumber, key, value);
    }

    private static String unescape(String raw, String source, int lineNumber) throws ConfigException {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                out.append(c);
                continue;
            }
            char next = raw.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    String hex = raw.substring(i + 1, Math.min(i + 5, raw.length()));
                    if (hex.length() < 4 || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        throw ConfigException.atLine(source, lineNumber, "malformed \\uXXXX escape: \\u" + hex);
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static boolean endsWithOddBackslashes(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static String stripLeadingBlanks(String line) {
        int start = 0;
        while (start < line.length() && isBlank(line.charAt(start))) {
            start++;
        }
        return line.substring(start);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
