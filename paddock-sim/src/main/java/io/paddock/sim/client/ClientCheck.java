package io.paddock.sim.client;

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
}
