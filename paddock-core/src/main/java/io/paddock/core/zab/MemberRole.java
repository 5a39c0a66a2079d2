package io.paddock.core.zab;

/** Whether a server votes: participants elect leaders and acknowledge proposals; observers only learn. */
public enum MemberRole {
    PARTICIPANT,
    OBSERVER
}
