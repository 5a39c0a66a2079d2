package io.paddock.core.zab;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The membership in force at some config version, and the majority rule over it. Every quorum in Zab
 * (election, discovery, NEWLEADER acks, proposal acks) is a strict majority of this config's voters;
 * observers never count, even when they answer (seed 003, ZOOKEEPER-2959).
 *
 * <p>Members are kept sorted by id so iteration, and anything sent in iteration order, is deterministic.
 */
public record QuorumConfig(long version, Map<Long, QuorumMember> members) {
    public QuorumConfig {
        Objects.requireNonNull(members, "members");
        TreeMap<Long, QuorumMember> copy = new TreeMap<>();
        for (Map.Entry<Long, QuorumMember> e : members.entrySet()) {
            QuorumMember m = Objects.requireNonNull(e.getValue(), "member");
            if (e.getKey() == null || e.getKey() != m.id()) {
                throw new IllegalArgumentException("member " + m.id() + " filed under id " + e.getKey());
            }
            copy.put(m.id(), m);
        }
        members = Collections.unmodifiableSortedMap(copy);
    }

    /** A config from a list of members; ids must be distinct. */
    public static QuorumConfig of(long version, QuorumMember... members) {
        TreeMap<Long, QuorumMember> byId = new TreeMap<>();
        for (QuorumMember m : members) {
            if (byId.put(m.id(), m) != null) {
                throw new IllegalArgumentException("duplicate server id " + m.id());
            }
        }
        return new QuorumConfig(version, byId);
    }

    /** The ids of the participants, ascending. */
    public SortedSet<Long> voters() {
        return idsWithRole(MemberRole.PARTICIPANT);
    }

    /** The ids of the observers, ascending. */
    public SortedSet<Long> observers() {
        return idsWithRole(MemberRole.OBSERVER);
    }

    private SortedSet<Long> idsWithRole(MemberRole role) {
        TreeSet<Long> ids = new TreeSet<>();
        for (QuorumMember m : members.values()) {
            if (m.role() == role) {
                ids.add(m.id());
            }
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    public boolean contains(long serverId) {
        return members.containsKey(serverId);
    }

    public boolean isVoter(long serverId) {
        QuorumMember m = members.get(serverId);
        return m != null && m.isVoter();
    }

    /**
     * Whether {@code acks} holds a strict majority of the voters. Ids of observers and of servers outside
     * the config are ignored, so they can never tip the balance. A config without voters has no quorum.
     */
    public boolean isQuorum(Set<Long> acks) {
        int voters = 0;
        int voterAcks = 0;
        for (QuorumMember m : members.values()) {
            if (m.isVoter()) {
                voters++;
                if (acks.contains(m.id())) {
                    voterAcks++;
                }
            }
        }
        return voterAcks > voters / 2;
    }
}
