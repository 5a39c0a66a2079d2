package io.paddock.sim.session;

import io.paddock.sim.client.ClientEvent;
import io.paddock.sim.client.Command;
import io.paddock.sim.client.History;
import io.paddock.sim.client.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns clients' event logs into the linearizability checker's operations. */
public final class ClientHistories {

    private ClientHistories() {
    }

    /**
     * The operations on paths {@code include} accepts, from every client's log: Invoked opens one, Replied
     * completes it, Lost (or nothing) leaves it never-returned. Syncs are not operations of the model.
     */
    public static List<Operation> operations(List<List<ClientEvent>> logs, Predicate<String> include) {
        History history = new History();
        for (List<ClientEvent> log : logs) {
            Map<Integer, Integer> open = new HashMap<>(); // xid of the current session -> operation id
            for (ClientEvent event : log) {
                switch (event) {
                    case ClientEvent.Invoked i -> {
                        Command command = i.command();
                        if (command != null && include.test(command.path())) {
                            open.put(i.xid(), history.invoke(i.session(), command, i.at()));
                        }
                    }
                    case ClientEvent.Replied r -> {
                        Integer id = open.remove(r.xid());
                        if (id != null) history.complete(id, r.outcome(), r.at());
                    }
                    case ClientEvent.Lost l -> open.remove(l.xid());
                    case ClientEvent.Expired e -> open.clear(); // a new session starts its xids again
                    default -> {
                    }
                }
            }
        }
        return history.operations();
    }
}
