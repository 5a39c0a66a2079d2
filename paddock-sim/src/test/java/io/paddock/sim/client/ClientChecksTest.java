package io.paddock.sim.client;

import static io.paddock.sim.client.ClientLogBuilder.create;
import static io.paddock.sim.client.ClientLogBuilder.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientChecksTest {

    @Test
    void aWellBehavedPairOfClientsIsClean() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).connected(1, 0).at(10)
                .invoke(1, create("/a", "A")).invokeWatching(2, get("/a"))
                .reply(1, 0x10, Outcome.OK).reply(2, 0x10, new Outcome.Read("A", 0), 0x10)
                .fired(0x11, "/a", 3)
                .invoke(3, get("/a")).reply(3, 0x11, new Outcome.Read("B", 1), 0x11).build();
        List<ClientEvent> b = new ClientLogBuilder().session(2).connected(2, 0).at(20)
                .invoke(1, new Command.SetData("/a", "B", 0)).reply(1, 0x11, new Outcome.Written(1), 0x11).build();
        ClientChecks.Report report = ClientChecks.run(Map.of("a", a, "b", b));
        assertThat(report.violations()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.writePathsChecked()).isEqualTo(1);
    }

    @Test
    void everyCheckReportsIntoOneList() {
        List<ClientEvent> a = new ClientLogBuilder().session(1).at(0)
                .invoke(1, create("/a", "A")).invokeWatching(2, get("/a"))
                .reply(2, 0x12, new Outcome.Read("A", 0), 0x12) // overtakes xid 1
                .reply(1, 0x11, Outcome.OK) // zxid goes back
                .fired(0x13, "/a", 3).fired(0x14, "/a", 3) // second firing
                .invoke(3, get("/a")).reply(3, 0x14, new Outcome.Read("A", 0), 0x10) // older than 0x12
                .build();
        List<ClientEvent> b = new ClientLogBuilder().session(2).at(10)
                .invoke(1, create("/a", "B")).reply(1, 0x15, Outcome.OK).build(); // second create of /a
        ClientChecks.Report report = ClientChecks.run(Map.of("a", a, "b", b));
        assertThat(report.clean()).isFalse();
        assertThat(report.violations()).extracting(ClientViolation::property).containsExactlyInAnyOrder(
                Property.FIFO, Property.MONOTONIC_ZXID, Property.WATCH, Property.STALE_READ, Property.LINEARIZABLE_WRITES);
    }
}
