package io.paddock.compat.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Random;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Random and mutated frames over a real socket after a hand-made handshake. After every burst the fuzzed
 * connection must have answered or been closed (never left hanging), and a fresh official client must still
 * be served. The seed is printed, and {@code -Dfuzz.seed=N} replays a run; every server kind gets the same
 * seed, so Apache ZooKeeper runs the very frames Paddock does.
 */
class RequestPathFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int BURSTS = Integer.getInteger("fuzz.bursts", 16);
    private static final int MAX_FRAMES_PER_BURST = 24;
    private static final Duration TIME_BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 30));
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final int SENTINEL_XID = 0x5e471e1;

    enum Outcome { ANSWERED, CLOSED, CLOSED_AFTER_OUR_END }

    /** Outcomes per server kind, so the last kind to run can show where the servers behaved differently. */
    private static final Map<String, List<Outcome>> OUTCOMES = new ConcurrentHashMap<>();

    /**
     * Printed, not asserted: Apache ZooKeeper answers a body that does not decode with MarshallingError and
     * keeps the connection, while closing is also a valid answer; both only must not hang.
     */
    private static void reportDifferences() {
        List<String> kinds = new ArrayList<>(OUTCOMES.keySet());
        for (int a = 0; a < kinds.size(); a++) {
            for (int b = a + 1; b < kinds.size(); b++) {
                List<Outcome> first = OUTCOMES.get(kinds.get(a));
                List<Outcome> second = OUTCOMES.get(kinds.get(b));
                for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
                    if (first.get(i) != second.get(i)) {
                        System.out.printf("seed %d burst %d: %s %s, %s %s%n", SEED, i, kinds.get(a), first.get(i),
                                kinds.get(b), second.get(i));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void fuzzedRequestsNeverHangTheConnectionOrHarmTheServer(KindServer server) throws Exception {
        System.out.printf("request-path fuzz against %s with -Dfuzz.seed=%d%n", server, SEED);
        Random random = new Random(SEED);
        FrameFuzzer fuzzer = new FrameFuzzer(random);
        withOfficialClient(server, zk -> createIfAbsent(zk, "/fuzz"));

        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        List<Outcome> outcomes = new ArrayList<>();
        for (int burst = 0; burst < BURSTS && System.nanoTime() < deadline; burst++) {
            String context = "seed " + SEED + " burst " + burst + " against " + server;
            Outcome outcome = random.nextInt(5) == 0
                    ? handshakeBurst(server, fuzzer, context)
                    : requestBurst(server, fuzzer, random, context);
            outcomes.add(outcome);
            int check = burst;
            withOfficialClient(server, zk -> {
                String path = "/fuzz-check-" + check;
                byte[] data = ("alive after " + context).getBytes(StandardCharsets.UTF_8);
                zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                assertThat(zk.getData(path, false, null)).as("server still serves after %s", context).isEqualTo(data);
                zk.delete(path, -1);
            });
        }
        System.out.printf("fuzz outcomes against %s (seed %d): %s%n", server, SEED, outcomes);
        assertThat(outcomes).isNotEmpty();
        OUTCOMES.put(server.kind(), outcomes);
        reportDifferences();
    }

    private Outcome requestBurst(KindServer server, FrameFuzzer fuzzer, Random random, String context) throws IOException {
        try (RawConnection connection = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
            ConnectResponse session = connection.handshake(10_000);
            assertThat(session.sessionId()).as("session from handshake, %s", context).isNotZero();
            assertThat(session.timeOut()).isPositive();
            assertThat(session.passwd()).hasSize(16);

            // Draw the whole burst before sending, so every server sees the same frames whatever it does.
            List<FrameFuzzer.Frame> burst = new ArrayList<>();
            for (int i = 1 + random.nextInt(MAX_FRAMES_PER_BURST); i > 0; i--) {
                burst.add(fuzzer.next());
            }
            boolean desynchronized = false;
            int sent = 0;
            for (FrameFuzzer.Frame frame : burst) {
                desynchronized |= frame.desynchronizes();
                sent++;
                if (!connection.send(frame.bytes())) {
                    break;
                }
            }
            connection.send(RawConnection.frame(sentinel()));
            String what = context + " after " + sent + " of frames " + burst;
            try {
                return connection.awaitReply(SENTINEL_XID) ? Outcome.ANSWERED : Outcome.CLOSED;
            } catch (SocketTimeoutException silent) {
                // Only a lying frame length excuses silence: the server may rightly wait for bytes that will not
                // come. Once we end our side it must close.
                assertThat(desynchronized).as("no reply and no close within %d ms, %s", READ_TIMEOUT_MS, what).isTrue();
                assertThat(connection.closesAfterOurEnd()).as("still open after our half-close, %s", what).isTrue();
                return Outcome.CLOSED_AFTER_OUR_END;
            } catch (IllegalStateException garbage) {
                throw new AssertionError(garbage.getMessage() + ", " + what, garbage);
            }
        }
    }

    private Outcome handshakeBurst(KindServer server, FrameFuzzer fuzzer, String context) throws IOException {
        try (RawConnection connection = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
            byte[] frame = fuzzer.mutatedHandshake();
            connection.send(frame);
            assertThat(connection.closesAfterOurEnd())
                    .as("still open after a mutated handshake and our half-close, %s: %s", context, java.util.Arrays.toString(frame))
                    .isTrue();
            return Outcome.CLOSED_AFTER_OUR_END;
        }
    }

    private static byte[] sentinel() {
        JuteWriter w = new JuteWriter();
        new RequestHeader(SENTINEL_XID, io.paddock.core.wire.OpCode.EXISTS).write(w);
        new io.paddock.core.wire.ClientRequest.Exists("/", false).write(w);
        return w.toByteArray();
    }

    // ---- directed cases both servers must agree on ----

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void unknownOpcodeIsAnsweredUnimplementedThenClosed(KindServer server) throws IOException {
        try (RawConnection connection = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
            connection.handshake(10_000);
            JuteWriter w = new JuteWriter();
            new RequestHeader(77, 55).write(w);
            connection.send(RawConnection.frame(w.toByteArray()));
            byte[] reply = connection.readFrame();
            assertThat(reply).as("a reply to the unknown opcode").isNotNull();
            ReplyHeader header = ReplyHeader.read(new JuteReader(reply));
            assertThat(header.xid()).isEqualTo(77);
            assertThat(header.err()).isEqualTo(ErrorCode.UNIMPLEMENTED);
            assertThat(connection.readFrame()).as("connection closed after Unimplemented").isNull();
        }
    }

    /** ZooKeeper's Request.isValid refuses these at top level although they are known opcodes. */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void notificationAndBareCheckAreUnimplementedAtTopLevel(KindServer server) throws IOException {
        for (int op : new int[] {io.paddock.core.wire.OpCode.NOTIFICATION, io.paddock.core.wire.OpCode.CHECK}) {
            try (RawConnection connection = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
                connection.handshake(10_000);
                JuteWriter w = new JuteWriter();
                new RequestHeader(9, op).write(w);
                new io.paddock.core.wire.ClientRequest.Check("/", -1).write(w);
                connection.send(RawConnection.frame(w.toByteArray()));
                byte[] reply = connection.readFrame();
                assertThat(reply).as("a reply to top-level opcode %d", op).isNotNull();
                ReplyHeader header = ReplyHeader.read(new JuteReader(reply));
                assertThat(header.xid()).isEqualTo(9);
                assertThat(header.err()).as("err for top-level opcode %d", op).isEqualTo(ErrorCode.UNIMPLEMENTED);
                assertThat(connection.readFrame()).as("closed after Unimplemented for opcode %d", op).isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void frameLengthsOutOfRangeCloseTheConnection(KindServer server) throws Exception {
        for (int length : new int[] {-1, Integer.MIN_VALUE, FrameFuzzer.MAX_FRAME + 1, Integer.MAX_VALUE}) {
            try (RawConnection connection = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
                connection.handshake(10_000);
                connection.send(new JuteWriter().writeInt(length).writeInt(1).writeInt(2).toByteArray());
                assertThat(connection.readFrame()).as("closed after frame length %d", length).isNull();
            }
        }
        withOfficialClient(server, zk -> assertThat(zk.exists("/", false)).isNotNull());
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void aTruncatedRequestBodyGetsAnErrorOrACloseNotSilence(KindServer server) throws Exception {
        try (RawConnection connection = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
            connection.handshake(10_000);
            JuteWriter w = new JuteWriter();
            new RequestHeader(5, io.paddock.core.wire.OpCode.CREATE).write(w);
            w.writeString("/truncated").writeInt(100); // data claims 100 bytes; the frame ends here
            connection.send(RawConnection.frame(w.toByteArray()));
            byte[] reply = connection.readFrame();
            if (reply != null) {
                // Apache ZooKeeper answers MarshallingError and keeps the connection.
                ReplyHeader header = ReplyHeader.read(new JuteReader(reply));
                assertThat(header.xid()).isEqualTo(5);
                assertThat(header.err()).isNotEqualTo(ErrorCode.OK);
            }
        }
        withOfficialClient(server, zk -> assertThat(zk.exists("/truncated", false)).isNull());
    }

    // ---- the official client ----

    interface ClientSteps {
        void run(ZooKeeper zk) throws Exception;
    }

    private static void withOfficialClient(KindServer server, ClientSteps steps) throws Exception {
        ZooKeeper zk = new ZooKeeper(server.connectString(), 10_000, event -> { });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> zk.getState().isConnected());
            steps.run(zk);
        } finally {
            zk.close();
        }
    }

    private static void createIfAbsent(ZooKeeper zk, String path) throws InterruptedException, KeeperException {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException already) {
            // created by an earlier test in this class
        }
    }
}
