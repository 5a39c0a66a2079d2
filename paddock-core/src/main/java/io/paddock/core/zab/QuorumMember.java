package io.paddock.core.zab;

import java.util.Objects;

/**
 * One server of the ensemble as a quorum config names it. The addresses are opaque text for the runtime
 * (host:port as zoo.cfg writes them); the core never resolves or dials them.
 */
public record QuorumMember(long id, MemberRole role, String quorumAddress, String electionAddress, String clientAddress) {
    public QuorumMember {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(quorumAddress, "quorumAddress");
        Objects.requireNonNull(electionAddress, "electionAddress");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    public boolean isVoter() {
        return role == MemberRole.PARTICIPANT;
    }
}
