package io.paddock.compat.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.compat.support.EventLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.AsyncCallback.StringCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process ({@code paddock start}) under write load from the official client is killed with SIGKILL
 * and restarted on the same data directory, several times. Every write whose reply arrived before the kill must
 * be there afterwards, with its value.
 */
@Timeout(180)
class KillNineTest {
    private static final int ROUNDS = 3;
    private static final int WRITERS = 4;
    private static final int IN_FLIGHT_PER_WRITER = 32;
    /** Acknowledged writes to wait for in a round before the kill (the load keeps going while it happens). */
    private static final int ACKS_PER_ROUND = 400;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process process;
    private ZooKeeper zk;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    /** Every write whose success reply arrived: path to value. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Writes that failed with a lost connection: in flight when the server was killed. */
    private final AtomicInteger lostInFlight = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        stopLoad();
        if (zk != null) {
            zk.close(500);
        }
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process startServer(int port, int round) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = dir.resolve("server-" + round + ".out");
        Process started = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.paddock.cli.PaddockMain", "start", "--port", Integer.toString(port),
                "--client-address", "127.0.0.1", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(started.isAlive()).as("server process alive; output:%n%s", read(output)).isTrue();
            return accepts(port);
        });
        return started;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void startLoad(int round) {
        loading.set(true);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(round, writer), "writer-" + round + "-" + w);
            thread.setDaemon(true);
            writers.add(thread);
            thread.start();
        }
    }

    /** Creates /k/r{round}-w{writer}-{i} with a value naming it, keeping a bounded number in flight. */
    private void write(int round, int writer) {
        Semaphore window = new Semaphore(IN_FLIGHT_PER_WRITER);
        StringCallback callback = (rc, path, ctx, name) -> {
            window.release();
            if (rc == KeeperException.Code.OK.intValue()) {
                acknowledged.put(path, (String) ctx);
            } else if (rc == KeeperException.Code.CONNECTIONLOSS.intValue()) {
                lostInFlight.incrementAndGet();
            }
        };
        for (int i = 0; loading.get(); i++) {
            try {
                window.acquire();
            } catch (InterruptedException e) {
                return;
            }
            String path = "/k/r" + round + "-w" + writer + "-" + i;
            String value = "value of " + path + " " + System.nanoTime();
            zk.create(path, value.getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    callback, value);
        }
    }

    private void stopLoad() throws InterruptedException {
        loading.set(false);
        for (Thread writer : writers) {
            writer.interrupt();
            writer.join(5_000);
        }
        writers.clear();
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        int port = freePort();
        process = startServer(port, 0);
        // The startup line is printed just after the port is bound, so wait for it rather than read it at once.
        await().atMost(Duration.ofSeconds(30)).until(() -> read(dir.resolve("server-0.out")).contains("data survives restarts"));
        assertThat(read(dir.resolve("server-0.out"))).doesNotContain("not built");
        EventLog events = new EventLog();
        zk = new ZooKeeper("127.0.0.1:" + port, 20_000, events);
        events.awaitState(KeeperState.SyncConnected);
        zk.create("/k", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        long sessionId = zk.getSessionId();

        AtomicInteger verified = new AtomicInteger();
        for (int round = 1; round <= ROUNDS; round++) {
            int before = acknowledged.size();
            startLoad(round);
            await().atMost(WAIT).until(() -> acknowledged.size() >= before + ACKS_PER_ROUND);
            process.destroyForcibly(); // SIGKILL on Linux, while the writers keep writing
            process.waitFor();
            stopLoad();
            Map<String, String> mustSurvive = Map.copyOf(acknowledged);

            process = startServer(port, round);
            await().atMost(WAIT).until(() -> zk.getState().isConnected());
            assertThat(zk.getSessionId()).isEqualTo(sessionId);
            for (Map.Entry<String, String> write : mustSurvive.entrySet()) {
                byte[] data = zk.getData(write.getKey(), false, null);
                assertThat(new String(data, StandardCharsets.UTF_8)).as(write.getKey()).isEqualTo(write.getValue());
                verified.incrementAndGet();
            }
        }
        assertThat(verified.get()).isGreaterThanOrEqualTo(ROUNDS * ACKS_PER_ROUND);
        assertThat(lostInFlight.get()).as("writes in flight at the kills").isPositive();
        assertThat(events.all()).noneMatch(e -> e.state() == KeeperState.Expired);
    }
}
