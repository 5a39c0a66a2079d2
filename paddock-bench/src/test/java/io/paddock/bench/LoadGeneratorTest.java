package io.paddock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool's correctness on tiny bounded runs: requests complete, none fail, histograms fill. Never its speed. */
class LoadGeneratorTest {

    private static BenchSettings tiny(List<ServerKind> servers, List<Workload> workloads) {
        return BenchSettings.defaults()
                .withServers(servers)
                .withWorkloads(workloads)
                .withLoad(2, 10, 100)
                .withDuration(0, 1)
                .withZnodes(50);
    }

    private static String run(BenchSettings settings, List<RunResult> into) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            into.addAll(Benchmark.run(settings, out));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertCompletedCleanly(RunResult result) {
        assertThat(result.failure()).as("failure of %s", result.workload()).isNull();
        assertThat(result.operations()).as("operations of %s", result.workload()).isPositive();
        assertThat(result.errors()).as("errors of %s", result.workload()).isEmpty();
        assertThat(result.errorsAllPhases()).isZero();
        assertThat(result.unanswered()).isZero();
        assertThat(result.sessionEvents()).isEmpty();
        assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.operations());
        assertThat(result.percentileMicros(50)).isPositive();
        assertThat(result.maxMicros()).isGreaterThanOrEqualTo(result.percentileMicros(99.9));
        assertThat(result.seconds()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.clean()).isTrue();
    }

    @Test
    void everyWorkloadAgainstPaddockCompletesWithoutErrorsAndFillsItsHistogram() {
        List<RunResult> results = new java.util.ArrayList<>();
        String report = run(tiny(List.of(ServerKind.PADDOCK), List.of(Workload.values())), results);

        assertThat(results).extracting(RunResult::workload).containsExactly(Workload.values());
        assertThat(results).extracting(RunResult::server).containsOnly("paddock");
        results.forEach(LoadGeneratorTest::assertCompletedCleanly);
        assertThat(report)
                .contains("Paddock: fsync on (group commit); ZooKeeper: fsync on")
                .contains("measure   1/1")
                .contains("=== Side by side");
    }

    @Test
    void bothServersGiveARatioRowAndZooKeeperRunsWithoutFsyncWhenAsked() {
        List<RunResult> results = new java.util.ArrayList<>();
        BenchSettings settings = tiny(List.of(ServerKind.PADDOCK, ServerKind.ZOOKEEPER), List.of(Workload.MIXED))
                .withZooKeeper(false, ZkCnxnFactory.NIO);
        String report = run(settings, results);

        assertThat(results).extracting(RunResult::server).containsExactly("paddock", "zookeeper");
        results.forEach(LoadGeneratorTest::assertCompletedCleanly);
        assertThat(report)
                .contains("ZooKeeper: fsync OFF (--zk-no-fsync)")
                .contains("NIOServerCnxnFactory")
                .containsPattern("mixed +Paddock/ZK +[0-9.]+x");
    }

    @Test
    void anExternalServerIsLeftAsItWasFound(@TempDir Path dataDir) throws Exception {
        ServerConfig config = ServerConfig.defaults()
                .withClientAddress(new InetSocketAddress("127.0.0.1", 0))
                .withDataDir(dataDir);
        try (PaddockServer server = PaddockServer.start(config)) {
            String connect = "127.0.0.1:" + server.clientAddress().getPort();
            List<RunResult> results = new java.util.ArrayList<>();
            String report = run(tiny(List.of(ServerKind.PADDOCK), List.of(Workload.CREATE, Workload.SET_DATA)).withExternal(connect),
                    results);

            assertThat(results).extracting(RunResult::server).containsExactly("external", "external");
            results.forEach(LoadGeneratorTest::assertCompletedCleanly);
            assertThat(report).contains("external server: this tool does not know whether it fsyncs");
            assertThat(childrenOfRoot(connect)).containsExactly("zookeeper");
        }
    }

    private static List<String> childrenOfRoot(String connect) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            return zk.getChildren("/", false);
        } finally {
            zk.close();
        }
    }

    @Test
    void connectRefusesAddressesOffThisMachine() {
        assertThatThrownBy(() -> ExternalServer.parse("10.1.2.3:2181"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only drives servers on this machine");
        assertThatThrownBy(() -> ExternalServer.parse("127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ExternalServer.parse("127.0.0.1:2181").connectString()).isEqualTo("127.0.0.1:2181");
        assertThat(ExternalServer.parse("[::1]:2181").connectString()).isEqualTo("[0:0:0:0:0:0:0:1]:2181");
    }

    @Test
    void commandLineDefaultsAreTheDocumentedOnes() {
        LoadGenerator generator = new LoadGenerator();
        new picocli.CommandLine(generator).parseArgs();

        BenchSettings settings = generator.settings();

        assertThat(settings).isEqualTo(BenchSettings.defaults());
        assertThat(settings.servers()).containsExactly(ServerKind.PADDOCK, ServerKind.ZOOKEEPER);
        assertThat(settings.workloads()).containsExactly(Workload.MIXED);
        assertThat(settings.valueSize()).isEqualTo(100);
        assertThat(settings.clients()).isEqualTo(8);
        assertThat(settings.outstanding()).isEqualTo(100);
        assertThat(settings.warmupSeconds()).isEqualTo(5);
        assertThat(settings.measureSeconds()).isEqualTo(15);
        assertThat(settings.zkForceSync()).isTrue();
        assertThat(settings.zkCnxnFactory()).isEqualTo(ZkCnxnFactory.NIO);
    }

    @Test
    void commandLineOptionsBecomeSettings() {
        LoadGenerator generator = new LoadGenerator();
        new picocli.CommandLine(generator).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(
                "--target", "zookeeper", "-w", "create,SETDATA,get_data", "--clients", "3", "--outstanding", "7",
                "--value-size", "10", "--warmup", "0", "--measure", "2", "--znodes", "5", "--zk-no-fsync",
                "--zk-cnxn-factory", "netty");

        BenchSettings settings = generator.settings();

        assertThat(settings.servers()).containsExactly(ServerKind.ZOOKEEPER);
        assertThat(settings.workloads()).containsExactly(Workload.CREATE, Workload.SET_DATA, Workload.GET_DATA);
        assertThat(settings.clients()).isEqualTo(3);
        assertThat(settings.outstanding()).isEqualTo(7);
        assertThat(settings.valueSize()).isEqualTo(10);
        assertThat(settings.warmupSeconds()).isZero();
        assertThat(settings.measureSeconds()).isEqualTo(2);
        assertThat(settings.znodes()).isEqualTo(5);
        assertThat(settings.zkForceSync()).isFalse();
        assertThat(settings.zkCnxnFactory()).isEqualTo(ZkCnxnFactory.NETTY);
        assertThat(LoadGenerator.workloads(List.of("all"))).containsExactly(Workload.values());
    }

    @Test
    void unboundedOrImpossibleLoadsAreRefused() {
        BenchSettings defaults = BenchSettings.defaults();
        assertThatThrownBy(() -> defaults.withDuration(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withDuration(5, 100_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withLoad(0, 100, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withLoad(8, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withLoad(8, 100, 2_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadGenerator.servers("etcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Workload.parse("delete")).isInstanceOf(IllegalArgumentException.class);
    }
}
