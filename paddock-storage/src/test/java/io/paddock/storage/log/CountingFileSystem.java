package io.paddock.storage.log;

import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.fs.RealFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real file system, counting what the log asks of it, and able to fail a force on demand. With
 * {@code skipSync} it does every read and write but no fsync: for tests of format and logic, not durability.
 */
final class CountingFileSystem implements FileSystem {
    private final RealFileSystem real = new RealFileSystem();
    final List<String> events = new ArrayList<>();
    int writes;
    int forces;
    int directoryForces;
    boolean failNextForce;
    boolean skipSync;

    void reset() {
        events.clear();
        writes = 0;
        forces = 0;
        directoryForces = 0;
    }

    @Override
    public FileHandle open(Path path) throws IOException {
        FileHandle file = real.open(path);
        String name = path.getFileName().toString();
        return new FileHandle() {
            @Override
            public long size() throws IOException {
                return file.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return file.read(dst, position);
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                writes++;
                events.add("write " + name + " " + position + " " + src.remaining());
                file.write(src, position);
            }

            @Override
            public void force() throws IOException {
                if (failNextForce) {
                    failNextForce = false;
                    throw new IOException("injected fsync failure");
                }
                forces++;
                events.add("force " + name);
                if (!skipSync) {
                    file.force();
                }
            }

            @Override
            public void truncate(long size) throws IOException {
                events.add("truncate " + name + " " + size);
                file.truncate(size);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public boolean exists(Path path) {
        return real.exists(path);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        real.createDirectories(dir);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        real.rename(from, to);
    }

    @Override
    public void delete(Path path) throws IOException {
        events.add("delete " + path.getFileName());
        real.delete(path);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        directoryForces++;
        events.add("forceDirectory");
        if (!skipSync) {
            real.forceDirectory(dir);
        }
    }
}
