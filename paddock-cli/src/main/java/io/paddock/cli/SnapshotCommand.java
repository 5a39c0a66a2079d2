package io.paddock.cli;

import io.paddock.storage.fs.RealFileSystem;
import io.paddock.storage.snapshot.SnapshotFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paddock snapshot dump FILE}: print a snapshot without a server. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Inspect a snapshot.",
        subcommands = SnapshotCommand.Dump.class)
final class SnapshotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return StartCommand.EXIT_USAGE;
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = {"Print a snapshot's sessions and nodes (a snapshot.<zxid> file).",
                "The whole file is validated first. Exit status: 0 when intact, 2 when damaged."})
    static final class Dump implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A snapshot, e.g. data/version-2/snapshot.0000000000000400")
        private Path file;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("paddock: " + file + ": no such file");
                return StartCommand.EXIT_FAILURE;
            }
            return StorageReading.run(spec, file, line -> SnapshotFile.dump(new RealFileSystem(), file, line));
        }
    }
}
