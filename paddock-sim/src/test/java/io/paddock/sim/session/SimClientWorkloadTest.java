package io.paddock.sim.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Peer;
import io.paddock.sim.client.ClientEvent;
import io.paddock.sim.client.LinearizabilityChecker;
import io.paddock.sim.client.Operation;
import io.paddock.sim.client.Outcome;
import io.paddock.sim.client.Result;
import io.paddock.sim.session.ClientNetwork.Reach;
import io.paddock.sim.session.PeerServer.Durability;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random workloads of several clients on one standalone server, with connection resets and a partition. */
class SimClientWorkloadTest {

    private static final long WALL = 1_700_000_000_000L;

    private record Run(List<List<ClientEvent>> logs, Peer peer) {
    }

    private static Run run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ClientNetwork net = new ClientNetwork(WALL, 10, 500);
        Peer peer = new Peer(CoreConfig.defaults(500), WALL);
        net.addServer(1, new PeerServer(peer, Durability.ON_REQUEST));
        List<SimClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(net.addClient(ClientConfig.defaults(4000),
                    new RandomWorkload(i, random.split(), 200), random.split()));
        }
        net.advanceBy(5000);
        net.setReach(1, Reach.REFUSING); // every connection reset at once
        net.advanceBy(300);
        net.setReach(1, Reach.UP);
        net.advanceBy(5000);
        net.setReach(1, Reach.SILENT); // long enough for every session to expire
        net.advanceBy(8000);
        net.setReach(1, Reach.UP);
        net.advanceBy(8000);
        return new Run(clients.stream().map(c -> List.copyOf(c.events())).toList(), peer);
    }

    @Test
    void aRunIsAPureFunctionOfItsSeed() {
        Run a = run(42);
        Run b = run(42);
        Run c = run(43);
        assertThat(a.logs()).isEqualTo(b.logs());
        assertThat(a.logs()).isNotEqualTo(c.logs());
    }

    @Test
    void theRandomWorkloadExercisesTheProtocolAndItsHistoryIsLinearizable() {
        Run run = run(7);
        List<ClientEvent> all = run.logs().stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(ClientEvent.Invoked.class::isInstance).hasSizeGreaterThan(100);
        assertThat(all).filteredOn(ClientEvent.Lost.class::isInstance).isNotEmpty();
        assertThat(all).filteredOn(ClientEvent.WatchFired.class::isInstance).isNotEmpty();
        assertThat(all).filteredOn(ClientEvent.Expired.class::isInstance).hasSizeGreaterThanOrEqualTo(4);
        List<Outcome> outcomes = all.stream().filter(ClientEvent.Replied.class::isInstance)
                .map(e -> ((ClientEvent.Replied) e).outcome()).toList();
        assertThat(outcomes).hasAtLeastOneElementOfType(Outcome.Written.class)
                .hasAtLeastOneElementOfType(Outcome.Read.class).hasAtLeastOneElementOfType(Outcome.Found.class)
                .contains(Outcome.NODE_EXISTS, Outcome.NO_NODE, Outcome.BAD_VERSION, Outcome.OK);
        for (List<ClientEvent> log : run.logs()) {
            // per session, replies come in xid order and lastZxidSeen (the replies' zxids) never goes back
            long session = -1;
            int lastXid = 0;
            long lastZxid = 0;
            for (ClientEvent e : log) {
                if (e.session() != session) {
                    session = e.session();
                    lastXid = 0;
                    lastZxid = 0;
                }
                if (e instanceof ClientEvent.Replied r) {
                    assertThat(r.xid()).isGreaterThan(lastXid);
                    assertThat(r.zxid()).isGreaterThanOrEqualTo(lastZxid);
                    lastXid = r.xid();
                    lastZxid = r.zxid();
                }
            }
        }

        List<Operation> ops = ClientHistories.operations(run.logs(), RandomWorkload.PERSISTENT_PATHS::contains);
        assertThat(ops).hasSizeGreaterThan(50);
        assertThat(LinearizabilityChecker.check(ops)).isEqualTo(Result.LINEARIZABLE);
    }
}
