package io.paddock.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.server.config.ServerConfig;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.fs.RealFileSystem;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running standalone Paddock server: the client port (Netty), the peer loop thread that owns the core, the
 * tick timer, and the txn store.
 */
public final class PaddockServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PaddockServer.class);

    /** Above this much unwritten output a connection stops being read; below the low mark it is read again. */
    static final int WRITE_BUFFER_LOW_WATER_MARK = 32 * 1024;
    static final int WRITE_BUFFER_HIGH_WATER_MARK = 64 * 1024;

    private static final LongSupplier WALL_CLOCK = System::currentTimeMillis;

    private final InetSocketAddress address;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final Channel serverChannel;
    private final ChannelGroup clientChannels;
    private final PeerLoop loop;
    private final ScheduledExecutorService ticker;
    private final ExecutorService slowWork;
    private final TxnStore store;
    private final SnapshotTaker snapshots;
    private final List<AutoCloseable> storageExtras;
    private final CompletableFuture<Throwable> fatalFailure = new CompletableFuture<>();
    private boolean closed;

    private PaddockServer(InetSocketAddress address, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
                          Channel serverChannel, ChannelGroup clientChannels, PeerLoop loop,
                          ScheduledExecutorService ticker, ExecutorService slowWork, TxnStore store,
                          SnapshotTaker snapshots, List<AutoCloseable> storageExtras) {
        this.address = address;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.serverChannel = serverChannel;
        this.clientChannels = clientChannels;
        this.loop = loop;
        this.ticker = ticker;
        this.slowWork = slowWork;
        this.store = store;
        this.snapshots = snapshots;
        this.storageExtras = storageExtras;
    }

    /**
     * Recovers the data directories, then binds the client port (0 picks a free one) and starts serving; returns
     * once clients can connect. Every write is forced to the txn log before it is acknowledged.
     *
     * @throws CorruptHistoryException when the history is damaged (naming the file and offset) and the config
     *                                 does not ask for repair
     */
    public static PaddockServer start(ServerConfig config) {
        return start(config, new RealFileSystem());
    }

    /** As {@link #start(ServerConfig)}, over the given file system (a simulated or fault-injecting one in tests). */
    public static PaddockServer start(ServerConfig config, FileSystem fs) {
        CompletableFuture<PaddockServer> started = new CompletableFuture<>();
        ServerStorage storage = ServerStorage.open(config, fs,
                cause -> started.thenAccept(server -> server.stopOnFatal(cause)));
        Peer peer = new Peer(coreConfig(config), WALL_CLOCK.getAsLong(), storage.state());
        PaddockServer server = start(config, PeerCore.of(peer), storage.store(), storage.snapshots(),
                storage.extras());
        if (storage.snapshotAtStart()) {
            server.loop.requestSnapshot();
        }
        started.complete(server);
        return server;
    }

    /** A server that keeps nothing: every write counts as durable at once, and nothing survives a restart. */
    public static PaddockServer startInMemory(ServerConfig config) {
        return start(config, PeerCore.of(new Peer(coreConfig(config), WALL_CLOCK.getAsLong())), new InMemoryTxnStore());
    }

    /** The core's settings from a server configuration (standalone: server id 0). */
    static CoreConfig coreConfig(ServerConfig config) {
        return new CoreConfig(0, config.tickTime(), config.minSessionTimeout(), config.maxSessionTimeout(),
                config.superDigest(), config.extendedTypesEnabled(), config.containerCheckIntervalMs(),
                config.juteMaxBuffer(), config.reconfigEnabled());
    }

    static PaddockServer start(ServerConfig config, PeerCore core, TxnStore store) {
        return start(config, core, store, SnapshotTaker.NONE, List.of());
    }

    /**
     * @param storageExtras closed after the store (timers of the storage, e.g. autopurge)
     */
    static PaddockServer start(ServerConfig config, PeerCore core, TxnStore store, SnapshotTaker snapshots,
                               List<AutoCloseable> storageExtras) {
        FourLetterCommands fourLetterCommands = new FourLetterCommands(config);
        ExecutorService slowWork = Executors.newSingleThreadExecutor(daemon("paddock-admin"));
        PeerLoop loop = new PeerLoop(core, store, snapshots, fourLetterCommands, slowWork, WALL_CLOCK);
        EventLoopGroup acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("paddock-accept", true));
        EventLoopGroup ioGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("paddock-io", true));
        ChannelGroup clientChannels = new DefaultChannelGroup("paddock-clients", GlobalEventExecutor.INSTANCE);
        ClientPipeline pipeline = new ClientPipeline(loop, new ConnectionLimiter(config.maxClientCnxns()),
                config.juteMaxBuffer(), OutboundLimitHandler.PENDING_OUTBOUND_BYTES_MAX, WALL_CLOCK, clientChannels);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_LINGER, -1)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_BUFFER_LOW_WATER_MARK, WRITE_BUFFER_HIGH_WATER_MARK))
                .childHandler(pipeline);
        ChannelFuture bound = bootstrap.bind(config.clientAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            acceptGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            ioGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            slowWork.shutdownNow();
            snapshots.close();
            store.close();
            closeAll(storageExtras);
            throw new IllegalStateException("cannot bind client port " + config.clientAddress(), bound.cause());
        }
        Channel serverChannel = bound.channel();
        InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
        fourLetterCommands.clientPort(address.getPort());
        loop.start();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("paddock-tick"));
        ticker.scheduleAtFixedRate(() -> loop.submit(new LoopItem.CoreEvent(new Event.Tick(WALL_CLOCK.getAsLong()))),
                config.tickTime(), config.tickTime(), TimeUnit.MILLISECONDS);
        LOG.info("Paddock serving clients on {} (tickTime {} ms, maxClientCnxns {})", address, config.tickTime(),
                config.maxClientCnxns());
        return new PaddockServer(address, acceptGroup, ioGroup, serverChannel, clientChannels, loop, ticker,
                slowWork, store, snapshots, storageExtras);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", closeable, e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The address the client port is bound to (with the real port when 0 was asked for). */
    public InetSocketAddress clientAddress() {
        return address;
    }

    /**
     * Completes with the cause when the server stopped itself because storage failed (after it has closed); a
     * process should then exit with an error rather than keep running without a client port.
     */
    public CompletableFuture<Throwable> fatalFailure() {
        return fatalFailure;
    }

    /** Storage failed: stop serving, off the failing thread (close joins the storage thread). */
    void stopOnFatal(Throwable cause) {
        Thread stopper = new Thread(() -> {
            LOG.error("Paddock on {} is stopping: storage failed ({})", address, cause.toString());
            close();
            fatalFailure.complete(cause);
        }, "paddock-fatal-stop");
        stopper.setDaemon(false);
        stopper.start();
    }

    /** The snapshot machinery (tests watch it). */
    SnapshotTaker snapshots() {
        return snapshots;
    }

    /** Runs a read-only question on the peer loop thread (for admin views and tests). */
    <T> CompletableFuture<T> query(Function<LoopState, T> question) {
        return loop.query(question);
    }

    /** Stops accepting, closes every connection, stops the timer and the loop, and releases the port. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        serverChannel.close().awaitUninterruptibly();
        clientChannels.close().awaitUninterruptibly();
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        loop.close();
        slowWork.shutdownNow();
        snapshots.close();
        store.close();
        closeAll(storageExtras);
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            slowWork.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Paddock on {} stopped", address);
    }
}
