package io.paddock.sim.session;

import io.paddock.core.node.Event;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.RequestHeader;
import java.util.Objects;

/**
 * One frame a client writes on a connection. The network stamps it with the connection id and the receiving
 * server's clock when it arrives ({@link #toEvent}), because that clock is the server's, not the client's.
 */
public sealed interface Outbound {

    Event toEvent(long connectionId, long serverWallTimeMillis);

    /** The first frame of a connection. */
    record Connect(ConnectRequest request) implements Outbound {
        public Connect {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public Event toEvent(long connectionId, long serverWallTimeMillis) {
            return new Event.ConnectReceived(connectionId, request, serverWallTimeMillis);
        }
    }

    /** Every later frame: requests, pings, setWatches. */
    record Request(RequestHeader header, ClientRequest request) implements Outbound {
        public Request {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public Event toEvent(long connectionId, long serverWallTimeMillis) {
            return new Event.RequestReceived(connectionId, header, request, serverWallTimeMillis);
        }
    }
}
