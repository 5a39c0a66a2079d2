package io.paddock.server;

/**
 * A connection's first frame was a four-letter word. {@code argument} is the trace mask that follows
 * {@code stmk} and 0 for every other word.
 */
record FourLetterWordReceived(long connectionId, String word, long argument) {
}
