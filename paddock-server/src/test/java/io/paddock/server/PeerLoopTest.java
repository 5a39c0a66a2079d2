package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.core.node.ServerView;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import io.paddock.server.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Everything observable, in the order it happened, across the loop, the fake core and the fake outputs. */
    private final List<String> happenings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong nextZxid = new AtomicLong();
    private final List<List<Action.Persist>> appended = Collections.synchronizedList(new ArrayList<>());
    private PeerLoop loop;

    /** A core that answers every request with a reply, after persisting a txn for writes (odd xids). */
    private final class FakeCore implements PeerCore {
        private final ServerView view = new Peer(CoreConfig.defaults(2000), 0);

        @Override
        public List<Action> step(Event event) {
            happenings.add("step " + describe(event));
            return switch (event) {
                case Event.RequestReceived r -> {
                    List<Action> actions = new ArrayList<>();
                    long zxid = nextZxid.get();
                    if (r.header().xid() % 2 != 0) {
                        zxid = nextZxid.incrementAndGet();
                        actions.add(new Action.Persist(new TxnHeader(1, r.header().xid(), zxid, 0, OpCode.SET_DATA),
                                new Txn.SetData("/a", new byte[0], 1)));
                    }
                    actions.add(new Action.Trace(Action.TraceLevel.DEBUG, "answering " + r.header().xid()));
                    actions.add(new Action.SendReply(r.connectionId(), new ReplyHeader(r.header().xid(), zxid, 0),
                            ClientResponse.Empty.INSTANCE));
                    yield actions;
                }
                case Event.RequestUndecodable u -> List.of(
                        new Action.SendReply(u.connectionId(), new ReplyHeader(u.header().xid(), 0, -6), null),
                        new Action.CloseConnection(u.connectionId(), "unimplemented"));
                default -> List.of();
            };
        }

        @Override
        public ServerView view() {
            return view;
        }
    }

    /** A connection output that records each delivered batch (one batch is one flush). */
    private final class FakeConnection implements ClientConnection {
        final String name;
        final List<List<Object>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> answers = Collections.synchronizedList(new ArrayList<>());

        FakeConnection(String name) {
            this.name = name;
        }

        @Override
        public void deliver(List<Object> outbox) {
            happenings.add("deliver " + name + " " + outbox.size());
            batches.add(List.copyOf(outbox));
        }

        @Override
        public void answerAndClose(String text) {
            answers.add(text);
        }

        @Override
        public String remoteAddress() {
            return "/127.0.0.1:" + name;
        }

        @Override
        public int interestOps() {
            return 1;
        }
    }

    private final class RecordingStore implements TxnStore {
        private final InMemoryTxnStore delegate = new InMemoryTxnStore();

        @Override
        public void start(java.util.function.LongConsumer durableUpTo) {
            delegate.start(zxid -> {
                happenings.add("durable " + zxid);
                durableUpTo.accept(zxid);
            });
        }

        @Override
        public void append(List<Action.Persist> batch) {
            appended.add(batch);
            delegate.append(batch);
        }

        @Override
        public long durableZxid() {
            return delegate.durableZxid();
        }

        @Override
        public void close() {
        }
    }

    private static String describe(Event event) {
        return switch (event) {
            case Event.RequestReceived r -> "request " + r.header().xid();
            case Event.Persisted p -> "persisted " + p.zxid();
            default -> event.getClass().getSimpleName();
        };
    }

    private PeerLoop newLoop() {
        ServerConfig config = ServerConfig.defaults().withFourLetterWords(Set.of("*"));
        loop = new PeerLoop(new FakeCore(), new RecordingStore(), new FourLetterCommands(config), Runnable::run,
                System::currentTimeMillis);
        return loop;
    }

    private static LoopItem request(long connection, int xid) {
        return new LoopItem.CoreEvent(new Event.RequestReceived(connection, new RequestHeader(xid, OpCode.GET_DATA),
                new ClientRequest.GetData("/a", false), System.currentTimeMillis()));
    }

    private <T> T ask(Function<LoopState, T> question) {
        return loop.query(question).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private long askLong(Function<LoopState, Number> question) {
        return ask(question).longValue();
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void everyConnectionWrittenInABatchIsFlushedOnceWithItsRepliesInOrder() {
        PeerLoop loop = newLoop();
        FakeConnection a = new FakeConnection("a");
        FakeConnection b = new FakeConnection("b");
        loop.submit(new LoopItem.Opened(1, a, "127.0.0.1"));
        loop.submit(new LoopItem.Opened(2, b, "127.0.0.1"));
        for (int xid = 2; xid <= 20; xid += 2) {
            loop.submit(request(1, xid));
            loop.submit(request(2, xid + 100));
        }
        loop.start(); // everything above is queued already, so it is one batch

        await().atMost(WAIT).until(() -> a.batches.size() == 1 && b.batches.size() == 1);
        assertThat(a.batches.get(0)).extracting(m -> ((Action.SendReply) m).header().xid())
                .containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18, 20);
        assertThat(b.batches.get(0)).hasSize(10);
        assertThat(askLong(state -> state.serverStats().packetsSent())).isEqualTo(20);
        assertThat(askLong(state -> state.connection(1).packetsReceived)).isEqualTo(10);
        assertThat(askLong(state -> state.connection(1).outstanding())).isZero();
    }

    @Test
    void persistedIsSteppedAfterTheBatchThatCausedItWasHandedOff() {
        PeerLoop loop = newLoop();
        FakeConnection a = new FakeConnection("a");
        loop.submit(new LoopItem.Opened(1, a, "127.0.0.1"));
        for (int xid = 1; xid <= 5; xid++) {
            loop.submit(request(1, xid));
        }
        loop.start();

        await().atMost(WAIT).until(() -> happenings.contains("step persisted 3"));
        // One group commit for the batch's three writes (xids 1, 3, 5), reported once, stepped after the flush.
        assertThat(appended).hasSize(1);
        assertThat(appended.get(0)).extracting(p -> p.header().zxid()).containsExactly(1L, 2L, 3L);
        List<String> seen = List.copyOf(happenings);
        assertThat(seen).containsSubsequence("step request 5", "durable 3", "deliver a 5", "step persisted 3");
        assertThat(seen).filteredOn(s -> s.startsWith("step persisted")).containsExactly("step persisted 3");
    }

    @Test
    void laterBatchesAreFlushedSeparately() {
        PeerLoop loop = newLoop();
        FakeConnection a = new FakeConnection("a");
        loop.submit(new LoopItem.Opened(1, a, "127.0.0.1"));
        loop.start();
        loop.submit(request(1, 2));
        await().atMost(WAIT).until(() -> a.batches.size() == 1);
        loop.submit(request(1, 4));
        await().atMost(WAIT).until(() -> a.batches.size() == 2);
        assertThat(a.batches.get(1)).hasSize(1);
    }

    @Test
    void closeConnectionIsDeliveredAfterTheReplyBeforeIt() {
        PeerLoop loop = newLoop();
        FakeConnection a = new FakeConnection("a");
        loop.submit(new LoopItem.Opened(1, a, "127.0.0.1"));
        loop.submit(new LoopItem.CoreEvent(new Event.RequestUndecodable(1, new RequestHeader(9, 999), true, "x")));
        loop.start();
        await().atMost(WAIT).until(() -> a.batches.size() == 1);
        assertThat(a.batches.get(0)).hasSize(2);
        assertThat(a.batches.get(0).get(0)).isInstanceOf(Action.SendReply.class);
        assertThat(a.batches.get(0).get(1)).isInstanceOf(Action.CloseConnection.class);
    }

    @Test
    void outputForAClosedConnectionIsDropped() {
        PeerLoop loop = newLoop();
        FakeConnection a = new FakeConnection("a");
        loop.submit(new LoopItem.Opened(1, a, "127.0.0.1"));
        loop.submit(new LoopItem.CoreEvent(new Event.ConnectionClosed(1)));
        loop.submit(request(1, 2));
        loop.start();
        assertThat(askLong(state -> state.connections().size())).isZero();
        assertThat(a.batches).isEmpty();
        assertThat(happenings).contains("step request 2");
    }

    @Test
    void queriesRunOnTheLoopThread() {
        newLoop().start();
        String threadName = ask(state -> Thread.currentThread().getName());
        assertThat(threadName).isEqualTo("paddock-peer-loop");
    }

    @Test
    void fourLetterWordsAreAnsweredThroughTheConnection() {
        PeerLoop loop = newLoop();
        FakeConnection a = new FakeConnection("a");
        loop.submit(new LoopItem.Opened(1, a, "127.0.0.1"));
        loop.submit(new LoopItem.FourLetter(new FourLetterWordReceived(1, "srvr", 0)));
        loop.start();
        await().atMost(WAIT).until(() -> a.answers.size() == 1);
        assertThat(a.answers.get(0)).startsWith("Zookeeper version: ").contains("Mode: standalone\n")
                .contains("Received: 1\n").contains("Connections: 1\n");
    }

    @Test
    void aFailingStepDoesNotStopTheLoop() {
        loop = new PeerLoop(new PeerCore() {
            @Override
            public List<Action> step(Event event) {
                if (event instanceof Event.Tick) {
                    throw new IllegalStateException("boom");
                }
                happenings.add("step " + describe(event));
                return List.of();
            }

            @Override
            public ServerView view() {
                return new Peer(CoreConfig.defaults(2000), 0);
            }
        }, new RecordingStore(), new FourLetterCommands(ServerConfig.defaults()), Runnable::run,
                System::currentTimeMillis);
        loop.start();
        loop.submit(new LoopItem.CoreEvent(new Event.Tick(1)));
        loop.submit(request(1, 2));
        await().atMost(WAIT).until(() -> happenings.contains("step request 2"));
    }
}
