package io.paddock.sim.session;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone {@link Peer} as a server clients can talk to: it keeps the Persist actions to itself and answers
 * them with Persisted, at once or when asked ({@link #makeDurable}), and hands back only what is addressed to
 * client connections (traces are dropped).
 */
public final class PeerServer {

    public enum Durability {
        /** Every Persist is acknowledged within the step that produced it. */
        IMMEDIATE,
        /** Persists wait for {@link #makeDurable}, so requests on other connections can interleave. */
        ON_REQUEST
    }

    private final Peer peer;
    private final Durability durability;
    private long undurableThrough = -1;

    public PeerServer(Peer peer, Durability durability) {
        this.peer = peer;
        this.durability = durability;
    }

    public Peer peer() {
        return peer;
    }

    /** Applies one event; returns the client-addressed actions, in order. */
    public List<Action> step(Event event) {
        List<Action> out = new ArrayList<>();
        collect(peer.step(event), out);
        if (durability == Durability.IMMEDIATE) {
            while (undurableThrough >= 0) out.addAll(makeDurable());
        }
        return out;
    }

    public boolean hasUndurable() {
        return undurableThrough >= 0;
    }

    /** Reports everything persisted so far as durable; returns what that releases. */
    public List<Action> makeDurable() {
        List<Action> out = new ArrayList<>();
        if (undurableThrough < 0) return out;
        long zxid = undurableThrough;
        undurableThrough = -1;
        collect(peer.step(new Event.Persisted(zxid)), out);
        return out;
    }

    private void collect(List<Action> actions, List<Action> out) {
        for (Action action : actions) {
            switch (action) {
                case Action.Persist p -> {
                    assert p.header().zxid() > undurableThrough : "persists come in zxid order";
                    undurableThrough = p.header().zxid();
                }
                case Action.Trace t -> {
                }
                default -> out.add(action);
            }
        }
    }

    /** The connection an action is addressed to; -1 for none. */
    static long connectionOf(Action action) {
        return switch (action) {
            case Action.SendConnectResponse r -> r.connectionId();
            case Action.SendReply r -> r.connectionId();
            case Action.SendWatchEvent w -> w.connectionId();
            case Action.CloseConnection c -> c.connectionId();
            case Action.Persist p -> -1;
            case Action.Trace t -> -1;
        };
    }
}
