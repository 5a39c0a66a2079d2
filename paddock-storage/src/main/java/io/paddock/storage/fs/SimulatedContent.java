package io.paddock.storage.fs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * One simulated file's bytes, apart from any name it has: what a reader sees now ({@code current}) and what a
 * crash leaves ({@code durable}). A rename moves the name, never the content, as an inode would.
 */
final class SimulatedContent {
    /** The most recent write since the last force: the one a crash may tear. */
    private record UnforcedWrite(int position, byte[] bytes) {
    }

    private byte[] current = new byte[0];
    private int length;
    private byte[] durable = new byte[0];
    private int durableLength;
    /** Bytes of {@code current} in [dirtyFrom, dirtyTo) may differ from {@code durable}; none elsewhere below length. */
    private int dirtyFrom = Integer.MAX_VALUE;
    private int dirtyTo;
    private UnforcedWrite lastUnforced;

    int size() {
        return length;
    }

    int durableSize() {
        return durableLength;
    }

    /** Copies bytes at {@code position} into {@code dst}; returns how many, -1 at or past the end. */
    int read(ByteBuffer dst, long position) {
        if (position >= length) {
            return -1;
        }
        int p = (int) position;
        int n = Math.min(dst.remaining(), length - p);
        dst.put(current, p, n);
        return n;
    }

    void write(ByteBuffer src, long position) {
        int n = src.remaining();
        int p = checkedPosition(position, n);
        int end = p + n;
        ensureCapacity(end);
        if (p > length) {
            Arrays.fill(current, length, p, (byte) 0); // a write past the end leaves a hole of zeros
            markDirty(length, p);
        }
        byte[] copy = new byte[n];
        src.get(copy);
        System.arraycopy(copy, 0, current, p, n);
        markDirty(p, end);
        length = Math.max(length, end);
        lastUnforced = new UnforcedWrite(p, copy);
    }

    /** Shrinks to {@code size}; a larger size changes nothing, as FileChannel.truncate does. */
    void truncate(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (size < length) {
            length = (int) size;
        }
    }

    void force() {
        if (durable.length < length) {
            durable = Arrays.copyOf(durable, Math.max(length, durable.length * 2));
        }
        int to = Math.min(dirtyTo, length);
        if (dirtyFrom < to) {
            System.arraycopy(current, dirtyFrom, durable, dirtyFrom, to - dirtyFrom);
        }
        durableLength = length;
        dirtyFrom = Integer.MAX_VALUE;
        dirtyTo = 0;
        lastUnforced = null;
        assert Arrays.equals(current, 0, length, durable, 0, length) : "a forced file is durable byte for byte";
    }

    /**
     * Back to the durable bytes. With {@code tear}, a random prefix of the last unforced write reaches the disk
     * on top of them (possibly none of it, possibly all), as a write cut off mid-sector would.
     */
    void crash(Random random, boolean tear) {
        if (tear && lastUnforced != null) {
            int kept = random.nextInt(lastUnforced.bytes().length + 1);
            int p = lastUnforced.position();
            int end = p + kept;
            if (durable.length < end) {
                durable = Arrays.copyOf(durable, end);
            }
            if (p > durableLength) {
                Arrays.fill(durable, durableLength, p, (byte) 0);
            }
            System.arraycopy(lastUnforced.bytes(), 0, durable, p, kept);
            if (kept > 0) {
                durableLength = Math.max(durableLength, end);
            }
        }
        current = Arrays.copyOf(durable, Math.max(durableLength, 16));
        length = durableLength;
        dirtyFrom = Integer.MAX_VALUE;
        dirtyTo = 0;
        lastUnforced = null;
    }

    private void markDirty(int from, int to) {
        dirtyFrom = Math.min(dirtyFrom, from);
        dirtyTo = Math.max(dirtyTo, to);
    }

    private void ensureCapacity(int needed) {
        if (current.length < needed) {
            current = Arrays.copyOf(current, Math.max(needed, current.length * 2));
        }
    }

    private static int checkedPosition(long position, int count) {
        if (position < 0 || position + count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("simulated files hold at most 2 GiB; position " + position);
        }
        return (int) position;
    }
}
