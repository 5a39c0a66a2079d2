package io.paddock.sim.session;

/**
 * What a {@link SimClient} asks of the network; the client does no I/O of its own. Everything the network has to
 * say back goes to the client's methods: {@link SimClient#onTransportOpen} once a connection is up (as a TCP
 * connect completing), {@link SimClient#onServerAction} for each server action addressed to the connection, in
 * order, and {@link SimClient#onConnectionLost} when the connection breaks (refused, reset, server crashed).
 * Calls for a connection the client has already abandoned are ignored by the client.
 */
public interface ClientLink {

    /**
     * Starts connecting to {@code server}; returns a connection id unique in the whole run. The server must see
     * {@code Event.ConnectionOpened} for it before any frame sent on it.
     */
    long open(long server);

    /** Writes one frame on an open connection; frames of one connection arrive in the order sent. */
    void send(long connectionId, Outbound frame);

    /**
     * The client has given up on the connection (its own timeout, or after the server closed it): the server must
     * get {@code Event.ConnectionClosed} once, and nothing more is delivered to the client for it. Idempotent.
     */
    void close(long connectionId);
}
