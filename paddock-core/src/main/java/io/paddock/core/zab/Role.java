package io.paddock.core.zab;

/** What a settled replica does (leading or learning); while LOOKING it has none. */
sealed interface Role permits LeaderRole, LearnerRole {

    void onMessage(long from, PeerMessage message);

    void onTick();

    void onDisconnected(long peer);

    /** Storage reported more of the history durable ({@link Replica#durableZxid()} moved on). */
    void onPersisted();

    void onWrite(PeerMessage.Request request);

    /** The role ends (the replica goes back to LOOKING): close what it holds open. */
    void leave();
}
