package io.paddock.sim.client;

import static io.paddock.sim.client.ClientLogBuilder.create;
import static io.paddock.sim.client.ClientLogBuilder.delete;
import static io.paddock.sim.client.ClientLogBuilder.get;
import static io.paddock.sim.client.ClientLogBuilder.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientWriteLinearizabilityTest {

    private static WriteLinearizabilityCheck.Report verify(Map<String, List<ClientEvent>> logs) {
        return new WriteLinearizabilityCheck().verify(logs);
    }

    @Test
    void concurrentCreatesWithOneWinnerPassAndStaleReadsAreIgnored() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).at(0)
                .invoke(1, create("/a", "A")).at(5).reply(1, 0x10, Outcome.OK)
                .at(6).invoke(2, set("/a", "A2")).at(7).reply(2, 0x11, new Outcome.Written(1), 0x11).build();
        List<ClientEvent> b = new ClientLogBuilder().session(2).at(1)
                .invoke(1, create("/a", "B")).at(4).reply(1, 0x10, Outcome.NODE_EXISTS)
                // a read from a lagging server: not linearizable, but ZooKeeper does not promise that for reads
                .at(8).invoke(2, get("/a")).at(9).reply(2, 0x10, new Outcome.Read("A", 0), 0x10).build();
        WriteLinearizabilityCheck.Report report = verify(Map.of("a", a, "b", b));
        assertThat(report.violations()).isEmpty();
        assertThat(report.undecided()).isEmpty();
        assertThat(report.pathsChecked()).isEqualTo(1);
    }

    @Test
    void aLostWriteMayExplainWhatOthersSaw() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).at(0)
                .invoke(1, create("/a", "A")).at(1).lost(1).build();
        List<ClientEvent> b = new ClientLogBuilder().session(2).at(3)
                .invoke(1, create("/a", "B")).at(4).reply(1, 0x10, Outcome.NODE_EXISTS)
                .at(5).invoke(2, delete("/a")).at(6).reply(2, 0x11, Outcome.OK).build();
        assertThat(verify(Map.of("a", a, "b", b)).violations()).isEmpty();
    }

    @Test
    void twoSuccessfulCreatesWithoutADeleteAreCaught() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).at(0)
                .invoke(1, create("/a", "A")).at(1).reply(1, 0x10, Outcome.OK).build();
        List<ClientEvent> b = new ClientLogBuilder().session(2).at(2)
                .invoke(1, create("/a", "B")).at(3).reply(1, 0x11, Outcome.OK).build();
        assertThat(verify(Map.of("a", a, "b", b)).violations()).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(Property.LINEARIZABLE_WRITES);
            assertThat(v.client()).isEqualTo("*");
            assertThat(v.message()).contains("no linearization of these operations on /a",
                    "create(/a, \"A\") -> ok", "create(/a, \"B\") -> ok");
        });
    }

    @Test
    void aLostVersionBumpIsCaught() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).at(0)
                .invoke(1, create("/a", "A")).at(1).reply(1, 0x10, Outcome.OK)
                .at(2).invoke(2, set("/a", "A1")).at(3).reply(2, 0x11, new Outcome.Written(1), 0x11).build();
        List<ClientEvent> b = new ClientLogBuilder().session(2).at(4)
                .invoke(1, set("/a", "B1")).at(5).reply(1, 0x12, new Outcome.Written(1), 0x12).build();
        assertThat(verify(Map.of("a", a, "b", b)).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("setData(/a, \"B1\", v=-1) -> ok(version=1)"));
    }

    @Test
    void anUndecidedPathIsReportedNotFlagged() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).at(0)
                .invoke(1, create("/a", "A")).at(1).reply(1, 0x10, Outcome.OK).build();
        WriteLinearizabilityCheck.Report report = new WriteLinearizabilityCheck(1).verify(Map.of("a", a));
        assertThat(report.violations()).isEmpty();
        assertThat(report.undecided()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("/a"));
    }

    @Test
    void aReplyThatCannotAnswerItsWriteIsAMalformedLog() {
        List<ClientEvent> a = new ClientLogBuilder().session(1)
                .invoke(1, create("/a", "A")).reply(1, 0x10, new Outcome.Written(0), 0x10).build();
        assertThat(new WriteLinearizabilityCheck().check(Map.of("a", a))).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(Property.MALFORMED_LOG);
            assertThat(v.message()).isEqualTo("xid 1 create(/a, \"A\") answered ok(version=0) at 1 (sent at 0): not a possible reply");
        });
    }
}
