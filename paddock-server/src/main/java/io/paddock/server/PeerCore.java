package io.paddock.server;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.core.node.ServerView;
import java.util.List;

/** The core as the peer loop drives it: one step per event, plus a read-only view. Lets tests drive a fake. */
interface PeerCore {
    List<Action> step(Event event);

    ServerView view();

    /** Begins a fuzzy snapshot of the applied state; only cores that are snapshotted implement it. */
    default Peer.SnapshotStart startSnapshot() {
        throw new UnsupportedOperationException("this core is not snapshotted");
    }

    static PeerCore of(Peer peer) {
        return new PeerCore() {
            @Override
            public List<Action> step(Event event) {
                return peer.step(event);
            }

            @Override
            public ServerView view() {
                return peer;
            }

            @Override
            public Peer.SnapshotStart startSnapshot() {
                return peer.startSnapshot();
            }
        };
    }
}
