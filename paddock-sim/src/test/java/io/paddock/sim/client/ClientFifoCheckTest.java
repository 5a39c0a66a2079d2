package io.paddock.sim.client;

import static io.paddock.sim.client.ClientLogBuilder.create;
import static io.paddock.sim.client.ClientLogBuilder.get;
import static io.paddock.sim.client.ClientLogBuilder.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ClientFifoCheckTest {

    private static List<ClientViolation> check(ClientLogBuilder log) {
        return new FifoCheck().check(Map.of("c1", log.build()));
    }

    @Test
    void inOrderCompletionsAndAFullLossCascadePass() {
        ClientLogBuilder log = new ClientLogBuilder().session(7).connected(1, 0)
                .invoke(1, create("/a", "x")).invoke(2, get("/a")).invoke(3, null)
                .reply(1, 0x10, Outcome.OK).reply(2, 0x10, new Outcome.Read("x", 0), 0x10).reply(3, 0x10, Outcome.OK)
                .invoke(4, set("/a", "y")).invoke(5, get("/a"))
                .lost(4).lost(5).disconnected()
                .invoke(6, get("/a")) // sent while disconnected: ZooKeeper queues it for the next connection
                .connected(2, 0x10).reply(6, 0x11, new Outcome.Read("y", 1), 0x11);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void requestsStillOutstandingWhenTheLogEndsAreNotViolations() {
        assertThat(check(new ClientLogBuilder().session(7).invoke(1, get("/a")).invoke(2, get("/a")))).isEmpty();
    }

    @Test
    void aReplyOvertakingAnEarlierRequestIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(7)
                .invoke(1, create("/a", "x")).invoke(2, get("/a")).reply(2, 0x10, Outcome.NO_NODE).reply(1, 0x11, Outcome.OK);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(ClientViolation.Property.FIFO);
            assertThat(v.session()).isEqualTo(7);
            assertThat(v.message()).contains("xid 2 (getData(/a)", "replied", "earlier xid 1 (create(/a, \"x\")");
        });
    }

    @Test
    void aLossOvertakingAnEarlierRequestIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(7).invoke(1, get("/a")).invoke(2, get("/b")).lost(2).lost(1);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(ClientViolation.Property.FIFO);
            assertThat(v.message()).contains("xid 2 (getData(/b)", "lost", "earlier xid 1");
        });
    }

    @Test
    void aReplyAfterAnEarlierRequestWasLostIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(7).invoke(1, get("/a")).invoke(2, get("/b"))
                .lost(1).reply(2, 0x12, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(ClientViolation.Property.FIFO);
            assertThat(v.message()).contains("xid 2 replied (zxid 0x12", "outstanding when xid 1 was lost");
        });
    }

    @Test
    void aReplyAfterTheConnectionDroppedIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(7).connected(1, 0).invoke(1, get("/a")).disconnected()
                .connected(2, 0).reply(1, 0x5, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(ClientViolation.Property.FIFO);
            assertThat(v.message()).contains("xid 1 replied", "connection to server 1 dropped");
        });
    }

    @Test
    void aReplyAfterTheSessionExpiredIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(7).invoke(1, get("/a")).expired().reply(1, 0x5, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(ClientViolation.Property.FIFO);
            assertThat(v.message()).contains("xid 1 replied", "session 0x7 expired");
        });
    }

    @Test
    void repliesToUnknownXidsAndDuplicateInvocationsAreMalformedLogs() {
        ClientLogBuilder log = new ClientLogBuilder().session(7).reply(9, 0x5, Outcome.NO_NODE)
                .invoke(1, get("/a")).invoke(1, get("/a"));
        assertThat(check(log)).extracting(ClientViolation::property, ClientViolation::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ClientViolation.Property.MALFORMED_LOG,
                                "xid 9 replied at 0 but it is not outstanding (never invoked, or completed twice)"),
                        org.assertj.core.groups.Tuple.tuple(ClientViolation.Property.MALFORMED_LOG,
                                "xid 1 invoked again at 2 while still outstanding"));
    }

    @Test
    void clientsAreCheckedIndependently() {
        Map<String, List<ClientEvent>> logs = Map.of(
                "c1", new ClientLogBuilder().session(1).invoke(1, get("/a")).build(),
                "c2", new ClientLogBuilder().session(2).invoke(2, get("/a")).reply(2, 0x3, Outcome.NO_NODE).build());
        assertThat(new FifoCheck().check(logs)).isEmpty();
    }

    @Property(tries = 200)
    void flagsExactlyTheCompletionsThatOvertakeAnOlderRequest(@ForAll @IntRange(min = 1, max = 12) int requests,
                                                               @ForAll long seed) {
        List<Integer> order = new ArrayList<>();
        for (int xid = 0; xid < requests; xid++) order.add(xid);
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        ClientLogBuilder log = new ClientLogBuilder().session(7);
        for (int xid = 0; xid < requests; xid++) log.invoke(xid, get("/p"));
        TreeSet<Integer> outstanding = new TreeSet<>(order);
        int overtaking = 0;
        for (int xid : order) {
            if (outstanding.first() != xid) overtaking++;
            outstanding.remove(xid);
            log.reply(xid, 0x10, Outcome.NO_NODE);
        }
        assertThat(check(log)).hasSize(overtaking).allMatch(v -> v.property() == ClientViolation.Property.FIFO);
    }
}
