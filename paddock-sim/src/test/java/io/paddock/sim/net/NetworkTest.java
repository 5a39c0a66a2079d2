package io.paddock.sim.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.time.Scheduler;
import io.paddock.sim.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private record Received(long time, long at, ZabEvent event) {
    }

    private final Scheduler scheduler = new Scheduler();
    private final Trace trace = new Trace(0);
    private final Map<Long, Long> incarnations = new HashMap<>(Map.of(1L, 1L, 2L, 1L, 3L, 1L));
    private final List<Received> received = new ArrayList<>();
    private final Network network = new Network(List.of(1L, 2L, 3L), scheduler, new SplittableRandom(7),
            new Network.Timing(1, 40, 100, 200), trace, new Network.Endpoints() {
                @Override
                public long incarnation(long peer) {
                    return incarnations.get(peer);
                }

                @Override
                public void deliver(long peer, ZabEvent event) {
                    received.add(new Received(scheduler.now(), peer, event));
                }
            });

    private static PeerMessage ack(long n) {
        return new PeerMessage.Ack(n);
    }

    private void runUntil(long time) {
        while (scheduler.runNext(time)) {
            // drain
        }
    }

    /** What {@code peer} received, as "ack N from S" or "disconnected from S". */
    private List<String> at(long peer) {
        List<String> out = new ArrayList<>();
        for (Received r : received) {
            if (r.at() == peer) {
                out.add(switch (r.event()) {
                    case ZabEvent.MessageReceived m -> "ack " + ((PeerMessage.Ack) m.message()).zxid() + " from S" + m.from();
                    case ZabEvent.Disconnected d -> "disconnected from S" + d.peer();
                    default -> r.event().toString();
                });
            }
        }
        return out;
    }

    @Test
    void eachLinkIsFifoDespiteRandomDelays() {
        for (int i = 0; i < 200; i++) {
            final long n = i;
            scheduler.at(i, () -> {
                network.send(3, 1, ack(n));
                network.send(1, 3, ack(1000 + n));
            });
        }
        runUntil(10_000);

        List<String> expectedAt1 = new ArrayList<>();
        List<String> expectedAt3 = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expectedAt1.add("ack " + i + " from S3");
            expectedAt3.add("ack " + (1000 + i) + " from S1");
        }
        assertThat(at(1)).isEqualTo(expectedAt1);
        assertThat(at(3)).isEqualTo(expectedAt3);
        assertThat(network.stats().connections()).as("one connection for both directions").isEqualTo(1);
    }

    @Test
    void onlyTheLargerIdsConnectionSurvivesAndMessagesWaitForIt() {
        scheduler.at(0, () -> {
            network.send(1, 2, ack(1));
            network.send(1, 2, ack(2));
        });
        runUntil(10_000);

        assertThat(at(2)).containsExactly("ack 1 from S1", "ack 2 from S1");
        assertThat(trace.all()).anySatisfy(l -> assertThat(l).contains("S1 net dials S2"));
        assertThat(trace.all()).anySatisfy(l -> assertThat(l).contains("S2 net closes the connection S1 dialed"));
        assertThat(trace.all()).anySatisfy(l -> assertThat(l).contains("S1-S2 connected (dialed by S2)"));
    }

    @Test
    void aDroppedConnectionLosesWhatWasInFlightAndBothEndsHearOfItBeforeAnythingNewer() {
        scheduler.at(0, () -> network.send(3, 1, ack(1)));
        runUntil(1_000); // connected, ack 1 delivered
        scheduler.at(1_000, () -> {
            network.send(3, 1, ack(2)); // in flight when the connection drops
            network.drop(1, 3);
            network.send(3, 1, ack(3)); // a new connection carries this one
        });
        runUntil(10_000);

        assertThat(at(1)).containsExactly("ack 1 from S3", "disconnected from S3", "ack 3 from S3");
        assertThat(at(3)).containsExactly("disconnected from S1");
        assertThat(network.stats().lost()).isEqualTo(1);
    }

    @Test
    void aPartitionLosesSilentlyAndItsHealBreaksTheLinkBeforeNewMessagesCross() {
        scheduler.at(0, () -> network.send(3, 1, ack(1)));
        runUntil(1_000);
        scheduler.at(1_000, () -> network.partition(List.of(Set.of(1L), Set.of(2L, 3L))));
        scheduler.at(1_100, () -> network.send(3, 1, ack(2)));
        scheduler.at(1_200, () -> network.send(2, 1, ack(3))); // no connection: dials fail while cut
        runUntil(5_000);
        assertThat(at(1)).as("nothing crosses, no notice while cut").containsExactly("ack 1 from S3");

        scheduler.at(5_000, () -> {
            network.healPartition();
            network.send(3, 1, ack(4));
        });
        runUntil(20_000);

        assertThat(at(1)).containsExactly("ack 1 from S3", "disconnected from S2", "disconnected from S3", "ack 4 from S3");
        assertThat(at(3)).containsExactly("disconnected from S1");
        assertThat(network.stats().lost()).as("ack 2 on the cut link, ack 3 queued until the heal").isEqualTo(2);
    }

    @Test
    void aCrashedServersLinksBreakAndMessagesToItWaitUntilItIsBack() {
        scheduler.at(0, () -> network.send(3, 1, ack(1)));
        runUntil(1_000);
        scheduler.at(1_000, () -> {
            incarnations.put(1L, -1L);
            network.crashed(1);
            network.send(3, 1, ack(2));
        });
        runUntil(3_000);
        assertThat(at(3)).containsExactly("disconnected from S1");
        assertThat(trace.all()).anySatisfy(l -> assertThat(l).contains("dial to S1 failed (S1 is down)"));

        scheduler.at(3_000, () -> incarnations.put(1L, 2L));
        runUntil(10_000);
        assertThat(at(1)).containsExactly("ack 1 from S3", "ack 2 from S3");
    }

    @Test
    void aDisconnectActionBreaksTheLinkForBothEnds() {
        scheduler.at(0, () -> network.send(2, 3, ack(1)));
        runUntil(1_000);
        scheduler.at(1_000, () -> network.disconnect(2, 3, "learner leaves"));
        runUntil(2_000);

        assertThat(at(2)).containsExactly("disconnected from S3");
        assertThat(at(3)).containsExactly("ack 1 from S2", "disconnected from S2");
        assertThat(trace.all()).anySatisfy(l -> assertThat(l).contains("S2-S3 broken: S2 disconnects: learner leaves"));
    }
}
