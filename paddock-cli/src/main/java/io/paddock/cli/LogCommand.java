package io.paddock.cli;

import io.paddock.storage.fs.RealFileSystem;
import io.paddock.storage.log.TxnLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paddock log dump FILE} and {@code paddock log verify DIR}: read a txn log without a server. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Inspect a transaction log.",
        subcommands = {LogCommand.Dump.class, LogCommand.Verify.class})
final class LogCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return StartCommand.EXIT_USAGE;
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = {"Print every txn of one log segment (a log.<zxid> file), one per line.",
                "Exit status: 0 when the segment is intact, 2 when it is damaged (the message names the offset)."})
    static final class Dump implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A log segment, e.g. data/version-2/log.0000000000000001")
        private Path file;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("paddock: " + file + ": no such file");
                return StartCommand.EXIT_FAILURE;
            }
            return StorageReading.run(spec, file, line -> TxnLog.dump(new RealFileSystem(), file, line));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the checksum of every record of every segment in a log directory.",
                "DIR is the dataLogDir (or its version-2 directory).",
                "Exit status: 0 when every checksum is good, 2 with the damaged file and offset otherwise."})
    static final class Verify implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "dataLogDir, or dataLogDir/version-2")
        private Path dir;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Path logDir = Files.isDirectory(dir.resolve("version-2")) ? dir.resolve("version-2") : dir;
            if (!Files.isDirectory(logDir)) {
                err.println("paddock: " + dir + ": no such directory");
                return StartCommand.EXIT_FAILURE;
            }
            return StorageReading.run(spec, logDir, line -> {
                TxnLog.verify(new RealFileSystem(), logDir, line);
                line.accept("OK: every checksum in " + logDir + " is good");
            });
        }
    }
}
