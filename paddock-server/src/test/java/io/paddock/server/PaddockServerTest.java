package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.core.node.Action;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.core.node.ServerView;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.Stat;
import io.paddock.server.config.ServerConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaddockServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ServerConfig config() {
        return ServerConfig.defaults()
                .withClientAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withDataDir(dataDir)
                .withFourLetterWords(Set.of("*"));
    }

    private PaddockServer start(ServerConfig config) {
        PaddockServer server = PaddockServer.start(config);
        toClose.add(server);
        return server;
    }

    private Socket connect(PaddockServer server) throws IOException {
        Socket socket = new Socket();
        toClose.add(socket);
        socket.connect(server.clientAddress(), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String fourLetterWord(PaddockServer server, String word) throws IOException {
        Socket socket = connect(server);
        socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
        return readToEnd(socket);
    }

    private static <T> T ask(PaddockServer server, Function<LoopState, T> question) {
        return server.query(question).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static int connections(PaddockServer server) {
        Integer count = ask(server, state -> state.connections().size());
        return count;
    }

    /** True once the server has closed this socket (end of stream, or a reset). */
    private static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void ruokAnswersImok() throws IOException {
        PaddockServer server = start(config());
        assertThat(fourLetterWord(server, "ruok")).isEqualTo("imok");
    }

    @Test
    void aWordOutsideTheWhitelistGetsZooKeepersRefusal() throws IOException {
        PaddockServer server = start(config().withFourLetterWords(Set.of("ruok")));
        assertThat(fourLetterWord(server, "stat")).isEqualTo("stat is not executed because it is not in the whitelist.\n");
        assertThat(fourLetterWord(server, "ruok")).isEqualTo("imok");
        assertThat(fourLetterWord(server, "srvr")).contains("Mode: standalone\n"); // always allowed
    }

    @Test
    void srvrStatConsAndConfUseZooKeepersLayout() throws IOException {
        PaddockServer server = start(config());
        Socket idle = connect(server);
        await().atMost(WAIT).until(() -> connections(server) == 1);
        int idlePort = idle.getLocalPort();

        assertThat(fourLetterWord(server, "srvr")).matches(
                "Zookeeper version: 3\\.9\\.5-paddock, built on .*\n"
                        + "Latency min/avg/max: \\d+/\\d+\\.\\d+/\\d+\n"
                        + "Received: \\d+\nSent: \\d+\nConnections: 2\nOutstanding: 0\nZxid: 0x[0-9a-f]+\n"
                        + "Mode: standalone\nNode count: \\d+\n");
        assertThat(fourLetterWord(server, "stat")).contains("Clients:\n /127.0.0.1:" + idlePort
                + "[1](queued=0,recved=0,sent=0)\n");
        assertThat(fourLetterWord(server, "cons"))
                .contains(" /127.0.0.1:" + idlePort + "[1](queued=0,recved=0,sent=0)\n")
                .contains("[1](queued=0,recved=1,sent=0)\n") // the cons connection itself
                .endsWith(")\n\n");
        assertThat(fourLetterWord(server, "conf"))
                .startsWith("clientPort=" + server.clientAddress().getPort() + "\nsecureClientPort=-1\n")
                .contains("tickTime=2000\nmaxClientCnxns=60\nminSessionTimeout=4000\nmaxSessionTimeout=40000\n")
                .endsWith("serverId=0\n");
        assertThat(fourLetterWord(server, "isro")).isEqualTo("rw");
        assertThat(fourLetterWord(server, "wchs")).isEqualTo("0 connections watching 0 paths\nTotal watches:0\n");
        assertThat(fourLetterWord(server, "mntr")).startsWith("zk_version\t3.9.5-paddock")
                .contains("zk_server_state\tstandalone\n").contains("zk_num_alive_connections\t2\n");
        assertThat(fourLetterWord(server, "envi")).startsWith("Environment:\nzookeeper.version=");
        assertThat(fourLetterWord(server, "dirs")).isEqualTo("datadir_size: 0\nlogdir_size: 0\n");
        assertThat(fourLetterWord(server, "dump")).startsWith("SessionTracker dump:\nSession Sets (0)/(0):\n")
                .endsWith("ephemeral nodes dump:\nSessions with Ephemerals (0):\nConnections dump:\n");
        assertThat(fourLetterWord(server, "srst")).isEqualTo("Server stats reset.\n");
        assertThat(fourLetterWord(server, "crst")).isEqualTo("Connection stats reset.\n");
    }

    @Test
    void aGarbageConnectionIsClosedWhileAnotherIsStillServed() throws IOException {
        PaddockServer server = start(config());
        Socket bystander = connect(server);
        Socket garbage = connect(server);
        garbage.getOutputStream().write(Frames.frame(new byte[] {9, 9, 9}));
        await().atMost(WAIT).until(() -> closedByServer(garbage));

        Socket hostile = connect(server);
        hostile.getOutputStream().write(Frames.lengthOnly(-100));
        await().atMost(WAIT).until(() -> closedByServer(hostile));

        bystander.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
        assertThat(readToEnd(bystander)).contains("Mode: standalone\n");
    }

    @Test
    void maxClientCnxnsIsEnforcedPerAddress() throws IOException {
        PaddockServer server = start(config().withMaxClientCnxns(2));
        Socket first = connect(server);
        connect(server);
        await().atMost(WAIT).until(() -> connections(server) == 2);

        Socket third = connect(server);
        await().atMost(WAIT).until(() -> closedByServer(third));
        assertThat(connections(server)).isEqualTo(2);

        first.close();
        await().atMost(WAIT).until(() -> connections(server) == 1);
        assertThat(fourLetterWord(server, "ruok")).isEqualTo("imok");
    }

    @Test
    void closeReleasesThePort() throws IOException {
        PaddockServer server = PaddockServer.start(config());
        InetSocketAddress address = server.clientAddress();
        assertThat(address.getPort()).isPositive();
        server.close();
        server.close(); // idempotent

        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(address);
            assertThat(again.getLocalPort()).isEqualTo(address.getPort());
        }
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    /** A core that grants every connect and answers every request with a reply of {@code replyBytes} bytes. */
    private static final class EchoCore implements PeerCore {
        private final ServerView view = new Peer(CoreConfig.defaults(2000), 0);
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());
        private final int replyBytes;

        EchoCore(int replyBytes) {
            this.replyBytes = replyBytes;
        }

        @Override
        public List<Action> step(Event event) {
            events.add(event);
            return switch (event) {
                case Event.ConnectReceived c -> List.of(new Action.SendConnectResponse(c.connectionId(),
                        new ConnectResponse(0, c.request().timeOut(), 0x42L, new byte[16], false, true)));
                case Event.RequestReceived r -> List.of(new Action.SendReply(r.connectionId(),
                        new ReplyHeader(r.header().xid(), 7, 0),
                        new ClientResponse.GetData(new byte[replyBytes], Stat.EMPTY)));
                default -> List.of();
            };
        }

        @Override
        public ServerView view() {
            return view;
        }
    }

    private PaddockServer start(ServerConfig config, PeerCore core) {
        PaddockServer server = PaddockServer.start(config, core, new InMemoryTxnStore());
        toClose.add(server);
        return server;
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] payload = new byte[data.readInt()];
        data.readFully(payload);
        return payload;
    }

    @Test
    void aClientRoundTripsThroughTheCoreAndTicksArrive() throws IOException {
        EchoCore core = new EchoCore(3);
        PaddockServer server = start(config().withTickTime(20), core);
        Socket client = connect(server);
        client.getOutputStream().write(Frames.concat(Frames.connect(),
                Frames.request(1, new ClientRequest.GetData("/a", false))));

        ConnectResponse response = ConnectResponse.read(new JuteReader(readFrame(client.getInputStream())));
        assertThat(response.sessionId()).isEqualTo(0x42L);
        JuteReader reply = new JuteReader(readFrame(client.getInputStream()));
        assertThat(ReplyHeader.read(reply)).isEqualTo(new ReplyHeader(1, 7, 0));
        assertThat(reply.readBuffer()).hasSize(3);

        await().atMost(WAIT).until(() -> core.events.stream().filter(e -> e instanceof Event.Tick).count() >= 3);
        assertThat(core.events).filteredOn(e -> !(e instanceof Event.Tick)).first()
                .isEqualTo(new Event.ConnectionOpened(1, "127.0.0.1"));
        client.close();
        await().atMost(WAIT).until(() -> core.events.contains(new Event.ConnectionClosed(1)));
    }

    @Test
    void aClientThatNeverReadsIsCutOffWithoutHurtingOthers() throws IOException {
        int replyBytes = 512 * 1024;
        PaddockServer server = start(config(), new EchoCore(replyBytes));
        Socket greedy = connect(server);
        greedy.setReceiveBufferSize(4096);
        int requests = (int) (OutboundLimitHandler.PENDING_OUTBOUND_BYTES_MAX / replyBytes) * 2;
        List<byte[]> frames = new ArrayList<>();
        frames.add(Frames.connect());
        for (int xid = 1; xid <= requests; xid++) {
            frames.add(Frames.request(xid, new ClientRequest.GetData("/a", false)));
        }
        greedy.getOutputStream().write(Frames.concat(frames.toArray(byte[][]::new)));

        // The replies to what it already sent are twice the cap on unread output, so the server cuts it off.
        String greedyAddress = ":" + greedy.getLocalPort();
        await().atMost(WAIT).until(() -> ask(server, state -> state.connections().stream()
                .noneMatch(c -> c.connection.remoteAddress().endsWith(greedyAddress))));
        assertThat(fourLetterWord(server, "ruok")).isEqualTo("imok");
    }

    @Test
    void fourLetterWordsReportARealSessionAndItsWatches() throws IOException {
        PaddockServer server = start(config());
        Socket client = connect(server);
        client.getOutputStream().write(Frames.concat(Frames.connect(),
                Frames.request(1, new ClientRequest.Exists("/zookeeper", true))));
        ConnectResponse response = ConnectResponse.read(new JuteReader(readFrame(client.getInputStream())));
        String sid = Long.toHexString(response.sessionId());
        assertThat(response.sessionId()).isNotZero();
        assertThat(ReplyHeader.read(new JuteReader(readFrame(client.getInputStream()))).xid()).isEqualTo(1);

        // srvr's own word counts as a received packet, as in ZooKeeper
        assertThat(fourLetterWord(server, "srvr")).contains("Received: 3\nSent: 2\nConnections: 2\n");
        String port = ":" + client.getLocalPort();
        assertThat(fourLetterWord(server, "cons")).containsPattern(
                " /127\\.0\\.0\\.1" + port + "\\[1\\]\\(queued=0,recved=2,sent=2,sid=0x" + sid
                        + ",lop=EXIS,est=\\d+,to=30000,lcxid=0x1,lzxid=0x[0-9a-f]+,lresp=\\d+,llat=\\d+,minlat=0,"
                        + "avglat=\\d+,maxlat=\\d+\\)\n");
        assertThat(fourLetterWord(server, "wchc")).isEqualTo("0x" + sid + "\n\t/zookeeper\n\n");
        assertThat(fourLetterWord(server, "wchp")).isEqualTo("/zookeeper\n\t0x" + sid + "\n\n");
        assertThat(fourLetterWord(server, "wchs")).isEqualTo("1 connections watching 1 paths\nTotal watches:1\n");
        assertThat(fourLetterWord(server, "dump")).containsPattern(
                "Session Sets \\(1\\)/\\(1\\):\n1 expire at .*:\n\t0x" + sid + "\n");
    }
}
