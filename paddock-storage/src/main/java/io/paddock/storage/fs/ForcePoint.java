package io.paddock.storage.fs;

import java.nio.file.Path;

/**
 * One call to {@link FileHandle#force()} or {@link FileSystem#forceDirectory} on a simulated file system.
 *
 * @param number    1 for the first force since the file system was made, counting files and directories
 * @param path      the file forced, or the directory
 * @param directory whether it was {@link FileSystem#forceDirectory}
 */
public record ForcePoint(int number, Path path, boolean directory) {
}
