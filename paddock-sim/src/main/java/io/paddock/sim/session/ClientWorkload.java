package io.paddock.sim.session;

import java.util.List;

/** The application on top of a {@link SimClient}: what it calls, and when. */
public interface ClientWorkload {

    /**
     * Calls to make now, while the client is connected; {@code room} (at least 1) is how many more may be in
     * flight. Returning more than {@code room} is a bug in the workload.
     */
    List<ClientOp> poll(long now, int room);

    /** An application that only holds its session open (tests submit calls by hand). */
    ClientWorkload IDLE = (now, room) -> List.of();
}
