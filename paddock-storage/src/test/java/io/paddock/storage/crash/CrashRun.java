package io.paddock.storage.crash;

import io.paddock.core.node.Action;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.core.session.SessionPasswords;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.RequestHeader;
import io.paddock.storage.Recovery;
import io.paddock.storage.RecoveryOptions;
import io.paddock.storage.Retention;
import io.paddock.storage.fs.SimulatedFileSystem;
import io.paddock.storage.log.LogOptions;
import io.paddock.storage.log.LoggedTxn;
import io.paddock.storage.log.TxnLog;
import io.paddock.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One server process over a simulated disk, driven one event at a time on this thread: a Peer, the txn log it
 * persists to, and now and then a fuzzy snapshot fed in slices between steps. The driver plays the storage
 * role exactly as the runtime must: a Persist is appended to the log at once; at seeded moments the log is
 * forced and only then is the core told {@link Event.Persisted}, so no reply acknowledges an unforced txn.
 */
final class CrashRun {
    static final int TICK = 100;
    static final CoreConfig CONFIG = new CoreConfig(0, TICK, 2 * TICK, 20 * TICK, null, false, 60_000, 0xfffff);
    static final Path SNAP_DIR = Path.of("/data/version-2");
    static final Path LOG_DIR = Path.of("/datalog/version-2");
    static final int CLIENTS_MAX = 3;
    /** Appended but unforced txns allowed before a force is due anyway (group commit's batch limit). */
    static final int UNFORCED_MAX = 8;
    static final int SNAPSHOT_RETAIN = 3;

    private record Snapshotting(TreeSnapshotCursor cursor, SnapshotWriter writer) {
    }

    private final SimulatedFileSystem fs;
    private final History history;
    private final Workload workload;
    private final Random random;
    private final DriverStats stats;
    private final Peer peer;
    private final TxnLog log;
    private final List<SimClient> clients = new ArrayList<>();
    /** Sessions whose client dropped its connection without closing, to be resumed on a new one. */
    private final List<Long> detached = new ArrayList<>();
    private long now;
    private long nextConnectionId = 1;
    private long appended;
    private long reported;
    private Snapshotting snapshot;

    CrashRun(SimulatedFileSystem fs, History history, Workload workload, DriverStats stats,
             Recovery.Recovered recovered, long startWallTimeMillis) {
        this.fs = fs;
        this.history = history;
        this.workload = workload;
        this.random = workload.random();
        this.stats = stats;
        this.now = startWallTimeMillis;
        this.peer = new Peer(CONFIG, now, recovered.state());
        this.log = recovered.log();
        this.appended = peer.lastProcessedZxid();
        this.reported = appended;
    }

    /** Starts the server the way it always starts: recovery, here from whatever the disk holds. */
    static Recovery.Recovered recover(SimulatedFileSystem fs, LogOptions options, List<String> warnings)
            throws Exception {
        return Recovery.recover(fs, SNAP_DIR, LOG_DIR, options, RecoveryOptions.strict(), warnings::add);
    }

    long now() {
        return now;
    }

    Peer peer() {
        return peer;
    }

    void steps(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            step();
        }
    }

    /** One thing happens: a client acts (or time passes), a snapshot slice is written, maybe a group commit. */
    void step() throws IOException {
        now += 1 + random.nextInt(20);
        List<SimClient> live = clients.stream().filter(c -> !c.gone).toList();
        List<SimClient> usable = clients.stream().filter(SimClient::usable).toList();
        int r = random.nextInt(100);
        if (live.size() < CLIENTS_MAX && r < 25) {
            openSession();
        } else if (r < 28) {
            now += TICK;
            deliver(new Event.Tick(now));
        } else if (r < 30 && !usable.isEmpty()) {
            SimClient c = usable.get(random.nextInt(usable.size()));
            c.gone = true;
            detached.add(c.sessionId);
            deliver(new Event.ConnectionClosed(c.connectionId));
        } else if (r < 33 && !detached.isEmpty()) {
            resume(detached.remove(random.nextInt(detached.size())));
        } else if (r < 35 && !usable.isEmpty()) {
            send(usable.get(random.nextInt(usable.size())), new ClientRequest.CloseSession());
        } else if (!usable.isEmpty()) {
            send(usable.get(random.nextInt(usable.size())), workload.nextRequest());
        } else if (live.size() < CLIENTS_MAX) {
            openSession();
        }
        snapshotSlice();
        if (appended > reported && (random.nextInt(100) < 30 || appended - reported >= UNFORCED_MAX)) {
            forceAndReport();
        }
    }

    /** Group commit: everything appended becomes durable, then (only then) the core learns it. */
    void forceAndReport() throws IOException {
        if (appended == reported) {
            return;
        }
        log.force();
        long zxid = appended;
        reported = zxid;
        history.reportedDurable = Math.max(history.reportedDurable, zxid);
        deliver(new Event.Persisted(zxid));
    }

    private void snapshotSlice() throws IOException {
        if (snapshot == null) {
            if (random.nextInt(100) < 5) {
                Peer.SnapshotStart start = peer.startSnapshot();
                snapshot = new Snapshotting(start.cursor(),
                        SnapshotWriter.begin(fs, SNAP_DIR, start.cursor().startZxid(), start.sessionTimeouts()));
            }
            return;
        }
        snapshot.writer().write(snapshot.cursor().next(1 + random.nextInt(2)));
        if (snapshot.cursor().done()) {
            snapshot.writer().finish();
            snapshot = null;
            stats.snapshotsFinished++;
            Retention.purge(fs, SNAP_DIR, log, SNAPSHOT_RETAIN, line -> stats.purgeDeletions++);
        }
    }

    // ---- clients ----

    SimClient openSession() throws IOException {
        return connect(0, 0, new byte[16]);
    }

    /** Reconnects to an existing session on a new connection, as a client does after losing its connection. */
    SimClient resume(long sessionId) throws IOException {
        return connect(sessionId, history.lastZxidSeen.getOrDefault(sessionId, 0L), SessionPasswords.of(sessionId));
    }

    private SimClient connect(long sessionId, long lastZxidSeen, byte[] password) throws IOException {
        SimClient c = new SimClient(nextConnectionId++, sessionId);
        clients.add(c);
        int timeout = TICK * (2 + random.nextInt(3));
        deliver(new Event.ConnectionOpened(c.connectionId, "127.0.0.1"));
        deliver(new Event.ConnectReceived(c.connectionId,
                new ConnectRequest(0, lastZxidSeen, timeout, sessionId, password, false, true), now));
        return c;
    }

    /** Sends a request; returns its xid. */
    int send(SimClient c, ClientRequest request) throws IOException {
        int xid = c.nextXid++;
        c.inFlight.put(xid, request);
        deliver(new Event.RequestReceived(c.connectionId, new RequestHeader(xid, request.opCode()), request, now));
        return xid;
    }

    List<SimClient> usableClients() {
        return clients.stream().filter(SimClient::usable).toList();
    }

    // ---- the core's actions ----

    private void deliver(Event event) throws IOException {
        List<Long> closed = new ArrayList<>();
        for (Action action : peer.step(event)) {
            switch (action) {
                case Action.Persist p -> persist(new LoggedTxn(p.header(), p.txn()));
                case Action.SendConnectResponse r -> connected(client(r.connectionId()), r);
                case Action.SendReply r -> replied(client(r.connectionId()), r);
                case Action.CloseConnection c -> {
                    SimClient client = client(c.connectionId());
                    if (client != null && !client.gone) {
                        client.gone = true;
                        closed.add(c.connectionId());
                    }
                }
                case Action.SendWatchEvent e -> {
                }
                case Action.Trace t -> {
                }
            }
        }
        for (long id : closed) {
            deliver(new Event.ConnectionClosed(id));
        }
    }

    private void persist(LoggedTxn txn) throws IOException {
        log.append(txn);
        history.submitted(txn);
        appended = txn.zxid();
    }

    private void connected(SimClient c, Action.SendConnectResponse r) {
        c.connectResponse = r.response();
        if (r.response().timeOut() > 0) {
            c.sessionId = r.response().sessionId();
            c.established = true;
            history.acknowledgedSessions.add(c.sessionId);
        }
    }

    private void replied(SimClient c, Action.SendReply r) {
        c.replies.put(r.header().xid(), r);
        ClientRequest request = c.inFlight.remove(r.header().xid());
        history.lastZxidSeen.merge(c.sessionId, r.header().zxid(), Math::max);
        if (request == null || r.header().err() != 0 || !isWrite(request)) {
            return;
        }
        history.acks.add(new Ack(r.header().zxid(), c.sessionId, request, r.body()));
        stats.acknowledgedWrites++;
        switch (r.body()) {
            case ClientResponse.Create cr -> workload.learn(cr.path());
            case ClientResponse.Create2 cr -> workload.learn(cr.path());
            case ClientResponse.Multi m -> m.results().forEach(op -> {
                if (op instanceof ClientResponse.OpResult.Create cr) {
                    workload.learn(cr.path());
                } else if (op instanceof ClientResponse.OpResult.Create2 cr) {
                    workload.learn(cr.path());
                }
            });
            default -> {
            }
        }
    }

    static boolean isWrite(ClientRequest request) {
        return switch (request) {
            case ClientRequest.Create c -> true;
            case ClientRequest.SetData s -> true;
            case ClientRequest.Delete d -> true;
            case ClientRequest.Multi m -> true;
            case ClientRequest.CloseSession c -> true;
            default -> false;
        };
    }

    private SimClient client(long connectionId) {
        for (SimClient c : clients) {
            if (c.connectionId == connectionId) {
                return c;
            }
        }
        throw new AssertionError("the core addressed connection " + connectionId + ", which was never opened");
    }
}
