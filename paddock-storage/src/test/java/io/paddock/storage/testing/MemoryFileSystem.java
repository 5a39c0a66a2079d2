package io.paddock.storage.testing;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test-only file system in memory that keeps the durability rules of {@link FileSystem}: {@link #crash()}
 * forgets every byte not forced and every directory change not forced. {@link #failAfter} makes the n-th
 * next mutating call (and every call after it) throw, to stop a writer at any point; then crash() and look.
 * Directories themselves are created durably (storage code never depends on that being lost).
 */
public final class MemoryFileSystem implements FileSystem {
    private static final class Inode {
        byte[] data = new byte[0];
        byte[] durable = new byte[0];
    }

    private final Set<Path> directories = new HashSet<>();
    private final Map<Path, Map<String, Inode>> entries = new HashMap<>();
    private final Map<Path, Map<String, Inode>> durableEntries = new HashMap<>();
    private long mutationsLeft = Long.MAX_VALUE;
    private boolean down;
    private long mutations;

    /** The next {@code count} mutating calls succeed, the one after throws, and so does everything until crash(). */
    public void failAfter(long count) {
        mutationsLeft = count;
    }

    /** Mutating calls made so far (writes, forces, truncates, creates, renames, deletes, directory forces). */
    public long mutations() {
        return mutations;
    }

    /** Loses everything not durable; the file system works again afterwards. */
    public void crash() {
        entries.clear();
        durableEntries.forEach((dir, names) -> entries.put(dir, new TreeMap<>(names)));
        for (Map<String, Inode> names : entries.values()) {
            for (Inode inode : names.values()) {
                inode.data = inode.durable.clone();
            }
        }
        down = false;
        mutationsLeft = Long.MAX_VALUE;
    }

    public boolean isDirectory(Path dir) {
        return directories.contains(dir.normalize());
    }

    /** The current content of a file. */
    public byte[] bytes(Path file) throws IOException {
        return inode(file).data.clone();
    }

    /** Replaces a file's content durably (creating it durably when absent): for planting damage. */
    public void plant(Path file, byte[] content) throws IOException {
        Path dir = parentOf(file);
        requireDirectory(dir);
        Inode inode = entries.get(dir).computeIfAbsent(name(file), n -> new Inode());
        inode.data = content.clone();
        inode.durable = content.clone();
        durableEntries.computeIfAbsent(dir, d -> new TreeMap<>()).put(name(file), inode);
    }

    @Override
    public FileHandle open(Path path) throws IOException {
        ensureUp();
        Path dir = parentOf(path);
        requireDirectory(dir);
        Map<String, Inode> names = entries.get(dir);
        Inode inode = names.get(name(path));
        if (inode == null) {
            mutate();
            inode = new Inode();
            names.put(name(path), inode);
        }
        return new Handle(inode);
    }

    @Override
    public boolean exists(Path path) {
        Map<String, Inode> names = entries.get(parentOf(path));
        return names != null && names.containsKey(name(path));
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        ensureUp();
        Map<String, Inode> names = entries.get(dir.normalize());
        return names == null ? List.of() : new ArrayList<>(new TreeMap<>(names).keySet());
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        ensureUp();
        for (Path d = dir.normalize(); d != null; d = d.getParent()) {
            if (d.getParent() != null && exists(d)) {
                throw new FileAlreadyExistsException(d.toString());
            }
            if (directories.add(d)) {
                entries.put(d, new TreeMap<>());
                durableEntries.put(d, new TreeMap<>());
            }
        }
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        ensureUp();
        Inode inode = inode(from);
        requireDirectory(parentOf(to));
        mutate();
        entries.get(parentOf(from)).remove(name(from));
        entries.get(parentOf(to)).put(name(to), inode);
    }

    @Override
    public void delete(Path path) throws IOException {
        ensureUp();
        Map<String, Inode> names = entries.get(parentOf(path));
        if (names != null && names.containsKey(name(path))) {
            mutate();
            names.remove(name(path));
        }
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        ensureUp();
        requireDirectory(dir.normalize());
        mutate();
        durableEntries.put(dir.normalize(), new TreeMap<>(entries.get(dir.normalize())));
    }

    private Inode inode(Path file) throws IOException {
        Map<String, Inode> names = entries.get(parentOf(file));
        Inode inode = names == null ? null : names.get(name(file));
        if (inode == null) {
            throw new NoSuchFileException(file.toString());
        }
        return inode;
    }

    private void requireDirectory(Path dir) throws IOException {
        if (!directories.contains(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
    }

    private static Path parentOf(Path path) {
        Path parent = path.normalize().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("use absolute paths with a parent: " + path);
        }
        return parent;
    }

    private static String name(Path path) {
        return path.normalize().getFileName().toString();
    }

    private void ensureUp() throws IOException {
        if (down) {
            throw new IOException("injected crash: the file system is down");
        }
    }

    private void mutate() throws IOException {
        ensureUp();
        if (mutationsLeft <= 0) {
            down = true;
            throw new IOException("injected crash");
        }
        mutationsLeft--;
        mutations++;
    }

    private final class Handle implements FileHandle {
        private final Inode inode;

        Handle(Inode inode) {
            this.inode = inode;
        }

        @Override
        public long size() throws IOException {
            ensureUp();
            return inode.data.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            ensureUp();
            if (position >= inode.data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), inode.data.length - position);
            dst.put(inode.data, (int) position, n);
            return n;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            mutate();
            int end = Math.toIntExact(position + src.remaining());
            if (end > inode.data.length) {
                inode.data = Arrays.copyOf(inode.data, end);
            }
            src.get(inode.data, (int) position, src.remaining());
        }

        @Override
        public void force() throws IOException {
            mutate();
            inode.durable = inode.data.clone();
        }

        @Override
        public void truncate(long size) throws IOException {
            mutate();
            if (size < inode.data.length) {
                inode.data = Arrays.copyOf(inode.data, (int) size);
            }
        }

        @Override
        public void close() {
        }
    }
}
