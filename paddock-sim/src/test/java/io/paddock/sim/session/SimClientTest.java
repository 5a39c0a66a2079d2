package io.paddock.sim.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Peer;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.WatchEventType;
import io.paddock.sim.client.ClientEvent;
import io.paddock.sim.client.Command;
import io.paddock.sim.client.Outcome;
import io.paddock.sim.session.ClientNetwork.Reach;
import io.paddock.sim.session.PeerServer.Durability;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimClientTest {

    private static final long WALL = 1_700_000_000_000L;
    private static final int TICK = 500;
    private static final int TIMEOUT = 6000;

    private final ClientNetwork net = new ClientNetwork(WALL, 10, TICK);

    private Peer addServer(long id, Durability durability, int tick) {
        Peer peer = new Peer(CoreConfig.defaults(tick), WALL);
        net.addServer(id, new PeerServer(peer, durability));
        return peer;
    }

    private SimClient idleClient(int timeout, long seed) {
        return net.addClient(ClientConfig.defaults(timeout), ClientWorkload.IDLE, new SplittableRandom(seed));
    }

    private static <T extends ClientEvent> List<T> of(SimClient client, Class<T> type) {
        return client.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Outcome> outcomes(SimClient client) {
        return of(client, ClientEvent.Replied.class).stream().map(ClientEvent.Replied::outcome).toList();
    }

    /** The frames written on one connection, in order. */
    private List<Outbound> framesOn(long connectionId) {
        return net.sentFrames().stream().filter(f -> f.connectionId() == connectionId)
                .map(ClientNetwork.SentFrame::frame).toList();
    }

    private static int opcode(Outbound frame) {
        return frame instanceof Outbound.Request r ? r.header().type() : Integer.MIN_VALUE;
    }

    @Test
    void aSessionIsEstablishedWithTheNegotiatedTimeout() {
        Peer peer = addServer(1, Durability.IMMEDIATE, TICK);
        SimClient client = idleClient(TIMEOUT, 1);

        assertThat(client.state()).isEqualTo(SimClient.State.CONNECTED);
        assertThat(client.sessionId()).isNotZero();
        assertThat(client.negotiatedTimeout()).isEqualTo(TIMEOUT);
        assertThat(peer.sessionCount()).isEqualTo(1);
        assertThat(client.events()).singleElement().isEqualTo(new ClientEvent.Connected(client.sessionId(), 0, 1, 0));
        Outbound first = framesOn(client.connection()).getFirst();
        assertThat(first).isInstanceOfSatisfying(Outbound.Connect.class, c -> {
            assertThat(c.request().protocolVersion()).isZero();
            assertThat(c.request().sessionId()).isZero();
            assertThat(c.request().timeOut()).isEqualTo(TIMEOUT);
            assertThat(c.request().passwd()).hasSize(16);
        });
    }

    @Test
    void writesAndReadsAreRecordedAsTheCheckerExpects() {
        addServer(1, Durability.IMMEDIATE, TICK);
        SimClient client = idleClient(TIMEOUT, 2);
        List<ClientOp> ops = List.of(
                new ClientOp.Create("/a", "x", false),
                new ClientOp.GetData("/a", false),
                new ClientOp.SetData("/a", "y", Command.ANY_VERSION),
                new ClientOp.Exists("/a", false),
                new ClientOp.Create("/a", "z", false),
                new ClientOp.Delete("/a", 7),
                new ClientOp.Delete("/a", Command.ANY_VERSION),
                new ClientOp.GetData("/a", false),
                new ClientOp.SetData("/a", "w", Command.ANY_VERSION),
                new ClientOp.Exists("/a", false),
                new ClientOp.Sync("/"),
                new ClientOp.Create("/missing/child", "c", false));
        for (ClientOp op : ops) {
            client.submit(op, net.now());
            net.runUntilQuiet();
        }

        assertThat(outcomes(client)).containsExactly(Outcome.OK, new Outcome.Read("x", 0), new Outcome.Written(1),
                new Outcome.Found(1), Outcome.NODE_EXISTS, Outcome.BAD_VERSION, Outcome.OK, Outcome.NO_NODE,
                Outcome.NO_NODE, Outcome.NO_NODE, Outcome.OK, new Outcome.Failed(-101));
        List<ClientEvent.Replied> replies = of(client, ClientEvent.Replied.class);
        long createZxid = replies.get(0).zxid();
        long setZxid = replies.get(2).zxid();
        assertThat(createZxid).isPositive();
        assertThat(replies.get(1).mzxid()).isEqualTo(createZxid);
        assertThat(replies.get(2).mzxid()).isEqualTo(setZxid).isGreaterThan(createZxid);
        assertThat(replies.get(3).mzxid()).isEqualTo(setZxid);
        assertThat(replies.get(0).mzxid()).isEqualTo(-1);
        assertThat(client.lastZxidSeen()).isEqualTo(replies.getLast().zxid());
        List<ClientEvent.Invoked> invoked = of(client, ClientEvent.Invoked.class);
        assertThat(invoked).extracting(ClientEvent.Invoked::command)
                .containsExactlyElementsOf(ops.stream().map(ClientOp::command).toList());
        assertThat(invoked.get(10).command()).isNull();
    }

    @Test
    void pipelinedRequestsCompleteInOrderWithIncreasingXids() {
        addServer(1, Durability.ON_REQUEST, TICK);
        SimClient client = idleClient(TIMEOUT, 3);
        client.submit(new ClientOp.Create("/p", "x", false), net.now());
        client.submit(new ClientOp.GetData("/p", false), net.now());
        client.submit(new ClientOp.SetData("/p", "y", 0), net.now());
        client.submit(new ClientOp.GetData("/p", false), net.now());
        client.submit(new ClientOp.Exists("/q", false), net.now());
        assertThat(client.outstanding()).isEqualTo(5);
        net.runUntilQuiet();

        List<Integer> invoked = of(client, ClientEvent.Invoked.class).stream().map(ClientEvent.Invoked::xid).toList();
        List<Integer> replied = of(client, ClientEvent.Replied.class).stream().map(ClientEvent.Replied::xid).toList();
        assertThat(invoked).containsExactly(1, 2, 3, 4, 5);
        assertThat(replied).containsExactlyElementsOf(invoked);
        assertThat(outcomes(client)).containsExactly(Outcome.OK, new Outcome.Read("x", 0), new Outcome.Written(1),
                new Outcome.Read("y", 1), Outcome.NO_NODE);
        assertThat(client.outstanding()).isZero();
    }

    @Test
    void anIdleClientPingsAndKeepsItsSession() {
        Peer peer = addServer(1, Durability.IMMEDIATE, TICK);
        SimClient client = idleClient(TIMEOUT, 4);
        net.advanceBy(5 * TIMEOUT);

        assertThat(client.state()).isEqualTo(SimClient.State.CONNECTED);
        assertThat(client.events()).hasSize(1);
        assertThat(peer.sessionCount()).isEqualTo(1);
        long pings = framesOn(client.connection()).stream().filter(f -> opcode(f) == OpCode.PING).count();
        assertThat(pings).isGreaterThan(5 * TIMEOUT / (TIMEOUT * 2 / 3)); // at least one per read timeout
        assertThat(framesOn(client.connection()).stream().filter(f -> opcode(f) == OpCode.PING))
                .allSatisfy(f -> assertThat(((Outbound.Request) f).header().xid()).isEqualTo(ReplyHeader.PING_XID));
    }

    @Test
    void aResetConnectionLosesOutstandingRequestsAndTheSessionResumesWithSetWatchesFirst() {
        addServer(1, Durability.ON_REQUEST, TICK);
        SimClient client = idleClient(TIMEOUT, 5);
        long session = client.sessionId();
        client.submit(new ClientOp.Create("/w", "x", false), net.now());
        client.submit(new ClientOp.GetData("/w", true), net.now());
        client.submit(new ClientOp.Exists("/absent", true), net.now());
        net.runUntilQuiet();
        long zxidBefore = client.lastZxidSeen();
        assertThat(client.watchedDataPaths()).containsExactly("/w");
        assertThat(client.watchedExistPaths()).containsExactly("/absent");
        long firstConnection = client.connection();

        client.submit(new ClientOp.SetData("/w", "lost?", Command.ANY_VERSION), net.now());
        client.submit(new ClientOp.GetData("/w", false), net.now());
        net.setReach(1, Reach.REFUSING); // resets the connection before either reply reaches the client
        assertThat(of(client, ClientEvent.Lost.class)).extracting(ClientEvent.Lost::xid).containsExactly(4, 5);
        assertThat(client.state()).isEqualTo(SimClient.State.DISCONNECTED);
        client.submit(new ClientOp.GetData("/w", false), net.now()); // waits for the next connection

        net.setReach(1, Reach.UP);
        net.advanceBy(3000);

        assertThat(client.state()).isEqualTo(SimClient.State.CONNECTED);
        assertThat(client.sessionId()).isEqualTo(session);
        assertThat(client.connection()).isNotEqualTo(firstConnection);
        List<ClientEvent.Connected> connects = of(client, ClientEvent.Connected.class);
        assertThat(connects).hasSize(2);
        assertThat(connects.get(1).session()).isEqualTo(session);
        assertThat(connects.get(1).lastZxidSeen()).isEqualTo(zxidBefore);
        List<Outbound> frames = framesOn(client.connection());
        assertThat(frames.get(0)).isInstanceOfSatisfying(Outbound.Connect.class, c -> {
            assertThat(c.request().sessionId()).isEqualTo(session);
            assertThat(c.request().lastZxidSeen()).isEqualTo(zxidBefore);
        });
        assertThat(frames.get(1)).isInstanceOfSatisfying(Outbound.Request.class, r -> {
            assertThat(r.header().xid()).isEqualTo(ReplyHeader.SET_WATCHES_XID);
            ClientRequest.SetWatches sw = (ClientRequest.SetWatches) r.request();
            assertThat(sw.opCode()).isEqualTo(OpCode.SET_WATCHES);
            assertThat(sw.relativeZxid()).isEqualTo(zxidBefore);
            assertThat(sw.dataWatches()).containsExactly("/w");
            assertThat(sw.existWatches()).containsExactly("/absent");
        });
        assertThat(opcode(frames.get(2))).isEqualTo(OpCode.GET_DATA);
        ClientEvent.Replied last = of(client, ClientEvent.Replied.class).getLast();
        assertThat(last.xid()).isEqualTo(6);
        // the lost setData may or may not have been applied; either way the read is one of the two values
        assertThat(last.outcome()).isIn(new Outcome.Read("x", 0), new Outcome.Read("lost?", 1));
    }

    @Test
    void watchesFireOnceAndAreConsumed() {
        addServer(1, Durability.IMMEDIATE, TICK);
        SimClient watcher = idleClient(TIMEOUT, 6);
        SimClient writer = idleClient(TIMEOUT, 7);
        writer.submit(new ClientOp.Create("/n", "a", false), net.now());
        net.runUntilQuiet();
        watcher.submit(new ClientOp.GetData("/n", true), net.now());
        net.runUntilQuiet();
        writer.submit(new ClientOp.SetData("/n", "b", Command.ANY_VERSION), net.now());
        writer.submit(new ClientOp.SetData("/n", "c", Command.ANY_VERSION), net.now());
        net.runUntilQuiet();

        List<ClientEvent.WatchFired> fired = of(watcher, ClientEvent.WatchFired.class);
        assertThat(fired).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("/n");
            assertThat(w.eventType()).isEqualTo(WatchEventType.NODE_DATA_CHANGED);
            assertThat(w.zxid()).isEqualTo(of(writer, ClientEvent.Replied.class).get(1).zxid());
            assertThat(w.session()).isEqualTo(watcher.sessionId());
        });
        assertThat(watcher.watchedDataPaths()).isEmpty();
    }

    @Test
    void aServerBehindTheClientRefusesItAndTheClientTriesAnotherServer() {
        Peer ahead = addServer(1, Durability.IMMEDIATE, TICK);
        Peer behind = addServer(2, Durability.IMMEDIATE, TICK);
        net.setReach(2, Reach.REFUSING);
        SimClient client = idleClient(10_000, 8); // long enough that server 1 keeps the session meanwhile
        net.advanceBy(3000);
        assertThat(client.server()).isEqualTo(1);
        long session = client.sessionId();
        client.submit(new ClientOp.Create("/z", "x", false), net.now());
        net.runUntilQuiet();
        assertThat(client.lastZxidSeen()).isGreaterThan(behind.lastProcessedZxid());

        net.setReach(1, Reach.REFUSING);
        net.setReach(2, Reach.UP);
        net.advanceBy(2500);
        assertThat(of(client, ClientEvent.Disconnected.class))
                .anySatisfy(d -> {
                    assertThat(d.server()).isEqualTo(2);
                    assertThat(d.why()).contains("newer zxid");
                });
        assertThat(behind.sessionCount()).isZero();
        assertThat(client.state()).isNotEqualTo(SimClient.State.CONNECTED);

        net.setReach(1, Reach.UP);
        net.advanceBy(4000);
        assertThat(client.state()).isEqualTo(SimClient.State.CONNECTED);
        assertThat(client.server()).isEqualTo(1);
        assertThat(client.sessionId()).isEqualTo(session);
        assertThat(of(client, ClientEvent.Connected.class).getLast().server()).isEqualTo(1);
        assertThat(ahead.sessionCount()).isEqualTo(1);
    }

    @Test
    void aSessionTheServerExpiredIsRecordedAndANewSessionStarts() {
        int tick = 2000;
        int timeout = 30_000;
        ClientNetwork slow = new ClientNetwork(WALL, 10, tick);
        Peer peer = new Peer(CoreConfig.defaults(tick), WALL);
        slow.addServer(1, new PeerServer(peer, Durability.IMMEDIATE));
        SimClient client = slow.addClient(ClientConfig.defaults(timeout), ClientWorkload.IDLE, new SplittableRandom(9));
        long session = client.sessionId();
        client.submit(new ClientOp.Create("/e0", "mine", true), slow.now());
        slow.advanceBy(5000);
        assertThat(peer.ephemeralCount()).isEqualTo(1);

        slow.setReach(1, Reach.REFUSING);
        slow.advanceBy(timeout + 4000); // the server expires the session; the client, refused, keeps trying
        assertThat(peer.sessionCount()).isZero();
        assertThat(peer.ephemeralCount()).isZero();
        assertThat(of(client, ClientEvent.Expired.class)).isEmpty();

        slow.setReach(1, Reach.UP);
        slow.advanceBy(5000);
        List<ClientEvent.Expired> expired = of(client, ClientEvent.Expired.class);
        assertThat(expired).singleElement().satisfies(e -> {
            assertThat(e.session()).isEqualTo(session);
            assertThat(e.server()).as("told by the server, not timed out locally").isEqualTo(1);
        });
        assertThat(client.state()).isEqualTo(SimClient.State.CONNECTED);
        assertThat(client.sessionId()).isNotZero().isNotEqualTo(session);
        ClientEvent.Connected renewed = of(client, ClientEvent.Connected.class).getLast();
        assertThat(renewed.session()).isEqualTo(client.sessionId());
        assertThat(renewed.lastZxidSeen()).isZero();
        assertThat(renewed.at()).isGreaterThanOrEqualTo(expired.getFirst().at());
    }

    @Test
    void aClientThatHearsNothingForFourThirdsOfItsTimeoutExpiresTheSessionItself() {
        addServer(1, Durability.IMMEDIATE, TICK);
        SimClient client = idleClient(TIMEOUT, 10);
        client.submit(new ClientOp.GetData("/x", false), net.now());
        net.advanceBy(1000);
        long silentAt = net.now(); // pings were answered until now, about every second
        net.setReach(1, Reach.SILENT);
        client.submit(new ClientOp.GetData("/x", false), net.now());
        net.advanceBy(3 * TIMEOUT);

        List<ClientEvent.Expired> expired = of(client, ClientEvent.Expired.class);
        assertThat(expired).isNotEmpty();
        ClientEvent.Expired first = expired.getFirst();
        assertThat(first.server()).isEqualTo(-1);
        assertThat(first.at() - silentAt).isBetween((long) TIMEOUT * 4 / 3 - 1100, (long) TIMEOUT * 4 / 3 + 10);
        assertThat(of(client, ClientEvent.Lost.class)).extracting(ClientEvent.Lost::xid).containsExactly(2);
        assertThat(of(client, ClientEvent.Disconnected.class)).first()
                .satisfies(d -> assertThat(d.why()).startsWith("read timeout"));
    }
}
