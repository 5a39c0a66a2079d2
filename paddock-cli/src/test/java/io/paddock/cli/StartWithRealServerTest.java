package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code paddock start} against the real PaddockServer: it binds, answers, reports its port, and closes. */
class StartWithRealServerTest {
    private static final Pattern SERVING = Pattern.compile("clients on 127\\.0\\.0\\.1:(\\d+),");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CountDownLatch stop = new CountDownLatch(1);

    private CommandLine commandLine() {
        CommandLine commandLine = PaddockMain.commandLine(ServerLauncher.paddock(), () -> {
            stop.await();
            return () -> { };
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    @Test
    void servesUntilStoppedThenFreesThePort() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine().execute("start",
                "--port", "0", "--client-address", "127.0.0.1", "--data-dir", dir.resolve("data").toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> SERVING.matcher(out.toString()).find() || exit.isDone());
        Matcher serving = SERVING.matcher(out.toString());
        assertThat(serving.find()).as("startup line in %s / %s", out, err).isTrue();
        int port = Integer.parseInt(serving.group(1));
        assertThat(port).isPositive();
        assertThat(fourLetterWord(port, "srvr")).contains("Mode: standalone");

        stop.countDown();

        assertThat(exit.get()).isZero();
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = commandLine().execute("start", "--port", String.valueOf(taken.getLocalPort()),
                    "--client-address", "127.0.0.1", "--data-dir", dir.resolve("data").toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                    "using port " + taken.getLocalPort());
        }
    }

    private static String fourLetterWord(int port, String word) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream output = socket.getOutputStream();
            output.write(word.getBytes(StandardCharsets.US_ASCII));
            output.flush();
            InputStream input = socket.getInputStream();
            return new String(input.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
