package io.paddock.core.zab;

import java.util.SortedMap;

/** What a settled replica does (leading or learning); while LOOKING it has none. */
sealed interface Role permits LeaderRole, LearnerRole {

    void onMessage(long from, PeerMessage message);

    void onTick();

    void onDisconnected(long peer);

    /** Storage reported more of the history durable ({@link Replica#durableZxid()} moved on). */
    void onPersisted();

    void onWrite(PeerMessage.Request request);

    /** This server's clients used these sessions since the last report. */
    void onSessionsTouched(SortedMap<Long, Integer> sessionTimeouts);

    /** A client resumes a session here: ask the leader (or decide, if leading); answered by SessionRevalidated. */
    void onRevalidate(long sessionId, int timeoutMillis);

    /** The role ends (the replica goes back to LOOKING): close what it holds open. */
    void leave();
}
