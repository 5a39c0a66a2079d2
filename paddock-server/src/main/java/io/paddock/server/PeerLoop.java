package io.paddock.server;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the core. Other threads {@link #submit} items into a lock-free queue; the loop
 * drains a batch, steps each event and carries out its actions in order, then ends the batch: Persist actions
 * go to the store in one call, and each connection written to is flushed once. Durability comes back as a new
 * queued {@code Persisted} event, so it is stepped after the batch that caused it was handed off.
 */
final class PeerLoop implements LoopSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLoop.class);
    private static final Logger TRACE = LoggerFactory.getLogger("io.paddock.core");

    /** Items stepped before a batch is ended, so flushes and group commits are not starved by a busy queue. */
    static final int BATCH_ITEMS_MAX = 4096;

    private final ConcurrentLinkedQueue<LoopItem> queue = new ConcurrentLinkedQueue<>();
    private final LoopState state;
    private final TxnStore store;
    private final SnapshotTaker snapshots;
    private final FourLetterCommands fourLetterCommands;
    private final Executor slowWork;
    private final LongSupplier wallClock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;

    private final List<Action.Persist> persistBatch = new ArrayList<>();
    private final List<ConnectionState> touched = new ArrayList<>();

    /**
     * @param slowWork runs four-letter words that touch the file system or DNS, so they never stall the loop
     */
    PeerLoop(PeerCore core, TxnStore store, FourLetterCommands fourLetterCommands, Executor slowWork,
             LongSupplier wallClock) {
        this(core, store, SnapshotTaker.NONE, fourLetterCommands, slowWork, wallClock);
    }

    /** @param snapshots walked a slice at a time at each batch end and while the loop is otherwise idle */
    PeerLoop(PeerCore core, TxnStore store, SnapshotTaker snapshots, FourLetterCommands fourLetterCommands,
             Executor slowWork, LongSupplier wallClock) {
        this.state = new LoopState(core, wallClock.getAsLong());
        this.store = store;
        this.snapshots = snapshots;
        this.fourLetterCommands = fourLetterCommands;
        this.slowWork = slowWork;
        this.wallClock = wallClock;
        this.thread = new Thread(this::run, "paddock-peer-loop");
        this.thread.setDaemon(true);
        store.start(zxid -> submit(new LoopItem.CoreEvent(new Event.Persisted(zxid))));
        snapshots.wakeLoopWith(() -> submit(new LoopItem.Wake()));
    }

    void start() {
        thread.start();
    }

    @Override
    public void submit(LoopItem item) {
        queue.offer(item);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Runs {@code question} on the loop thread against its state. */
    <T> CompletableFuture<T> query(Function<LoopState, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        if (!running) {
            answer.completeExceptionally(new CancellationException("peer loop stopped"));
            return answer;
        }
        submit(new LoopItem.Query<>(question, answer));
        return answer;
    }

    private void run() {
        while (running) {
            if (runBatch() == 0 && !advanceSnapshot()) {
                awaitWork();
            }
        }
        cancelQueries();
    }

    private void awaitWork() {
        parked = true;
        // A producer offers then reads `parked`; we write `parked` then re-check the queue, so one of us sees
        // the other and no wake-up is lost.
        if (running && queue.isEmpty()) {
            LockSupport.park(this);
        }
        parked = false;
    }

    /** Steps up to one batch of queued items; returns how many. */
    int runBatch() {
        int count = 0;
        LoopItem item;
        while (count < BATCH_ITEMS_MAX && (item = queue.poll()) != null) {
            count++;
            try {
                handle(item);
            } catch (RuntimeException e) {
                LOG.error("Peer loop failed on {}", item, e);
            }
        }
        if (count > 0) {
            endBatch();
        }
        return count;
    }

    private void handle(LoopItem item) {
        switch (item) {
            case LoopItem.CoreEvent coreEvent -> handleEvent(coreEvent.event());
            case LoopItem.Opened opened -> {
                state.add(new ConnectionState(opened.connectionId(), opened.connection(), opened.remoteHost(),
                        wallClock.getAsLong()));
                step(new Event.ConnectionOpened(opened.connectionId(), opened.remoteHost()));
            }
            case LoopItem.FourLetter fourLetter -> answerFourLetterWord(fourLetter.word());
            case LoopItem.Query<?> query -> answer(query);
            case LoopItem.Wake wake -> {
            }
        }
    }

    private void handleEvent(Event event) {
        countInbound(event);
        step(event);
        if (event instanceof Event.ConnectionClosed closed) {
            state.remove(closed.connectionId());
        }
    }

    private void countInbound(Event event) {
        long connectionId;
        switch (event) {
            case Event.ConnectReceived e -> connectionId = e.connectionId();
            case Event.RequestReceived e -> connectionId = e.connectionId();
            case Event.RequestUndecodable e -> connectionId = e.connectionId();
            default -> {
                return;
            }
        }
        ConnectionState connection = state.connection(connectionId);
        if (connection == null) {
            return;
        }
        connection.packetsReceived++;
        state.serverStats().packetReceived();
        switch (event) {
            case Event.ConnectReceived e -> connection.connectReceived(e.request().sessionId() == 0,
                    e.wallTimeMillis());
            case Event.RequestReceived e -> connection.requestReceived(e.header().xid(), e.header().type(),
                    e.wallTimeMillis());
            case Event.RequestUndecodable e -> connection.requestReceived(e.header().xid(), e.header().type(),
                    wallClock.getAsLong());
            default -> {
            }
        }
    }

    private void step(Event event) {
        List<Action> actions = state.core().step(event);
        for (Action action : actions) {
            dispatch(action);
        }
    }

    private void dispatch(Action action) {
        switch (action) {
            case Action.SendConnectResponse send -> {
                ConnectionState connection = send(send.connectionId(), send);
                if (connection != null) {
                    long latency = connection.connectAnswered(send.response().sessionId() != 0,
                            state.view().lastProcessedZxid(), wallClock.getAsLong());
                    state.serverStats().latency().add(latency);
                }
            }
            case Action.SendReply send -> {
                ConnectionState connection = send(send.connectionId(), send);
                if (connection != null) {
                    long latency = connection.replied(send.header().xid(), send.header().zxid(),
                            wallClock.getAsLong());
                    state.serverStats().latency().add(latency);
                }
            }
            case Action.SendWatchEvent send -> send(send.connectionId(), send);
            case Action.CloseConnection close -> {
                ConnectionState connection = state.connection(close.connectionId());
                if (connection != null) {
                    LOG.debug("Closing connection {}: {}", close.connectionId(), close.reason());
                    queue(connection, close);
                }
            }
            case Action.Persist persist -> persistBatch.add(persist);
            case Action.Trace trace -> log(trace);
        }
    }

    private ConnectionState send(long connectionId, Action message) {
        ConnectionState connection = state.connection(connectionId);
        if (connection == null) {
            LOG.debug("Dropping output for closed connection {}", connectionId);
            return null;
        }
        connection.packetsSent++;
        state.serverStats().packetSent();
        queue(connection, message);
        return connection;
    }

    private void queue(ConnectionState connection, Object message) {
        if (connection.queue(message)) {
            touched.add(connection);
        }
    }

    private void endBatch() {
        if (!persistBatch.isEmpty()) {
            List<Action.Persist> batch = List.copyOf(persistBatch);
            persistBatch.clear();
            store.append(batch);
            snapshots.txnsHandedOff(batch.size());
        }
        for (ConnectionState connection : touched) {
            connection.flush();
        }
        touched.clear();
        advanceSnapshot();
    }

    /** One slice of a snapshot in progress, if any; true when there may be more to do. */
    private boolean advanceSnapshot() {
        try {
            return snapshots.advance(state.core());
        } catch (RuntimeException e) {
            LOG.error("Snapshot step failed", e);
            return false;
        }
    }

    /** Asks for a snapshot as soon as the loop runs (after recovery replayed txns, so the next start is fast). */
    void requestSnapshot() {
        submit(new LoopItem.Query<>(loopState -> {
            snapshots.requestNow();
            return null;
        }, new CompletableFuture<>()));
    }

    private void answerFourLetterWord(FourLetterWordReceived received) {
        ConnectionState connection = state.connection(received.connectionId());
        if (connection == null) {
            return;
        }
        connection.markFourLetterWord();
        connection.packetsReceived++;
        state.serverStats().packetReceived();
        String word = received.word();
        if (fourLetterCommands.needsLoopState(word)) {
            connection.connection.answerAndClose(fourLetterCommands.answer(received, state, wallClock.getAsLong()));
        } else {
            ClientConnection output = connection.connection;
            slowWork.execute(() -> output.answerAndClose(
                    fourLetterCommands.answer(received, null, wallClock.getAsLong())));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answer(LoopItem.Query query) {
        try {
            query.answer().complete(query.question().apply(state));
        } catch (RuntimeException e) {
            query.answer().completeExceptionally(e);
        }
    }

    private static void log(Action.Trace trace) {
        switch (trace.level()) {
            case DEBUG -> TRACE.debug(trace.message());
            case INFO -> TRACE.info(trace.message());
            case WARN -> TRACE.warn(trace.message());
        }
    }

    private void cancelQueries() {
        LoopItem item;
        while ((item = queue.poll()) != null) {
            if (item instanceof LoopItem.Query<?> query) {
                query.answer().completeExceptionally(new CancellationException("peer loop stopped"));
            }
        }
    }

    /** Stops the loop after the batch in progress and waits for its thread to end. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Peer loop thread did not stop within 10 s");
        }
    }
}
