package io.paddock.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paddock.server.config.QuorumServer.PeerAddress;
import io.paddock.server.config.QuorumServer.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZooCfgTest {

    private static ServerConfig parse(String... lines) throws ConfigException {
        return ZooCfg.parse(String.join("\n", lines) + "\n", "zoo.cfg");
    }

    private static ConfigException failure(String... lines) {
        return catchThrowableOfType(ConfigException.class, () -> parse(lines));
    }

    @Nested
    class Defaults {
        @Test
        void onlyDataDirGivesZooKeepersDefaults() throws Exception {
            ServerConfig config = parse("dataDir=/var/zk", "clientPort=2181");

            assertThat(config.dataDir()).isEqualTo(Path.of("/var/zk"));
            assertThat(config.dataLogDir()).isEqualTo(Path.of("/var/zk"));
            assertThat(config.clientAddress()).isEqualTo(new InetSocketAddress(2181));
            assertThat(config.tickTime()).isEqualTo(3000);
            assertThat(config.minSessionTimeout()).isEqualTo(6000);
            assertThat(config.maxSessionTimeout()).isEqualTo(60000);
            assertThat(config.initLimit()).isZero();
            assertThat(config.syncLimit()).isZero();
            assertThat(config.maxClientCnxns()).isEqualTo(60);
            assertThat(config.superDigest()).isNull();
            assertThat(config.extendedTypesEnabled()).isFalse();
            assertThat(config.containerCheckIntervalMs()).isEqualTo(60_000);
            assertThat(config.juteMaxBuffer()).isEqualTo(0xfffff);
            assertThat(config.fourLetterWords()).containsExactly("srvr");
            assertThat(config.snapRetainCount()).isEqualTo(3);
            assertThat(config.purgeIntervalHours()).isZero();
            assertThat(config.snapCount()).isEqualTo(100_000);
            assertThat(config.repairCorruption()).isFalse();
            assertThat(config.reconfigEnabled()).isFalse();
            assertThat(config.standaloneEnabled()).isTrue();
            assertThat(config.secureClientPort()).isEmpty();
            assertThat(config.quorum()).isEqualTo(QuorumConfig.NONE);
            assertThat(config.otherProperties()).isEmpty();
            assertThat(config.isReplicated()).isFalse();
        }

        @Test
        void sessionTimeoutsFollowTheTick() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=1", "tickTime=500",
                    "minSessionTimeout=-1", "maxSessionTimeout=-1");

            assertThat(config.minSessionTimeout()).isEqualTo(1000);
            assertThat(config.maxSessionTimeout()).isEqualTo(10000);
        }

        @Test
        void dataDirIsRequired() {
            assertThat(failure("clientPort=2181", "tickTime=2000")).hasMessage("zoo.cfg: dataDir is not set");
        }

        @Test
        void clientPortIsRequiredForAStandaloneServer() {
            assertThat(failure("dataDir=d")).hasMessage("zoo.cfg: clientPort is not set");
            assertThat(failure("dataDir=d", "secureClientPort=2281")).hasMessageStartingWith(
                    "zoo.cfg: clientPort is not set (Paddock serves plain connections only");
        }
    }

    @Nested
    class EveryKey {
        @Test
        void readsAllSupportedKeys() throws Exception {
            ServerConfig config = parse(
                    "tickTime=1000",
                    "initLimit=10",
                    "syncLimit=5",
                    "dataDir=/tmp/zk/data",
                    "dataLogDir=/tmp/zk/log",
                    "clientPort=2191",
                    "clientPortAddress=127.0.0.1",
                    "secureClientPort=2281",
                    "minSessionTimeout=1500",
                    "maxSessionTimeout=90000",
                    "maxClientCnxns=0",
                    "DigestAuthenticationProvider.superDigest=super:D/InIHSb7yEEbrWz8b9l71RjZJU=",
                    "extendedTypesEnabled=true",
                    "znode.container.checkIntervalMs=100",
                    "jute.maxbuffer=0x400000",
                    "4lw.commands.whitelist=ruok, stat ,mntr",
                    "autopurge.snapRetainCount=5",
                    "autopurge.purgeInterval=24",
                    "reconfigEnabled=true",
                    "standaloneEnabled=true",
                    "admin.serverPort=9090",
                    "admin.enableServer=false");

            assertThat(config.tickTime()).isEqualTo(1000);
            assertThat(config.initLimit()).isEqualTo(10);
            assertThat(config.syncLimit()).isEqualTo(5);
            assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/zk/data"));
            assertThat(config.dataLogDir()).isEqualTo(Path.of("/tmp/zk/log"));
            assertThat(config.clientAddress())
                    .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 2191));
            assertThat(config.secureClientPort()).isEqualTo(OptionalInt.of(2281));
            assertThat(config.minSessionTimeout()).isEqualTo(1500);
            assertThat(config.maxSessionTimeout()).isEqualTo(90000);
            assertThat(config.maxClientCnxns()).isZero();
            assertThat(config.superDigest()).isEqualTo("super:D/InIHSb7yEEbrWz8b9l71RjZJU=");
            assertThat(config.extendedTypesEnabled()).isTrue();
            assertThat(config.containerCheckIntervalMs()).isEqualTo(100);
            assertThat(config.juteMaxBuffer()).isEqualTo(0x400000);
            assertThat(config.fourLetterWords()).containsExactlyInAnyOrder("ruok", "stat", "mntr", "srvr");
            assertThat(config.snapRetainCount()).isEqualTo(5);
            assertThat(config.purgeIntervalHours()).isEqualTo(24);
            assertThat(config.reconfigEnabled()).isTrue();
            assertThat(config.standaloneEnabled()).isTrue();
            assertThat(config.otherProperties())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("admin.serverPort", "9090", "admin.enableServer", "false"));
        }

        @Test
        void plainSuperDigestIsAcceptedToo() throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "superDigest=super:abc=").superDigest())
                    .isEqualTo("super:abc=");
        }

        @Test
        void bothSuperDigestSpellingsMustAgree() throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "superDigest=super:abc=",
                    "DigestAuthenticationProvider.superDigest=super:abc=").superDigest()).isEqualTo("super:abc=");
            assertThat(failure("dataDir=d", "clientPort=1", "superDigest=super:abc=",
                    "DigestAuthenticationProvider.superDigest=super:xyz="))
                    .hasMessageStartingWith("zoo.cfg:4: DigestAuthenticationProvider.superDigest=super:xyz=: ");
        }

        @Test
        void starEnablesEveryFourLetterWord() throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "4lw.commands.whitelist=*").fourLetterWords())
                    .isEqualTo(ZooCfg.FOUR_LETTER_WORDS)
                    .contains("ruok", "mntr", "stat", "srvr", "conf", "cons", "wchs", "dump", "isro", "hash");
        }

        @Test
        void snapRetainCountBelowThreeBecomesThree() throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "autopurge.snapRetainCount=1").snapRetainCount())
                    .isEqualTo(3);
        }

        @Test
        void snapCountAndRepairAreRead() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=1", "snapCount=500", "paddock.repairCorruption=true");

            assertThat(config.snapCount()).isEqualTo(500);
            assertThat(config.repairCorruption()).isTrue();
            assertThat(config.otherProperties()).isEmpty();
        }

        @Test
        void snapCountBelowTwoBecomesTwo() throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "snapCount=1").snapCount()).isEqualTo(2);
        }

        @ParameterizedTest
        @CsvSource({"12,12", "2d,48", "3h,3", "90m,1", "0,0", "-1,0", "30s,0", "7200000ms,2"})
        void purgeIntervalTakesHoursOrAUnit(String value, int hours) throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "autopurge.purgeInterval=" + value).purgeIntervalHours())
                    .isEqualTo(hours);
        }

        @Test
        void wildcardClientAddressWithoutClientPortAddress() throws Exception {
            InetSocketAddress address = parse("dataDir=d", "clientPort=0").clientAddress();
            assertThat(address.getAddress().isAnyLocalAddress()).isTrue();
            assertThat(address.getPort()).isZero();
        }

        @Test
        void unknownKeysAreKeptAsWritten() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=1", "metricsProvider.className=x.Y",
                    "my.own.flag = on", "localSessionsEnabled=true", "electionAlg=3");

            assertThat(config.otherProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "metricsProvider.className", "x.Y", "my.own.flag", "on", "localSessionsEnabled", "true",
                    "electionAlg", "3"));
        }
    }

    @Nested
    class Syntax {
        @Test
        void followsJavaPropertiesRules() throws Exception {
            ServerConfig config = ZooCfg.parse("""
                    # a comment
                    ! another comment
                       tickTime   4000  \s
                    dataDir : /data/with\\
                              continued
                    clientPort\t2182
                    superDigest=super\\:x\\u0041
                    dataLogDir=C:\\\\zk\\\\log
                    """, "zoo.cfg");

            assertThat(config.tickTime()).isEqualTo(4000);
            assertThat(config.dataDir()).isEqualTo(Path.of("/data/withcontinued"));
            assertThat(config.clientAddress().getPort()).isEqualTo(2182);
            assertThat(config.superDigest()).isEqualTo("super:xA");
            assertThat(config.dataLogDir()).isEqualTo(Path.of("C:\\zk\\log"));
        }

        @Test
        void windowsAndOldMacLineEndingsCountLines() {
            ConfigException error = catchThrowableOfType(ConfigException.class,
                    () -> ZooCfg.parse("dataDir=d\r\nclientPort=1\rtickTime=x\n", "zoo.cfg"));
            assertThat(error).hasMessage("zoo.cfg:3: tickTime=x: not a number");
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.source()).isEqualTo("zoo.cfg");
        }

        @Test
        void aRepeatedKeyKeepsItsLastValue() throws Exception {
            assertThat(parse("dataDir=d", "clientPort=1", "tickTime=100", "tickTime=200").tickTime()).isEqualTo(200);
        }

        @Test
        void aContinuedLineIsReportedAtItsFirstLine() {
            assertThat(failure("dataDir=d", "clientPort=1", "# note", "tickTime=1\\", "  x"))
                    .hasMessage("zoo.cfg:4: tickTime=1x: not a number");
        }

        @Test
        void malformedUnicodeEscapeNamesItsLine() {
            assertThat(failure("dataDir=d", "clientPort=\\u12G4")).hasMessage(
                    "zoo.cfg:2: malformed \\uXXXX escape: \\u12G4");
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "tickTime=abc                      | tickTime=abc: not a number",
                "tickTime=0                        | tickTime=0: must be a positive number of milliseconds",
                "tickTime=                         | tickTime=: no value",
                "initLimit=ten                     | initLimit=ten: not a number",
                "syncLimit=-2                      | syncLimit=-2: must be a number of ticks (0 or more)",
                "clientPort=70000                  | clientPort=70000: not a port number (0-65535)",
                "secureClientPort=x                | secureClientPort=x: not a number",
                "maxClientCnxns=-1                 | maxClientCnxns=-1: must be 0 (no limit) or more",
                "minSessionTimeout=-5              | minSessionTimeout=-5: must be -1 (the default) or a number of milliseconds",
                "maxSessionTimeout=lots            | maxSessionTimeout=lots: not a number",
                "superDigest=nocolon               | superDigest=nocolon: expected user:digest, the digest being base64(sha1(user:password))",
                "extendedTypesEnabled=yes          | extendedTypesEnabled=yes: expected true or false",
                "znode.container.checkIntervalMs=0 | znode.container.checkIntervalMs=0: must be positive",
                "jute.maxbuffer=big                | jute.maxbuffer=big: not a number",
                "4lw.commands.whitelist=ruok,rouk  | 4lw.commands.whitelist=ruok,rouk: unknown four-letter word 'rouk'",
                "autopurge.snapRetainCount=many    | autopurge.snapRetainCount=many: not a number",
                "autopurge.purgeInterval=1w        | autopurge.purgeInterval=1w: expected hours, or a number with a unit (ms, s, m, h, d)",
                "autopurge.purgeInterval=xh        | autopurge.purgeInterval=xh: not a number",
                "reconfigEnabled=1                 | reconfigEnabled=1: expected true or false",
                "standaloneEnabled=maybe           | standaloneEnabled=maybe: expected true or false",
                "electionAlg=1                     | electionAlg=1: only electionAlg=3 is supported",
                "peerType=leader                   | peerType=leader: expected participant or observer",
                "admin.serverPort=http             | admin.serverPort=http: not a number",
                "admin.enableServer=on             | admin.enableServer=on: expected true or false",
                "clientPortAddress=no.such.host.invalid | clientPortAddress=no.such.host.invalid: unknown host",
                "server.1=h:1:2:leader             | server.1=h:1:2:leader: unknown role 'leader' (participant or observer)",
        })
        void eachBadValueNamesItsLine(String line, String expected) {
            ConfigException error = failure("# my config", "dataDir=/d", "clientPort=2181", line.trim(), "extra.key=1");

            assertThat(error.getMessage()).startsWith("zoo.cfg:4: " + expected.trim());
            assertThat(error.line()).isEqualTo(4);
        }

        @Test
        void minSessionTimeoutAboveMaxIsAnError() {
            assertThat(failure("dataDir=d", "clientPort=1", "tickTime=1000", "minSessionTimeout=30000"))
                    .hasMessage("zoo.cfg:4: minSessionTimeout=30000: minSessionTimeout (30000 ms) must not be larger"
                            + " than maxSessionTimeout (20000 ms)");
            assertThat(failure("dataDir=d", "clientPort=1", "maxSessionTimeout=100"))
                    .hasMessageStartingWith("zoo.cfg:3: maxSessionTimeout=100: minSessionTimeout (6000 ms)");
        }

        @Test
        void clientPortAddressNeedsClientPort() {
            assertThat(failure("dataDir=d", "clientPortAddress=127.0.0.1")).hasMessage(
                    "zoo.cfg:2: clientPortAddress=127.0.0.1: clientPortAddress is set but clientPort is not set");
            assertThat(failure("dataDir=d", "clientPort=1", "secureClientPortAddress=127.0.0.1")).hasMessage(
                    "zoo.cfg:3: secureClientPortAddress=127.0.0.1: secureClientPortAddress is set but"
                            + " secureClientPort is not set");
        }

        @Test
        void emptyDataDirIsAnError() {
            assertThat(failure("dataDir=", "clientPort=1")).hasMessage("zoo.cfg:1: dataDir=: no value");
        }

        @Test
        void missingFileIsNamed(@TempDir Path dir) {
            Path missing = dir.resolve("nope.cfg");
            assertThatThrownBy(() -> ZooCfg.parse(missing)).isInstanceOf(ConfigException.class)
                    .hasMessage(missing + ": no such file");
        }

        @Test
        void fileErrorsUseThePathAsGiven(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("zoo.cfg"), "dataDir=/d\n\nclientPort=abc\n");
            assertThatThrownBy(() -> ZooCfg.parse(file)).isInstanceOf(ConfigException.class)
                    .hasMessage(file + ":3: clientPort=abc: not a number");
        }

        @Test
        void latin1FilesAreReadAsPropertiesReadsThem(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("zoo.cfg");
            Files.write(file, "dataDir=/d\u00e9\nclientPort=1\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(ZooCfg.parse(file).dataDir()).isEqualTo(Path.of("/d\u00e9"));
        }
    }

    @Nested
    class Servers {
        @Test
        void parsesAThreeServerEnsemble() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=2181", "initLimit=5", "syncLimit=2",
                    "server.1=zk1:2888:3888",
                    "server.2=zk2:2888:3888:participant;2182",
                    "server.3=[::1]:2888:3888;127.0.0.1:2183",
                    "server.4=zk4:2888:3888:observer");

            QuorumConfig quorum = config.quorum();
            assertThat(quorum.servers()).containsOnlyKeys(1L, 2L, 3L, 4L);
            assertThat(quorum.servers().get(1L)).isEqualTo(new QuorumServer(1,
                    List.of(new PeerAddress("zk1", 2888, 3888)), Role.PARTICIPANT, null, null));
            assertThat(quorum.servers().get(2L).clientAddress()).isEqualTo(new HostPort("0.0.0.0", 2182));
            assertThat(quorum.servers().get(3L).addresses()).containsExactly(new PeerAddress("::1", 2888, 3888));
            assertThat(quorum.servers().get(3L).clientAddress()).isEqualTo(new HostPort("127.0.0.1", 2183));
            assertThat(quorum.servers().get(4L).role()).isEqualTo(Role.OBSERVER);
            assertThat(quorum.votingMembers()).containsOnlyKeys(1L, 2L, 3L);
            assertThat(quorum.observers()).containsOnlyKeys(4L);
            assertThat(quorum.isHierarchical()).isFalse();
            assertThat(quorum.dynamicConfigFile()).isNull();
            assertThat(config.isReplicated()).isTrue();
            assertThat(config.otherProperties()).isEmpty();
        }

        @Test
        void oneServerLineStillRunsStandalone() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=2181", "server.1=localhost:2888:3888");
            assertThat(config.quorum().servers()).hasSize(1);
            assertThat(config.isReplicated()).isFalse();
        }

        @Test
        void standaloneDisabledMakesOneServerAnEnsemble() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=2181", "standaloneEnabled=false", "initLimit=5",
                    "syncLimit=2", "server.1=localhost:2888:3888");
            assertThat(config.isReplicated()).isTrue();
        }

        @Test
        void standaloneDisabledNeedsAParticipant() {
            assertThat(failure("dataDir=d", "clientPort=1", "standaloneEnabled=false")).hasMessage(
                    "zoo.cfg: standaloneEnabled=false needs at least one participant server.N line");
        }

        @Test
        void anEnsembleNeedsInitAndSyncLimits() {
            String[] servers = {"dataDir=d", "clientPort=1", "server.1=a:1:2", "server.2=b:1:2"};
            assertThat(failure(servers)).hasMessage("zoo.cfg: initLimit is not set (a replicated ensemble needs it)");
            assertThat(failure("dataDir=d", "clientPort=1", "initLimit=3", "server.1=a:1:2", "server.2=b:1:2"))
                    .hasMessage("zoo.cfg: syncLimit is not set (a replicated ensemble needs it)");
        }

        @Test
        void anEnsembleMayTakeItsClientPortFromTheServerLines() throws Exception {
            ServerConfig config = parse("dataDir=d", "initLimit=5", "syncLimit=2", "server.1=a:1:2;2181",
                    "server.2=b:1:2;2181");
            assertThat(config.clientAddress()).isNull();
            assertThat(config.isReplicated()).isTrue();
        }

        @Test
        void observersNeedAQuorum() {
            assertThat(failure("dataDir=d", "clientPort=1", "server.1=a:1:2:observer")).hasMessage(
                    "zoo.cfg: observers without participants is not a valid ensemble");
            assertThat(failure("dataDir=d", "clientPort=1", "server.1=a:1:2", "server.2=b:1:2:observer")).hasMessage(
                    "zoo.cfg: observers with a single participant is not a valid ensemble");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "=>", value = {
                "server.1=zk1:2888            => server.1=zk1:2888: " + QuorumLines.SERVER_FORM,
                "server.1=zk1:2888:3888:x:y   => server.1=zk1:2888:3888:x:y: " + QuorumLines.SERVER_FORM,
                "server.1=zk1:28a8:3888       => server.1=zk1:28a8:3888: '28a8' is not a port number",
                "server.1=zk1:2888:2888       => server.1=zk1:2888:2888: the quorum port and the election port must differ",
                "server.1=zk1:0:3888          => server.1=zk1:0:3888: quorum and election ports must be 1-65535",
                "server.1=zk1:1:2;a:b:3       => server.1=zk1:1:2;a:b:3: client part 'a:b:3' must be clientPort or clientHost:clientPort",
                "server.1=zk1:1:2;1;2;3       => server.1=zk1:1:2;1;2;3: " + QuorumLines.SERVER_FORM,
                "server.1=[::1:1:2            => server.1=[::1:1:2: '[::1:1:2' opens '[' without a matching ']:'",
                "server.1=a:1:2|b:1:2         => server.1=a:1:2|b:1:2: several addresses for one server need multiAddress.enabled=true",
                "server.x=a:1:2               => server.x: expected server.N with N a number (0 or more)",
                "group.1=1:x                  => group.1=1:x: expected server ids separated by ':'",
                "groupies=1                   => groupies: expected group.N with N a number",
                "weight.1=heavy               => weight.1=heavy: expected a weight (0 or more)",
        })
        void badServerLinesNameTheirLine(String line, String expected) {
            ConfigException error = failure("dataDir=d", "clientPort=1", line.trim());
            assertThat(error.getMessage()).startsWith("zoo.cfg:3: " + expected.trim());
        }

        @Test
        void theSameServerIdTwiceIsAnError() {
            assertThat(failure("dataDir=d", "clientPort=1", "server.1=a:1:2", "server.01=b:1:2"))
                    .hasMessage("zoo.cfg:4: server.01=b:1:2: server id 1 is already defined on line 3");
        }

        @Test
        void multipleAddressesWhenEnabled() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=1", "server.1=a:1:2|b:3:4",
                    "multiAddress.enabled=true");
            assertThat(config.quorum().servers().get(1L).addresses())
                    .containsExactly(new PeerAddress("a", 1, 2), new PeerAddress("b", 3, 4));
            assertThat(failure("dataDir=d", "clientPort=1", "multiAddress.enabled=true",
                    "server.1=a:1:2:observer|b:3:4:participant"))
                    .hasMessageEndingWith("all addresses of one server must have the same role");
        }

        @Test
        void groupsAndWeights() throws Exception {
            ServerConfig config = parse("dataDir=d", "clientPort=1", "initLimit=5", "syncLimit=2",
                    "server.1=a:1:2", "server.2=b:1:2", "server.3=c:1:2", "server.4=d:1:2",
                    "group.1=1:2", "group.2=3:4", "weight.1=2", "weight.3=0");

            QuorumConfig quorum = config.quorum();
            assertThat(quorum.isHierarchical()).isTrue();
            assertThat(quorum.groups()).isEqualTo(Map.of(1L, Set.of(1L, 2L), 2L, Set.of(3L, 4L)));
            assertThat(quorum.weights()).isEqualTo(Map.of(1L, 2L, 3L, 0L));
        }

        @Test
        void hierarchicalMembersMustBeInOneGroup() {
            assertThat(failure("dataDir=d", "clientPort=1", "server.1=a:1:2", "server.2=b:1:2", "group.1=1"))
                    .hasMessage("zoo.cfg:4: server.2=b:1:2: server 2 is not in any group");
            assertThat(failure("dataDir=d", "clientPort=1", "group.1=1:2", "group.2=2:3"))
                    .hasMessage("zoo.cfg:4: group.2=2:3: server 2 is already in group 1");
        }
    }

    @Nested
    class DynamicConfigFile {
        @TempDir
        Path dir;

        @Test
        void serversComeFromTheDynamicFileWithItsVersion() throws Exception {
            Path dynamic = Files.writeString(dir.resolve("zoo.cfg.dynamic.100000000"),
                    "server.1=a:2888:3888;2181\nserver.2=b:2888:3888;2181\nserver.3=c:2888:3888:observer;2181\n");
            Path cfg = Files.writeString(dir.resolve("zoo.cfg"),
                    "dataDir=d\ninitLimit=5\nsyncLimit=2\ndynamicConfigFile=" + dynamic + "\n");

            ServerConfig config = ZooCfg.parse(cfg);

            assertThat(config.quorum().servers()).containsOnlyKeys(1L, 2L, 3L);
            assertThat(config.quorum().version()).isEqualTo(0x100000000L);
            assertThat(config.quorum().dynamicConfigFile()).isEqualTo(dynamic);
            assertThat(config.isReplicated()).isTrue();
            assertThat(config.otherProperties()).doesNotContainKey("dynamicConfigFile");
        }

        @Test
        void aRelativeDynamicFileIsFoundBesideZooCfg() throws Exception {
            Files.writeString(dir.resolve("zoo.cfg.dynamic"), "server.1=a:2888:3888\n");
            Path cfg = Files.writeString(dir.resolve("zoo.cfg"),
                    "dataDir=d\nclientPort=2181\ndynamicConfigFile=zoo.cfg.dynamic\n");

            ServerConfig config = ZooCfg.parse(cfg);

            assertThat(config.quorum().servers()).containsOnlyKeys(1L);
            assertThat(config.quorum().version()).isZero();
            assertThat(config.isReplicated()).isFalse();
        }

        @Test
        void dynamicFileErrorsNameThatFile() throws Exception {
            Path dynamic = Files.writeString(dir.resolve("zoo.cfg.dynamic"), "server.1=a:2888:3888\nserver.2=b:x:1\n");
            Path cfg = Files.writeString(dir.resolve("zoo.cfg"),
                    "dataDir=d\nclientPort=1\ndynamicConfigFile=" + dynamic + "\n");

            assertThatThrownBy(() -> ZooCfg.parse(cfg)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(dynamic + ":2: server.2=b:x:1: 'x' is not a port number");
        }

        @Test
        void dynamicFileHoldsOnlyEnsembleLines() throws Exception {
            Path dynamic = Files.writeString(dir.resolve("zoo.cfg.dynamic"), "server.1=a:2888:3888\nversion=1\n");
            Path other = Files.writeString(dir.resolve("other.dynamic"), "server.1=a:2888:3888\ntickTime=5\n");
            String cfg = "dataDir=d\nclientPort=1\ndynamicConfigFile=";

            assertThatThrownBy(() -> ZooCfg.parse(cfg + dynamic, "zoo.cfg"))
                    .hasMessageStartingWith(dynamic + ":2: version=1: a dynamic config file must not hold its version");
            assertThatThrownBy(() -> ZooCfg.parse(cfg + other, "zoo.cfg"))
                    .hasMessage(other + ":2: tickTime=5: only server.N, group.N and weight.N lines belong in a"
                            + " dynamic config file");
        }

        @Test
        void serverLinesMayNotStayInZooCfg() throws Exception {
            Path dynamic = Files.writeString(dir.resolve("zoo.cfg.dynamic"), "server.1=a:2888:3888\n");
            ConfigException error = failure("dataDir=d", "clientPort=1", "dynamicConfigFile=" + dynamic,
                    "server.2=b:2888:3888");
            assertThat(error).hasMessage("zoo.cfg:4: server.2=b:2888:3888: belongs in the dynamic config file,"
                    + " since dynamicConfigFile is set (line 3)");
        }

        @Test
        void missingDynamicFileIsNamed() {
            Path missing = dir.resolve("gone.dynamic");
            assertThat(failure("dataDir=d", "clientPort=1", "dynamicConfigFile=" + missing))
                    .hasMessage("zoo.cfg:3: dynamicConfigFile=" + missing + ": no such file");
        }

        @Test
        void versionComesFromAHexSuffix() {
            assertThat(ZooCfg.versionFromFileName("zoo.cfg.dynamic.1a")).isEqualTo(0x1a);
            assertThat(ZooCfg.versionFromFileName("zoo.cfg.dynamic")).isZero();
            assertThat(ZooCfg.versionFromFileName("dynamic")).isZero();
        }
    }
}
