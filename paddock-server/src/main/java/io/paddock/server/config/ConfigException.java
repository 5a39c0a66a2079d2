package io.paddock.server.config;

/**
 * A configuration a person has to fix. The message names where the problem is ({@code zoo.cfg:7: ...} for a
 * line, {@code zoo.cfg: ...} for the file as a whole) and is meant to be printed as is.
 */
public final class ConfigException extends Exception {
    private final String source;
    private final int line;

    private ConfigException(String source, int line, String message) {
        super(message);
        this.source = source;
        this.line = line;
    }

    /** A problem on one line of {@code source}; line numbers start at 1. */
    public static ConfigException atLine(String source, int line, String problem) {
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
        return new ConfigException(source, line, source + ":" + line + ": " + problem);
    }

    /** A problem of the file as a whole (a required key missing, say). */
    public static ConfigException inFile(String source, String problem) {
        return new ConfigException(source, 0, source + ": " + problem);
    }

    /** The file (or other source name) the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
