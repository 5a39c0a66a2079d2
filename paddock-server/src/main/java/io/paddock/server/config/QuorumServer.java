package io.paddock.server.config;

import java.util.List;

/**
 * One {@code server.N} line: {@code host:quorumPort:electionPort[:role]} (several joined by {@code |} when
 * multiAddress.enabled is set), then optionally {@code ;[clientHost:]clientPort} and
 * {@code ;[secureHost:]securePort}.
 *
 * @param clientAddress       null when the line has no client part
 * @param secureClientAddress null when the line has no secure client part
 */
public record QuorumServer(
        long id, List<PeerAddress> addresses, Role role, HostPort clientAddress, HostPort secureClientAddress) {

    /** Whether a member votes (participant) or only follows (observer). */
    public enum Role { PARTICIPANT, OBSERVER }

    /** Where a member listens for its leader's followers (quorum port) and for leader election. */
    public record PeerAddress(String host, int quorumPort, int electionPort) {
        public PeerAddress {
            if (quorumPort == electionPort) {
                throw new IllegalArgumentException("quorum and election ports must differ: " + quorumPort);
            }
        }
    }

    public QuorumServer {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("server." + id + " needs at least one address");
        }
    }

    public boolean isParticipant() {
        return role == Role.PARTICIPANT;
    }
}
