package io.paddock.core.node;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.RequestHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a Peer the way the runtime does, with an explicit storage: Persist actions collect in
 * {@link #unpersisted} until the test calls {@link #persistAll()}, so tests can check what happens
 * before and after durability.
 */
final class PeerDriver {
    static final int TICK = 100;
    final Peer peer;
    final List<Action> actions = new ArrayList<>();
    final List<Action.Persist> unpersisted = new ArrayList<>();
    long now = 1_000_000;
    boolean autoPersist = true;
    private long nextConnection = 1;
    private int nextXid = 1;

    PeerDriver() {
        this(new CoreConfig(0, TICK, 2 * TICK, 20 * TICK, null, true, TICK, 0xfffff));
    }

    PeerDriver(CoreConfig config) {
        this.peer = new Peer(config, now);
    }

    List<Action> step(Event event) {
        List<Action> produced = peer.step(event);
        actions.addAll(produced);
        for (Action a : produced) {
            if (a instanceof Action.Persist p) {
                unpersisted.add(p);
            }
        }
        if (autoPersist && !unpersisted.isEmpty()) {
            persistAll();
        }
        return produced;
    }

    void persistAll() {
        if (unpersisted.isEmpty()) {
            return;
        }
        long last = unpersisted.get(unpersisted.size() - 1).header().zxid();
        unpersisted.clear();
        step(new Event.Persisted(last));
    }

    /** Opens a connection and establishes a new session; returns the connection id. */
    long connect() {
        long id = nextConnection++;
        step(new Event.ConnectionOpened(id, "127.0.0.1"));
        step(new Event.ConnectReceived(id, new ConnectRequest(0, 0, 4 * TICK, 0, new byte[16], false, true), now));
        return id;
    }

    long openRaw() {
        long id = nextConnection++;
        step(new Event.ConnectionOpened(id, "127.0.0.1"));
        return id;
    }

    ConnectResponse connectResponse(long connection) {
        return actions.stream()
                .filter(a -> a instanceof Action.SendConnectResponse r && r.connectionId() == connection)
                .map(a -> ((Action.SendConnectResponse) a).response())
                .reduce((first, second) -> second).orElse(null);
    }

    /** Sends a request; returns its xid. */
    int send(long connection, ClientRequest request) {
        int xid = nextXid++;
        step(new Event.RequestReceived(connection, new RequestHeader(xid, request.opCode()), request, now));
        return xid;
    }

    Action.SendReply reply(long connection, int xid) {
        return actions.stream()
                .filter(a -> a instanceof Action.SendReply r && r.connectionId() == connection && r.header().xid() == xid)
                .map(a -> (Action.SendReply) a)
                .findFirst().orElse(null);
    }

    List<Action.SendWatchEvent> events(long connection) {
        return actions.stream()
                .filter(a -> a instanceof Action.SendWatchEvent e && e.connectionId() == connection)
                .map(a -> (Action.SendWatchEvent) a)
                .toList();
    }

    boolean closed(long connection) {
        return actions.stream().anyMatch(a -> a instanceof Action.CloseConnection c && c.connectionId() == connection);
    }

    void tick(int count) {
        for (int i = 0; i < count; i++) {
            now += TICK;
            step(new Event.Tick(now));
        }
    }
}
