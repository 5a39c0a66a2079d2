package io.paddock.sim.client;

import static io.paddock.sim.client.ClientLogBuilder.create;
import static io.paddock.sim.client.ClientLogBuilder.delete;
import static io.paddock.sim.client.ClientLogBuilder.exists;
import static io.paddock.sim.client.ClientLogBuilder.get;
import static io.paddock.sim.client.ClientLogBuilder.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientStaleReadCheckTest {

    private static List<ClientViolation> check(ClientLogBuilder log) {
        return new StaleReadCheck().check(Map.of("c1", log.build()));
    }

    private static Outcome read(String data, int version) {
        return new Outcome.Read(data, version);
    }

    @Test
    void newerOrEqualVersionsPass() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/a")).reply(1, 0x10, read("x", 0), 0x10)
                .invoke(2, get("/a")).reply(2, 0x12, read("x", 0), 0x10)
                .invoke(3, set("/a", "y")).reply(3, 0x13, new Outcome.Written(1), 0x13)
                .invoke(4, exists("/a")).reply(4, 0x15, new Outcome.Found(2), 0x15);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aMissAfterSeeingTheNodeIsNotFlaggedAnotherSessionMayHaveDeletedIt() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, create("/a", "x")).reply(1, 0x10, Outcome.OK)
                .invoke(2, get("/a")).reply(2, 0x11, read("x", 0), 0x10)
                .invoke(3, get("/a")).reply(3, 0x12, Outcome.NO_NODE)
                .invoke(4, exists("/a")).reply(4, 0x12, Outcome.NO_NODE);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aReCreatedNodeAfterAMissPasses() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/a")).reply(1, 0x10, read("x", 0), 0x8)
                .invoke(2, get("/a")).reply(2, 0x12, Outcome.NO_NODE)
                .invoke(3, get("/a")).reply(3, 0x15, read("z", 0), 0x14);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void anOlderVersionAfterANewerReadIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/a")).reply(1, 0x10, read("y", 1), 0x10)
                .invoke(2, get("/a")).reply(2, 0x11, read("x", 0), 0x8);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(Property.STALE_READ);
            assertThat(v.session()).isEqualTo(3);
            assertThat(v.message()).isEqualTo("xid 2 getData(/a) from server 1 returned mzxid 0x8 (reply zxid 0x11),"
                    + " older than what the session already knew: xid 1 read /a at mzxid 0x10");
        });
    }

    @Test
    void aVersionOlderThanTheSessionsOwnSetDataIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, set("/a", "y")).reply(1, 0x20, new Outcome.Written(3), 0x20)
                .invoke(2, exists("/a")).reply(2, 0x21, new Outcome.Found(2), 0x1c);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("xid 2 exists(/a)", "mzxid 0x1c", "its own setData xid 1 wrote mzxid 0x20"));
    }

    @Test
    void aVersionFromBeforeTheSessionsOwnCreateIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/b")).reply(1, 0x30, Outcome.NO_NODE)
                .invoke(2, create("/a", "mine")).reply(2, 0x32, Outcome.OK)
                .invoke(3, get("/a")).reply(3, 0x33, read("old", 4), 0x30);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("xid 3 getData(/a)", "mzxid 0x30", "its own create xid 2, sent after zxid 0x30"));
    }

    @Test
    void theCreatedVersionItselfIsNotStaleEvenThoughItsZxidIsUnknown() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/b")).reply(1, 0x30, Outcome.NO_NODE)
                .invoke(2, create("/a", "mine")).reply(2, 0x33, Outcome.OK)
                .invoke(3, get("/a")).reply(3, 0x33, read("mine", 0), 0x31);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aVersionThatWasAlreadyGoneWhenTheSessionSawThePathAbsentIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/b")).reply(1, 0x40, Outcome.NO_NODE)
                .invoke(2, get("/a")).reply(2, 0x41, Outcome.NO_NODE)
                .invoke(3, get("/a")).reply(3, 0x42, read("ghost", 0), 0x40);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("xid 3 getData(/a)", "mzxid 0x40", "xid 2 (getData(/a) -> NoNode, sent after zxid 0x40) saw /a absent"));
    }

    @Test
    void aVersionOlderThanTheSessionsOwnDeleteIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/a")).reply(1, 0x50, read("x", 0), 0x45)
                .invoke(2, delete("/a")).reply(2, 0x51, Outcome.OK)
                .invoke(3, exists("/a")).reply(3, 0x51, new Outcome.Found(0), 0x45);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("xid 3 exists(/a)", "mzxid 0x45", "xid 2 (delete(/a, v=-1) -> ok, sent after zxid 0x50)"));
    }

    @Test
    void differentSessionsOfOneClientAreNotCompared() {
        ClientLogBuilder log = new ClientLogBuilder().session(3)
                .invoke(1, get("/a")).reply(1, 0x10, read("y", 1), 0x10).expired()
                .session(4).invoke(1, get("/a")).reply(1, 0x9, read("x", 0), 0x8);
        assertThat(check(log)).isEmpty();
    }
}
