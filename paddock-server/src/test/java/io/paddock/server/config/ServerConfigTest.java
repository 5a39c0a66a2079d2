package io.paddock.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.server.config.QuorumServer.PeerAddress;
import io.paddock.server.config.QuorumServer.Role;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static QuorumConfig servers(Role... roles) {
        TreeMap<Long, QuorumServer> servers = new TreeMap<>();
        for (int i = 0; i < roles.length; i++) {
            servers.put((long) i + 1, new QuorumServer(i + 1, List.of(new PeerAddress("h" + i, 2888, 3888)),
                    roles[i], null, null));
        }
        return new QuorumConfig(servers, new TreeMap<>(), new TreeMap<>(), 0, null);
    }

    @Test
    void theStandaloneConstructorHasNoSecurePortAndNoQuorum() {
        ServerConfig config = new ServerConfig(new InetSocketAddress(1), Path.of("d"), Path.of("d"), 2000, 10, 5,
                4000, 40000, 60, null, false, 60_000, 0xfffff, Set.of("srvr"), 3, 0, false, true, Map.of());

        assertThat(config.secureClientPort()).isEmpty();
        assertThat(config.quorum()).isEqualTo(QuorumConfig.NONE);
        assertThat(config).isEqualTo(ServerConfig.defaults().withClientAddress(new InetSocketAddress(1))
                .withDataDir(Path.of("d")));
    }

    @Test
    void withMethodsKeepTheOtherFields() {
        ServerConfig config = new ServerConfig.Builder(ServerConfig.defaults())
                .secureClientPort(OptionalInt.of(2281)).quorum(servers(Role.PARTICIPANT)).build()
                .withTickTime(100).withSuperDigest("super:x").withMaxClientCnxns(7)
                .withFourLetterWords(Set.of("ruok")).withExtendedTypes(true).withContainerCheckIntervalMs(5)
                .withDataDir(Path.of("a")).withDataLogDir(Path.of("b"));

        assertThat(config.secureClientPort()).hasValue(2281);
        assertThat(config.quorum().servers()).containsOnlyKeys(1L);
        assertThat(config.tickTime()).isEqualTo(100);
        assertThat(config.minSessionTimeout()).isEqualTo(200);
        assertThat(config.maxSessionTimeout()).isEqualTo(2000);
        assertThat(config.superDigest()).isEqualTo("super:x");
        assertThat(config.maxClientCnxns()).isEqualTo(7);
        assertThat(config.fourLetterWords()).containsExactly("ruok");
        assertThat(config.extendedTypesEnabled()).isTrue();
        assertThat(config.containerCheckIntervalMs()).isEqualTo(5);
        assertThat(config.dataDir()).isEqualTo(Path.of("a"));
        assertThat(config.dataLogDir()).isEqualTo(Path.of("b"));
    }

    @Test
    void replicatedFollowsZooKeepersRule() {
        ServerConfig standalone = ServerConfig.defaults();
        assertThat(standalone.isReplicated()).isFalse();
        assertThat(standalone.withQuorum(servers(Role.PARTICIPANT)).isReplicated()).isFalse();
        assertThat(standalone.withQuorum(servers(Role.PARTICIPANT, Role.OBSERVER)).isReplicated()).isFalse();
        assertThat(standalone.withQuorum(servers(Role.PARTICIPANT, Role.PARTICIPANT)).isReplicated()).isTrue();
        ServerConfig standaloneOff = new ServerConfig.Builder(standalone).standaloneEnabled(false).build();
        assertThat(standaloneOff.isReplicated()).isFalse();
        assertThat(standaloneOff.withQuorum(servers(Role.PARTICIPANT)).isReplicated()).isTrue();
    }
}
