package io.paddock.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/** Encodes jute's binary format into a growable byte array. */
public final class JuteWriter {
    private byte[] bytes;
    private int size;

    public JuteWriter() {
        this(128);
    }

    public JuteWriter(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    public JuteWriter writeInt(int v) {
        ensure(4);
        bytes[size] = (byte) (v >>> 24);
        bytes[size + 1] = (byte) (v >>> 16);
        bytes[size + 2] = (byte) (v >>> 8);
        bytes[size + 3] = (byte) v;
        size += 4;
        return this;
    }

    public JuteWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public JuteWriter writeBool(boolean v) {
        ensure(1);
        bytes[size++] = (byte) (v ? 1 : 0);
        return this;
    }

    public JuteWriter writeBuffer(byte[] v) {
        if (v == null) {
            return writeInt(-1);
        }
        writeInt(v.length);
        ensure(v.length);
        System.arraycopy(v, 0, bytes, size, v.length);
        size += v.length;
        return this;
    }

    public JuteWriter writeString(String v) {
        return writeBuffer(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
    }

    public <T> JuteWriter writeVector(List<T> v, BiConsumer<JuteWriter, T> element) {
        if (v == null) {
            return writeInt(-1);
        }
        writeInt(v.size());
        for (T t : v) {
            element.accept(this, t);
        }
        return this;
    }

    public JuteWriter writeStringVector(List<String> v) {
        return writeVector(v, JuteWriter::writeString);
    }

    /** Overwrites an int already written at {@code offset}; used to back-fill a frame length. */
    public void patchInt(int offset, int v) {
        if (offset < 0 || offset + 4 > size) {
            throw new IndexOutOfBoundsException(offset);
        }
        bytes[offset] = (byte) (v >>> 24);
        bytes[offset + 1] = (byte) (v >>> 16);
        bytes[offset + 2] = (byte) (v >>> 8);
        bytes[offset + 3] = (byte) v;
    }

    public int size() {
        return size;
    }

    /** Forgets what was written, keeping the array, so one writer can serve many encodings. */
    public void reset() {
        size = 0;
    }

    /** The backing array; valid bytes are [0, size()). Avoids a copy when handing off to I/O. */
    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
