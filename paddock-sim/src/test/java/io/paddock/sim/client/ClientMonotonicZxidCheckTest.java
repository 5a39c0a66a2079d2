package io.paddock.sim.client;

import static io.paddock.sim.client.ClientLogBuilder.get;
import static org.assertj.core.api.Assertions.assertThat;


import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ClientMonotonicZxidCheckTest {

    private static List<ClientViolation> check(ClientLogBuilder log) {
        return new MonotonicZxidCheck().check(Map.of("c1", log.build()));
    }

    @Test
    void growingOrEqualZxidsAcrossReconnectsPass() {
        ClientLogBuilder log = new ClientLogBuilder().session(5).connected(1, 0)
                .invoke(1, get("/a")).reply(1, 0x10, Outcome.NO_NODE)
                .invoke(2, get("/a")).reply(2, 0x10, Outcome.NO_NODE)
                .disconnected().connected(2, 0x10)
                .invoke(3, get("/a")).reply(3, 0x14, Outcome.NO_NODE)
                .invoke(4, get("/a")).reply(4, 0, Outcome.NO_NODE); // zxid 0: ignored, as ZooKeeper's client does
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aNewSessionMayStartBehindTheOldOne() {
        ClientLogBuilder log = new ClientLogBuilder().session(5).connected(1, 0)
                .invoke(1, get("/a")).reply(1, 0x30, Outcome.NO_NODE).expired()
                .session(6).connected(2, 0).invoke(1, get("/a")).reply(1, 0x10, Outcome.NO_NODE);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aDecreaseOnOneServerIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(5).connected(1, 0)
                .invoke(1, get("/a")).reply(1, 0x20, Outcome.NO_NODE)
                .invoke(2, get("/a")).reply(2, 0x1f, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(ClientViolation.Property.MONOTONIC_ZXID);
            assertThat(v.session()).isEqualTo(5);
            assertThat(v.message()).isEqualTo("reply to xid 2 from server 1 carries zxid 0x1f, but the session already"
                    + " saw zxid 0x20 in the reply to xid 1 from server 1");
        });
    }

    @Test
    void aDecreaseAfterReconnectingToAnotherServerIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(5).connected(1, 0)
                .invoke(1, get("/a")).reply(1, 0x20, Outcome.NO_NODE).disconnected().connected(3, 0x20)
                .invoke(2, get("/a")).reply(2, 0x18, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("xid 2 from server 3 carries zxid 0x18", "zxid 0x20 in the reply to xid 1 from server 1"));
    }

    @Test
    void aReplyBelowTheAcceptedLastZxidSeenIsCaught() {
        // the session's earlier replies are not in this log (e.g. it was trimmed); the handshake still binds the server
        ClientLogBuilder log = new ClientLogBuilder().session(5).connected(2, 0x40)
                .invoke(1, get("/a")).reply(1, 0x3f, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .isEqualTo("reply to xid 1 from server 2 carries zxid 0x3f, below lastZxidSeen 0x40 that server 2 accepted at 0"));
    }

    @Test
    void aClientResumingWithAStaleLastZxidSeenIsReportedAsAClientBug() {
        ClientLogBuilder log = new ClientLogBuilder().session(5).connected(1, 0)
                .invoke(1, get("/a")).reply(1, 0x20, Outcome.NO_NODE).disconnected().connected(2, 0x10);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .startsWith("client bug: resumed the session on server 2").contains("lastZxidSeen 0x10", "zxid 0x20"));
    }

    @Property(tries = 200)
    void flagsExactlyTheRepliesBelowAnEarlierOne(@ForAll @Size(max = 30) List<@LongRange(min = 1, max = 40) Long> zxids) {
        ClientLogBuilder log = new ClientLogBuilder().session(9);
        long highest = 0;
        int expected = 0;
        for (int xid = 0; xid < zxids.size(); xid++) {
            long zxid = zxids.get(xid);
            log.invoke(xid, get("/p")).reply(xid, zxid, Outcome.NO_NODE);
            if (zxid < highest) expected++;
            highest = Math.max(highest, zxid);
        }
        assertThat(check(log)).hasSize(expected).allMatch(v -> v.property() == ClientViolation.Property.MONOTONIC_ZXID);
    }
}
