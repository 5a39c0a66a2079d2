package io.paddock.cli;

import picocli.CommandLine;

/** Entry point of the {@code paddock} command line (bin/paddock runs it). */
public final class PaddockMain {
    private PaddockMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(ServerLauncher.paddock(), ShutdownSignal.jvmShutdown()).execute(args));
    }

    /** The command tree, with the server start and the wait for a stop signal supplied (tests fake both). */
    public static CommandLine commandLine(ServerLauncher launcher, ShutdownSignal shutdown) {
        CommandLine commandLine = new CommandLine(new PaddockCommand());
        commandLine.addSubcommand("start", new StartCommand(launcher, shutdown));
        commandLine.addSubcommand("log", new LogCommand());
        commandLine.addSubcommand("snapshot", new SnapshotCommand());
        commandLine.addSubcommand("sim", new SimCommand());
        commandLine.addSubcommand("version", new VersionCommand());
        return commandLine;
    }
}
