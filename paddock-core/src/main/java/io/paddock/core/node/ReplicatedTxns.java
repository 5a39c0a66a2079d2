package io.paddock.core.node;

import io.paddock.core.session.Session;
import io.paddock.core.session.SessionTable;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.TxnFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A leadership's txn preparation and global session tracker. Writes are prepared with the standalone
 * {@link TxnPreparer} over outstanding changes, so a forwarded write gets exactly the txn (or error) a standalone
 * server would give it. Sessions follow ZooKeeper's leader: each has an owner (the server its client is connected
 * to); a write for a session that is gone fails with SessionExpired, one arriving through a server that no longer
 * owns the session with SessionMoved; learners' pings renew sessions; the leader alone expires them. The leader
 * alone also collects empty containers and expired TTL nodes, as ZooKeeper's leader runs its container manager.
 */
public final class ReplicatedTxns implements TxnFactory {
    private final PendingChanges pending;
    private final SessionTable sessions;
    private final TxnPreparer preparer;
    private final DataTree tree;
    /** The server each session's client is connected to; absent until a request or revalidation claims it. */
    private final Map<Long, Long> owners = new HashMap<>();
    /** Sessions being closed, by the zxid of the closeSession txn: they leave the tracker once it is applied. */
    private final TreeMap<Long, Long> closing = new TreeMap<>();
    /** The leader's latest tick (it calls {@link #expire} every tick in broadcast). */
    private long now;
    /** How often containers and TTL nodes are collected; {@link #NEVER} for a leadership that does not. */
    private final long containerCheckIntervalMillis;
    /** The wall time of the last collection, or -1 before the first sweep call (which only starts the clock). */
    private long lastContainerCheckMillis = -1;

    private static final long NEVER = Long.MAX_VALUE;

    /**
     * A leadership without sessions (the simulator's write-only workloads, tests): no TTL nodes, and no
     * collection of containers.
     */
    public ReplicatedTxns(DataTree tree) {
        this(tree, new TreeMap<>(), 1, 0, false, NEVER);
    }

    /**
     * @param committedSessions            every session the committed history holds, with its timeout; each
     *                                     gets a full timeout from {@code tick}, as ZooKeeper's new leader gives them
     * @param tickTimeMillis               one tick, to turn session timeouts into ticks
     * @param extendedTypesEnabled         whether TTL nodes may be created
     * @param containerCheckIntervalMillis how often empty containers and expired TTL nodes are collected
     */
    public ReplicatedTxns(DataTree tree, SortedMap<Long, Integer> committedSessions, int tickTimeMillis, long tick,
                          boolean extendedTypesEnabled, long containerCheckIntervalMillis) {
        this.tree = tree;
        this.pending = new PendingChanges(tree);
        this.sessions = new SessionTable(0, tickTimeMillis, 0);
        committedSessions.forEach((id, timeout) -> sessions.track(id, timeout, tick));
        this.preparer = new TxnPreparer(pending, sessions, extendedTypesEnabled);
        this.now = tick;
        this.containerCheckIntervalMillis = containerCheckIntervalMillis;
    }

    /**
     * A {@link TxnFactory.Maker} whose leaderships follow the client settings: the tick length for sessions,
     * whether TTL nodes are allowed, and how often containers and TTL nodes are collected.
     */
    public static TxnFactory.Maker maker(CoreConfig clients) {
        return new TxnFactory.Maker() {
            @Override
            public TxnFactory forTree(DataTree tree) {
                return new ReplicatedTxns(tree);
            }

            @Override
            public TxnFactory forLeadership(DataTree tree, SortedMap<Long, Integer> sessionTimeouts, long tick) {
                return new ReplicatedTxns(tree, sessionTimeouts, clients.tickTimeMillis(), tick,
                        clients.extendedTypesEnabled(), clients.containerCheckIntervalMillis());
            }
        };
    }

    @Override
    public Txn prepare(PeerMessage.Request request, long zxid) {
        return prepare(request, -1, zxid);
    }

    @Override
    public Txn prepare(PeerMessage.Request request, long from, long zxid) {
        long sessionId = request.sessionId();
        if (request.type() == OpCode.CREATE_SESSION) {
            return createSession(request, from);
        }
        if (sessionId != 0) {
            int failure = checkSession(sessionId, from);
            if (failure != ErrorCode.OK) {
                return new Txn.Error(failure);
            }
        }
        if (request.type() == OpCode.CLOSE_SESSION) {
            return close(sessionId, zxid);
        }
        ClientRequest decoded;
        try {
            decoded = ClientRequest.decode(request.type(), new JuteReader(request.request()));
        } catch (MalformedRecordException e) {
            return new Txn.Error(ErrorCode.MARSHALLING_ERROR);
        }
        if (decoded == null) {
            return new Txn.Error(ErrorCode.UNIMPLEMENTED);
        }
        TxnPreparer.Caller caller = new TxnPreparer.Caller(sessionId, request.authInfo());
        return switch (decoded) {
            case ClientRequest.Multi m -> preparer.prepareMulti(m.ops(), caller, zxid);
            default -> preparer.prepare(decoded, caller, zxid);
        };
    }

    private Txn createSession(PeerMessage.Request request, long from) {
        int timeout;
        try {
            timeout = new JuteReader(request.request()).readInt();
        } catch (MalformedRecordException e) {
            return new Txn.Error(ErrorCode.MARSHALLING_ERROR);
        }
        sessions.track(request.sessionId(), timeout, now);
        owners.put(request.sessionId(), from);
        return new Txn.CreateSession(timeout);
    }

    /** ZooKeeper's checkSession: gone or closing → SessionExpired; claimed by another server → SessionMoved. */
    private int checkSession(long sessionId, long from) {
        Session s = sessions.get(sessionId);
        if (s == null || s.isClosing()) {
            return ErrorCode.SESSION_EXPIRED;
        }
        if (from < 0) {
            return ErrorCode.OK;
        }
        Long owner = owners.putIfAbsent(sessionId, from);
        return owner != null && owner != from ? ErrorCode.SESSION_MOVED : ErrorCode.OK;
    }

    private Txn close(long sessionId, long zxid) {
        closing.put(zxid, sessionId);
        return preparer.closeSession(sessionId, tree.ephemeralsOf(sessionId), zxid);
    }

    @Override
    public void applied(long zxid) {
        pending.appliedThrough(zxid);
        while (!closing.isEmpty() && closing.firstKey() <= zxid) {
            long sessionId = closing.pollFirstEntry().getValue();
            sessions.remove(sessionId);
            owners.remove(sessionId);
        }
    }

    @Override
    public void touched(SortedMap<Long, Integer> sessionTimeouts, long tick) {
        now = Math.max(now, tick);
        for (long sessionId : sessionTimeouts.keySet()) {
            sessions.touch(sessionId, tick);
        }
    }

    @Override
    public boolean revalidate(long sessionId, int timeoutMillis, long from, long tick) {
        now = Math.max(now, tick);
        if (!sessions.touch(sessionId, tick)) {
            return false;
        }
        owners.put(sessionId, from);
        return true;
    }

    @Override
    public List<Long> expire(long tick) {
        now = Math.max(now, tick);
        return sessions.expire(tick);
    }

    @Override
    public Txn closeExpired(long sessionId, long zxid) {
        return close(sessionId, zxid);
    }

    /**
     * The first call starts the interval (a new leader waits a whole interval, as ZooKeeper's timer does after
     * the leader starts); later calls return the candidates once per interval of the leader's wall clock.
     */
    @Override
    public List<String> containersToCollect(long wallTimeMillis) {
        if (containerCheckIntervalMillis == NEVER) {
            return List.of();
        }
        if (lastContainerCheckMillis < 0) {
            lastContainerCheckMillis = wallTimeMillis;
            return List.of();
        }
        if (wallTimeMillis - lastContainerCheckMillis < containerCheckIntervalMillis) {
            return List.of();
        }
        lastContainerCheckMillis = wallTimeMillis;
        return ContainerSweep.candidates(tree, pending, wallTimeMillis);
    }

    @Override
    public Txn deleteContainer(String path, long zxid) {
        return preparer.prepare(new ClientRequest.DeleteContainer(path), TxnPreparer.Caller.SERVER, zxid);
    }
}
