package io.paddock.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes jute's binary encoding (big-endian ints and longs, length-prefixed buffers, strings and
 * vectors, -1 meaning null) from a byte array. Every length is checked against what remains, so a
 * lying length fails here instead of allocating.
 */
public final class JuteReader {
    private final byte[] bytes;
    private int position;
    private final int limit;

    public JuteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public JuteReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) { // no int overflow
            throw new IllegalArgumentException("slice outside array");
        }
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    private void require(int count, String what) {
        if (count > limit - position) {
            throw new MalformedRecordException(
                    "truncated " + what + ": need " + count + " bytes, " + (limit - position) + " remain");
        }
    }

    public int readInt() {
        require(4, "int");
        int p = position;
        position += 4;
        return ((bytes[p] & 0xff) << 24) | ((bytes[p + 1] & 0xff) << 16) | ((bytes[p + 2] & 0xff) << 8) | (bytes[p + 3] & 0xff);
    }

    public long readLong() {
        long high = readInt() & 0xffffffffL;
        long low = readInt() & 0xffffffffL;
        return (high << 32) | low;
    }

    public boolean readBool() {
        require(1, "boolean");
        return bytes[position++] != 0;
    }

    /** A buffer; null when the encoded length is -1. */
    public byte[] readBuffer() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < -1) {
            throw new MalformedRecordException("negative buffer length " + length);
        }
        require(length, "buffer");
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    /** A UTF-8 string; null when the encoded length is -1. */
    public String readString() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < -1) {
            throw new MalformedRecordException("negative string length " + length);
        }
        require(length, "string");
        String s = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    /** A vector; null when the encoded count is -1. Each element must take at least one byte. */
    public <T> List<T> readVector(Function<JuteReader, T> element) {
        int count = readInt();
        if (count == -1) {
            return null;
        }
        if (count < -1 || count > remaining()) {
            throw new MalformedRecordException("impossible vector count " + count + " with " + remaining() + " bytes left");
        }
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(element.apply(this));
        }
        return out;
    }

    public List<String> readStringVector() {
        return readVector(JuteReader::readString);
    }
}
