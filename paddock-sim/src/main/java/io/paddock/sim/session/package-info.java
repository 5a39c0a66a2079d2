/**
 * Simulated ZooKeeper client applications for the simulator: {@link io.paddock.sim.session.SimClient} (a session
 * and its connection cycle, as the Java client's ClientCnxn behaves on the wire), driven by a
 * {@link io.paddock.sim.session.ClientWorkload} such as {@link io.paddock.sim.session.RandomWorkload}, and talking
 * through a {@link io.paddock.sim.session.ClientLink}. Each client logs what it sees as
 * {@link io.paddock.sim.client.ClientEvent}s; {@link io.paddock.sim.session.ClientHistories} turns logs into the
 * linearizability checker's operations.
 *
 * <p>Plugging a client into a simulator: create it with a link that belongs to it; call
 * {@link io.paddock.sim.session.SimClient#start} once, {@link io.paddock.sim.session.SimClient#tick} every few
 * virtual milliseconds; when the client calls {@code link.open(server)}, deliver {@code Event.ConnectionOpened} to
 * the server and then (after the network delay) {@code onTransportOpen} to the client, or
 * {@code onConnectionLost} if the server cannot be reached; deliver each frame of {@code link.send} to the server
 * as {@code frame.toEvent(connection, serverWallClock)}; deliver every server action addressed to the connection
 * (SendConnectResponse, SendReply, SendWatchEvent, CloseConnection) to {@code onServerAction}, in order; on
 * {@code link.close} deliver {@code Event.ConnectionClosed} to the server once and nothing more to the client.
 * {@link io.paddock.sim.session.ClientNetwork} does exactly this with zero latency over
 * {@link io.paddock.sim.session.PeerServer}s (standalone {@code Peer}s), for tests.
 */
package io.paddock.sim.session;
