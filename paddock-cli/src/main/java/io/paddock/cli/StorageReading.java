package io.paddock.cli;

import io.paddock.storage.log.CorruptLogException;
import io.paddock.storage.snapshot.CorruptSnapshotException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the storage tools (log dump / verify, snapshot dump) report: lines on stdout; damaged history is exit 2
 * with the file and offset; a file that cannot be read is exit 1.
 */
final class StorageReading {
    /** Reads storage, printing lines; may find it damaged. */
    interface Reader {
        void read(Consumer<String> line) throws IOException, CorruptLogException, CorruptSnapshotException;
    }

    private StorageReading() {
    }

    static int run(CommandSpec spec, Path target, Reader reader) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            reader.read(out::println);
            return StartCommand.EXIT_OK;
        } catch (CorruptLogException | CorruptSnapshotException e) {
            out.flush();
            err.println("paddock: corrupt: " + e.getMessage());
            return StartCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("paddock: cannot read " + target + ": " + e);
            return StartCommand.EXIT_FAILURE;
        } finally {
            out.flush();
        }
    }
}
