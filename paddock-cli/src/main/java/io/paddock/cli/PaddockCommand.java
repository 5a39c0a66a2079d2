package io.paddock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code paddock} command; alone it only shows how to use the subcommands. */
@Command(name = "paddock", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "A ZooKeeper-compatible coordination service.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'paddock start' to serve ZooKeeper clients on port 2181."})
final class PaddockCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return StartCommand.EXIT_USAGE;
    }
}
