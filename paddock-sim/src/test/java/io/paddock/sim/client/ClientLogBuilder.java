package io.paddock.sim.client;

import java.util.ArrayList;
import java.util.List;

/** Writes one simulated client's log by hand; each event happens one tick after the previous unless {@link #at}. */
final class ClientLogBuilder {

    private final List<ClientEvent> events = new ArrayList<>();
    private long session;
    private long server = 1;
    private long now;

    ClientLogBuilder session(long id) {
        session = id;
        return this;
    }

    /** The next event happens at {@code time}. */
    ClientLogBuilder at(long time) {
        now = time;
        return this;
    }

    ClientLogBuilder invoke(int xid, Command command) {
        return add(new ClientEvent.Invoked(session, tick(), server, xid, command, false));
    }

    ClientLogBuilder invokeWatching(int xid, Command command) {
        return add(new ClientEvent.Invoked(session, tick(), server, xid, command, true));
    }

    ClientLogBuilder reply(int xid, long zxid, Outcome outcome) {
        return reply(xid, zxid, outcome, -1);
    }

    ClientLogBuilder reply(int xid, long zxid, Outcome outcome, long mzxid) {
        return add(new ClientEvent.Replied(session, tick(), server, xid, zxid, outcome, mzxid));
    }

    ClientLogBuilder lost(int xid) {
        return add(new ClientEvent.Lost(session, tick(), server, xid));
    }

    ClientLogBuilder fired(long zxid, String path, int eventType) {
        return add(new ClientEvent.WatchFired(session, tick(), server, zxid, path, eventType));
    }

    ClientLogBuilder connected(long toServer, long lastZxidSeen) {
        server = toServer;
        return add(new ClientEvent.Connected(session, tick(), server, lastZxidSeen));
    }

    ClientLogBuilder disconnected() {
        return add(new ClientEvent.Disconnected(session, tick(), server, "test"));
    }

    ClientLogBuilder expired() {
        return add(new ClientEvent.Expired(session, tick(), server));
    }

    List<ClientEvent> build() {
        return List.copyOf(events);
    }

    private long tick() {
        return now++;
    }

    private ClientLogBuilder add(ClientEvent event) {
        events.add(event);
        return this;
    }

    static Command.GetData get(String path) {
        return new Command.GetData(path);
    }

    static Command.Exists exists(String path) {
        return new Command.Exists(path);
    }

    static Command.Create create(String path, String data) {
        return new Command.Create(path, data);
    }

    static Command.SetData set(String path, String data) {
        return new Command.SetData(path, data, Command.ANY_VERSION);
    }

    static Command.Delete delete(String path) {
        return new Command.Delete(path, Command.ANY_VERSION);
    }
}
