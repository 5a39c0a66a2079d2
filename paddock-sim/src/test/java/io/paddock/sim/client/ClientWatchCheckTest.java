package io.paddock.sim.client;

import static io.paddock.sim.client.ClientLogBuilder.exists;
import static io.paddock.sim.client.ClientLogBuilder.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.sim.client.ClientViolation.Property;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientWatchCheckTest {

    private static final int CREATED = 1;
    private static final int DELETED = 2;
    private static final int CHANGED = 3;
    private static final Outcome FOUND = new Outcome.Read("x", 0);

    private static List<ClientViolation> check(ClientLogBuilder log) {
        return new WatchCheck().check(Map.of("c1", log.build()));
    }

    @Test
    void eachRegistrationFiringOnceInOrderPasses() {
        ClientLogBuilder log = new ClientLogBuilder().session(4).connected(1, 0)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10)
                .invokeWatching(2, get("/a")).reply(2, 0x10, FOUND, 0x10) // same path: still one registration
                .invokeWatching(3, exists("/b")).reply(3, 0x10, Outcome.NO_NODE) // exists registers on a missing node
                .fired(0x11, "/a", CHANGED).fired(0x12, "/b", CREATED)
                .invokeWatching(4, get("/a")).reply(4, 0x12, FOUND, 0x11)
                .fired(0x13, "/a", DELETED)
                .fired(0x14, "/parent", 4); // child events are not tracked
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aRegistrationSurvivesAReconnectAndMayFireThereWithoutAZxid() {
        ClientLogBuilder log = new ClientLogBuilder().session(4).connected(1, 0)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10)
                .disconnected().connected(2, 0x10)
                .fired(-1, "/a", CHANGED) // setWatches found /a changed since 0x10: fired at once, no zxid
                .invoke(2, get("/a")).reply(2, 0x15, FOUND, 0x12);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aSecondEventFromOneRegistrationIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10)
                .fired(0x11, "/a", CHANGED).fired(0x12, "/a", CHANGED);
        assertThat(check(log)).singleElement().satisfies(v -> {
            assertThat(v.property()).isEqualTo(Property.WATCH);
            assertThat(v.session()).isEqualTo(4);
            assertThat(v.message()).isEqualTo("watch event type 3 on /a (zxid 0x12) at 3 from server 1, but the session"
                    + " holds no watch on /a: its last one already fired at 2 (zxid 0x11) and no read re-registered it");
        });
    }

    @Test
    void reRegisteringOnReconnectDoesNotMakeASecondWatch() {
        ClientLogBuilder log = new ClientLogBuilder().session(4).connected(1, 0)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10)
                .disconnected().connected(2, 0x10)
                .fired(0x11, "/a", CHANGED).fired(0x12, "/a", DELETED);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("type 2 on /a (zxid 0x12)", "already fired"));
    }

    @Test
    void anEventNobodyRegisteredForIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invoke(1, get("/a")).reply(1, 0x10, FOUND, 0x10) // not watching
                .fired(0x11, "/a", CHANGED);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("type 3 on /a (zxid 0x11)", "(none was registered)"));
    }

    @Test
    void getDataOnAMissingNodeRegistersNothing() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).reply(1, 0x10, Outcome.NO_NODE)
                .fired(0x11, "/a", CREATED);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("type 1 on /a", "(none was registered)"));
    }

    @Test
    void watchesDieWithTheirSession() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10).expired()
                .session(8).fired(0x11, "/a", CHANGED);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.session()).isEqualTo(8));
    }

    @Test
    void eventsOutOfZxidOrderAreCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).invokeWatching(2, get("/b"))
                .reply(1, 0x10, FOUND, 0x10).reply(2, 0x10, FOUND, 0x10)
                .fired(0x20, "/b", CHANGED).fired(0x1f, "/a", CHANGED);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .isEqualTo("watch event type 3 on /a (zxid 0x1f) at 5 from server 1 arrived after the event on /b with"
                        + " the larger zxid 0x20: events out of zxid order"));
    }

    @Test
    void anEventAfterAReplyThatAlreadyShowsItsTxnIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10)
                .invoke(2, get("/b")).reply(2, 0x20, FOUND, 0x20)
                .fired(0x20, "/a", CHANGED);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .isEqualTo("watch event type 3 on /a (zxid 0x20) at 4 from server 1 arrived after the reply to xid 2"
                        + " with zxid 0x20: the session saw newer data before the event"));
    }

    @Test
    void anEventForALaterTxnThanEveryReplyPasses() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).reply(1, 0x10, FOUND, 0x10)
                .invoke(2, get("/b")).reply(2, 0x20, FOUND, 0x20)
                .fired(0x21, "/a", CHANGED);
        assertThat(check(log)).isEmpty();
    }

    @Test
    void anEventBeforeItsWatchingReadIsAnsweredIsChargedToThatRead() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).fired(0x11, "/a", CHANGED).reply(1, 0x11, FOUND, 0x11);
        assertThat(check(log)).isEmpty();
        // the registration was used up by the early event: another one is a second firing
        assertThat(check(log.fired(0x12, "/a", CHANGED))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("zxid 0x12", "already fired"));
    }

    @Test
    void anEarlyEventChargedToAReadThatRegisteredNothingIsCaught() {
        ClientLogBuilder log = new ClientLogBuilder().session(4)
                .invokeWatching(1, get("/a")).fired(0x11, "/a", DELETED).reply(1, 0x11, Outcome.NO_NODE);
        assertThat(check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("arrived while xid 1 was outstanding", "registered no watch (NoNode)"));
    }
}
