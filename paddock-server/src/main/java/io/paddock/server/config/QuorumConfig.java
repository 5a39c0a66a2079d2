package io.paddock.server.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ensemble a zoo.cfg (or its dynamicConfigFile) describes: the {@code server.N} lines and, for hierarchical
 * quorums, the {@code group.N} and {@code weight.N} lines. Empty for a plain standalone config.
 *
 * @param servers           by server id, in id order
 * @param groups            group id to the ids of its members; empty unless hierarchical
 * @param weights           server id to weight, as written (members of a group without a line weigh 1)
 * @param version           the config version, taken from a dynamic file name's hex suffix; 0 otherwise
 * @param dynamicConfigFile the file the lines came from, or null when they were in zoo.cfg itself
 */
public record QuorumConfig(
        SortedMap<Long, QuorumServer> servers,
        SortedMap<Long, Set<Long>> groups,
        SortedMap<Long, Long> weights,
        long version,
        Path dynamicConfigFile) {

    public static final QuorumConfig NONE =
            new QuorumConfig(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0, null);

    public QuorumConfig {
        servers = Collections.unmodifiableSortedMap(new TreeMap<>(servers));
        TreeMap<Long, Set<Long>> groupCopy = new TreeMap<>();
        groups.forEach((id, members) -> groupCopy.put(id, Set.copyOf(members)));
        groups = Collections.unmodifiableSortedMap(groupCopy);
        weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
        servers.forEach((id, server) -> {
            if (id != server.id()) {
                throw new IllegalArgumentException("server." + id + " holds the line of server." + server.id());
            }
        });
    }

    public boolean isHierarchical() {
        return !groups.isEmpty() || !weights.isEmpty();
    }

    public Map<Long, QuorumServer> votingMembers() {
        return filter(true);
    }

    public Map<Long, QuorumServer> observers() {
        return filter(false);
    }

    private Map<Long, QuorumServer> filter(boolean participants) {
        TreeMap<Long, QuorumServer> result = new TreeMap<>();
        servers.forEach((id, server) -> {
            if (server.isParticipant() == participants) {
                result.put(id, server);
            }
        });
        return Collections.unmodifiableSortedMap(result);
    }
}
