package io.paddock.compat.polyglot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of an external program: its exit code and everything it printed (stdout and stderr, merged). */
record ToolRun(List<String> command, int exitCode, String output, boolean timedOut) {
    static final int TIMED_OUT = -1;

    /**
     * Runs a command with no standard input (so an interactive tool sees end of input at once), waits at most
     * {@code timeout}, and kills it after that. Output goes to a file, not a pipe, so a chatty tool can never
     * block on a full pipe while we wait for it.
     */
    static ToolRun run(Duration timeout, Path scratch, List<String> command) {
        try {
            Files.createDirectories(scratch);
            Path log = Files.createTempFile(scratch, "tool-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new ToolRun(command, finished ? process.exitValue() : TIMED_OUT, output, !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** For assertion messages: the command, how it ended, and its whole output. */
    String describe() {
        String ending = timedOut ? "timed out" : "exited " + exitCode;
        return String.join(" ", command) + " " + ending + "; output:\n" + output;
    }
}
