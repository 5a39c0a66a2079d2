package io.paddock.storage.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations storage needs, and nothing else, so the same log and snapshot code runs on a real disk
 * and on a simulated one that loses what was not forced when it "crashes".
 *
 * <p>Durability rules (what the simulated implementation enforces): bytes written to a file survive a crash
 * only once {@link FileHandle#force()} returned after they were written; a file's creation, a rename or a
 * delete survives a crash only once {@link #forceDirectory} returned for the directory holding it.
 */
public interface FileSystem {
    /** Opens for reading and writing, creating an empty file when absent. */
    FileHandle open(Path path) throws IOException;

    boolean exists(Path path);

    /** Names of the regular files in {@code dir}, sorted; empty when the directory does not exist. */
    List<String> list(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** Atomically replaces {@code to} with {@code from}. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes a file; nothing happens when it is absent. */
    void delete(Path path) throws IOException;

    /** Makes creations, renames and deletes of entries in {@code dir} durable. */
    void forceDirectory(Path dir) throws IOException;
}
