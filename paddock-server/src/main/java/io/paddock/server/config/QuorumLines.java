package io.paddock.server.config;

import io.paddock.server.config.QuorumServer.PeerAddress;
import io.paddock.server.config.QuorumServer.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the ensemble lines of a zoo.cfg or dynamic config file ({@code server.N}, {@code group.N},
 * {@code weight.N}) with Apache ZooKeeper's syntax, checking what ZooKeeper checks, each error naming its line.
 */
final class QuorumLines {
    static final String SERVER_FORM =
            "expected host:quorumPort:electionPort[:participant|observer][;[clientHost:]clientPort]";

    private final boolean multiAddressEnabled;
    private final TreeMap<Long, QuorumServer> servers = new TreeMap<>();
    private final Map<Long, CfgLine> serverLines = new HashMap<>();
    private final TreeMap<Long, Set<Long>> groups = new TreeMap<>();
    private final Map<Long, Long> groupOfServer = new HashMap<>();
    private final TreeMap<Long, Long> weights = new TreeMap<>();

    private QuorumLines(boolean multiAddressEnabled) {
        this.multiAddressEnabled = multiAddressEnabled;
    }

    /** Whether a key belongs to the ensemble description (ZooKeeper matches these by prefix). */
    static boolean isQuorumKey(String key) {
        return key.startsWith("server.") || key.startsWith("group") || key.startsWith("weight");
    }

    static QuorumConfig parse(List<CfgLine> lines, boolean multiAddressEnabled, long version, Path dynamicFile)
            throws ConfigException {
        QuorumLines reader = new QuorumLines(multiAddressEnabled);
        for (CfgLine line : lines) {
            assert isQuorumKey(line.key()) : line;
            if (line.key().startsWith("server.")) {
                reader.server(line);
            } else if (line.key().startsWith("group")) {
                reader.group(line);
            } else {
                reader.weight(line);
            }
        }
        reader.checkGroups();
        return new QuorumConfig(reader.servers, reader.groups, reader.weights, version, dynamicFile);
    }

    private void server(CfgLine line) throws ConfigException {
        long id = idAfterDot(line, "server");
        CfgLine earlier = serverLines.put(id, line);
        if (earlier != null) {
            throw line.error("server id " + id + " is already defined on line " + earlier.line());
        }
        String[] sections = line.value().split(";", -1);
        if (sections.length > 3) {
            throw line.error(SERVER_FORM);
        }
        String[] peerParts = sections[0].split("\\|", -1);
        if (peerParts.length > 1 && !multiAddressEnabled) {
            throw line.error("several addresses for one server need multiAddress.enabled=true");
        }
        List<PeerAddress> addresses = new ArrayList<>();
        Role role = null;
        for (String peerPart : peerParts) {
            List<String> fields = hostAndPorts(line, peerPart);
            if (fields.size() < 3 || fields.size() > 4 || fields.get(0).isEmpty()) {
                throw line.error(SERVER_FORM);
            }
            int quorumPort = peerPort(line, fields.get(1));
            int electionPort = peerPort(line, fields.get(2));
            if (quorumPort == electionPort) {
                throw line.error("the quorum port and the election port must differ");
            }
            Role thisRole = fields.size() == 4 ? role(line, fields.get(3)) : Role.PARTICIPANT;
            if (role != null && role != thisRole) {
                throw line.error("all addresses of one server must have the same role");
            }
            role = thisRole;
            addresses.add(new PeerAddress(fields.get(0), quorumPort, electionPort));
        }
        HostPort client = optionalClientAddress(line, sections, 1);
        HostPort secureClient = optionalClientAddress(line, sections, 2);
        servers.put(id, new QuorumServer(id, addresses, role, client, secureClient));
    }

    private void group(CfgLine line) throws ConfigException {
        long groupId = idAfterDot(line, "group");
        if (groups.containsKey(groupId)) {
            throw line.error("group " + groupId + " is already defined");
        }
        Set<Long> members = new LinkedHashSet<>();
        for (String member : line.value().split(":", -1)) {
            long serverId = number(line, member.trim(), "server ids separated by ':'");
            Long otherGroup = groupOfServer.putIfAbsent(serverId, groupId);
            if (otherGroup != null) {
                throw line.error("server " + serverId + " is already in group " + otherGroup);
            }
            members.add(serverId);
        }
        groups.put(groupId, members);
    }

    private void weight(CfgLine line) throws ConfigException {
        long serverId = idAfterDot(line, "weight");
        weights.put(serverId, number(line, line.value(), "a weight (0 or more)"));
    }

    /** With groups, every voting member must be in one (ZooKeeper refuses the config otherwise). */
    private void checkGroups() throws ConfigException {
        if (groups.isEmpty() && weights.isEmpty()) {
            return;
        }
        for (QuorumServer server : servers.values()) {
            if (server.isParticipant() && !groupOfServer.containsKey(server.id())) {
                throw serverLines.get(server.id()).error("server " + server.id() + " is not in any group");
            }
        }
    }

    private static long idAfterDot(CfgLine line, String prefix) throws ConfigException {
        String key = line.key();
        if (!key.startsWith(prefix + ".")) {
            throw ConfigException.atLine(line.source(), line.line(),
                    key + ": expected " + prefix + ".N with N a number");
        }
        String id = key.substring(prefix.length() + 1);
        try {
            long parsed = Long.parseLong(id);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ConfigException.atLine(line.source(), line.line(),
                    key + ": expected " + prefix + ".N with N a number (0 or more)");
        }
    }

    private static long number(CfgLine line, String text, String expected) throws ConfigException {
        try {
            long parsed = Long.parseLong(text);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw line.error("expected " + expected);
        }
    }

    private static int peerPort(CfgLine line, String text) throws ConfigException {
        int port = port(line, text);
        if (port == 0) {
            throw line.error("quorum and election ports must be 1-65535");
        }
        return port;
    }

    private static int port(CfgLine line, String text) throws ConfigException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw line.error("'" + text + "' is not a port number; " + SERVER_FORM);
        }
    }

    private static Role role(CfgLine line, String text) throws ConfigException {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "participant" -> Role.PARTICIPANT;
            case "observer" -> Role.OBSERVER;
            default -> throw line.error("unknown role '" + text + "' (participant or observer)");
        };
    }

    private static HostPort optionalClientAddress(CfgLine line, String[] sections, int index)
            throws ConfigException {
        return sections.length > index && !sections[index].isBlank() ? clientAddress(line, sections[index]) : null;
    }

    /** {@code port}, {@code host:port} or {@code [v6addr]:port}; a bare port listens on all addresses. */
    private static HostPort clientAddress(CfgLine line, String text) throws ConfigException {
        List<String> fields = hostAndPorts(line, text);
        if (fields.size() == 1) {
            return new HostPort("0.0.0.0", port(line, fields.get(0)));
        }
        if (fields.size() == 2 && !fields.get(0).isEmpty()) {
            return new HostPort(fields.get(0), port(line, fields.get(1)));
        }
        throw line.error("client part '" + text + "' must be clientPort or clientHost:clientPort");
    }

    /** Splits {@code host:a:b...} on ':', allowing the host to be an IPv6 literal in brackets. */
    private static List<String> hostAndPorts(CfgLine line, String text) throws ConfigException {
        List<String> fields = new ArrayList<>();
        String rest = text.trim();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw line.error("'" + text + "' opens '[' without a matching ']:'");
            }
            fields.add(rest.substring(1, close));
            rest = rest.substring(close + 2);
        }
        for (String field : rest.split(":", -1)) {
            fields.add(field.trim());
        }
        return fields;
    }
}
