package io.paddock.core.zab;

/** What a server is doing in the ensemble, as its election notifications announce it. The order is the wire code. */
public enum PeerState {
    LOOKING,
    FOLLOWING,
    LEADING,
    OBSERVING
}
