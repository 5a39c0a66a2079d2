package io.paddock.compat.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.TestServers;
import io.paddock.server.PaddockServer;
import io.paddock.server.config.ServerConfig;
import io.paddock.storage.fs.FileHandle;
import io.paddock.storage.fs.FileSystem;
import io.paddock.storage.fs.RealFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that stops taking forces: the server acknowledges nothing more and stops itself. */
class StorageFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private PaddockServer server;
    private ZooKeeper zk;

    /** The real file system, whose forces fail once {@link #failForces} is set. */
    private static final class FailingFileSystem implements FileSystem {
        private final RealFileSystem real = new RealFileSystem();
        volatile boolean failForces;

        @Override
        public FileHandle open(Path path) throws IOException {
            FileHandle handle = real.open(path);
            return new FileHandle() {
                public long size() throws IOException {
                    return handle.size();
                }

                public int read(ByteBuffer dst, long position) throws IOException {
                    return handle.read(dst, position);
                }

                public void write(ByteBuffer src, long position) throws IOException {
                    handle.write(src, position);
                }

                public void force() throws IOException {
                    if (failForces) {
                        throw new IOException("simulated: the disk is gone");
                    }
                    handle.force();
                }

                public void truncate(long size) throws IOException {
                    handle.truncate(size);
                }

                public void close() throws IOException {
                    handle.close();
                }
            };
        }

        public boolean exists(Path path) {
            return real.exists(path);
        }

        public List<String> list(Path dir) throws IOException {
            return real.list(dir);
        }

        public void createDirectories(Path dir) throws IOException {
            real.createDirectories(dir);
        }

        public void rename(Path from, Path to) throws IOException {
            real.rename(from, to);
        }

        public void delete(Path path) throws IOException {
            real.delete(path);
        }

        public void forceDirectory(Path dir) throws IOException {
            real.forceDirectory(dir);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (zk != null) {
            zk.close(500);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFailedForceAcknowledgesNothingAndStopsTheServer() throws Exception {
        ServerConfig config = TestServers.base(dir);
        FailingFileSystem fs = new FailingFileSystem();
        server = PaddockServer.start(config, fs);
        EventLog events = new EventLog();
        zk = new ZooKeeper("127.0.0.1:" + server.clientAddress().getPort(), 4_000, events);
        events.awaitState(KeeperState.SyncConnected);
        zk.create("/before", bytes("kept"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        fs.failForces = true;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        zk.create("/after", bytes("lost"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, name) -> {
            if (rc == KeeperException.Code.OK.intValue()) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }, null);

        Throwable cause = server.fatalFailure().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(cause).hasMessageContaining("the disk is gone");
        await().atMost(WAIT).until(() -> failed.get() == 1);
        assertThat(acknowledged.get()).isZero();
        zk.close(500);
        zk = null;
        server.close();

        server = PaddockServer.start(config);
        EventLog again = new EventLog();
        zk = new ZooKeeper("127.0.0.1:" + server.clientAddress().getPort(), 4_000, again);
        again.awaitState(KeeperState.SyncConnected);
        assertThat(zk.getData("/before", false, null)).isEqualTo(bytes("kept"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
