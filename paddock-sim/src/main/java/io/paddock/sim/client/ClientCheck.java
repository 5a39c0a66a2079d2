package io.paddock.sim.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One client guarantee checked over simulated clients' logs: a pure function of the logs. The map holds one log
 * per simulated client (any key; its {@code toString} names the client in violations), each in the order that
 * client saw its events; a client may go through several sessions in sequence.
 */
@FunctionalInterface
public interface ClientCheck {

    List<ClientViolation> check(Map<?, ? extends List<? extends ClientEvent>> logs);

    /** A check that looks at one client's log at a time. */
    @FunctionalInterface
    interface PerClient {
        void check(String client, List<? extends ClientEvent> log, List<ClientViolation> found);
    }

    /** Runs {@code check} over each client's log, collecting what it finds. */
    static List<ClientViolation> eachClient(Map<?, ? extends List<? extends ClientEvent>> logs, PerClient check) {
        List<ClientViolation> found = new ArrayList<>();
        logs.forEach((client, log) -> check.check(String.valueOf(client), log, found));
        return found;
    }
}
