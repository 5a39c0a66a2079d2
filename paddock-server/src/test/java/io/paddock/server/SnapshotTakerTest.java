package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.paddock.core.node.Action;
import io.paddock.core.node.CoreConfig;
import io.paddock.core.node.Event;
import io.paddock.core.node.Peer;
import io.paddock.core.node.RecoveredState;
import io.paddock.core.node.ServerView;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotTakerTest {
    private static final int CHILDREN = 2_500;

    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> sliceSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> outputEvents = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean failWrites;
    private SnapshotTaker taker;

    private final SnapshotOutput.Factory outputs = (zxid, sessions) -> {
        outputEvents.add("begin 0x" + Long.toHexString(zxid) + " sessions " + sessions);
        return new SnapshotOutput() {
            @Override
            public void write(List<NodeRecord> nodes) throws IOException {
                if (failWrites) {
                    throw new IOException("no space left");
                }
                sliceSizes.add(nodes.size());
                nodes.forEach(node -> written.add(node.path()));
            }

            @Override
            public Path finish() {
                outputEvents.add("finish on " + Thread.currentThread().getName());
                return Path.of("snapshot." + Long.toHexString(zxid));
            }

            @Override
            public void close() {
                outputEvents.add("close");
            }
        };
    };

    /** A core over a tree of /a with CHILDREN children, and one live session. */
    private static PeerCore core() {
        DataTree tree = new DataTree();
        long zxid = 0;
        tree.apply(new TxnHeader(7, 0, ++zxid, 0, OpCode.CREATE),
                new Txn.Create(OpCode.CREATE, "/a", new byte[0], Acl.OPEN_ACL_UNSAFE, false, 1), new ArrayList<>());
        for (int i = 0; i < CHILDREN; i++) {
            tree.apply(new TxnHeader(7, 0, ++zxid, 0, OpCode.CREATE),
                    new Txn.Create(OpCode.CREATE, "/a/c" + i, new byte[] {1}, Acl.OPEN_ACL_UNSAFE, false, i + 1),
                    new ArrayList<>());
        }
        Peer peer = new Peer(CoreConfig.defaults(2000), 0, new RecoveredState(tree, Map.of(7L, 4000)));
        return new PeerCore() {
            @Override
            public List<Action> step(Event event) {
                return peer.step(event);
            }

            @Override
            public ServerView view() {
                return peer;
            }

            @Override
            public Peer.SnapshotStart startSnapshot() {
                return peer.startSnapshot();
            }
        };
    }

    /** Plays the peer loop: advances until the snapshot in progress is written (or abandoned). */
    private void runToCompletion(PeerCore core) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taker.advance(core) || taker.busy()) {
            if (System.nanoTime() > deadline) {
                fail("snapshot did not complete within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @AfterEach
    void close() {
        if (taker != null) {
            taker.close();
        }
    }

    @Test
    void writesEveryNodeParentsFirstInBoundedSlicesThenFinishesOffTheLoop() {
        taker = new SnapshotTaker(new SnapshotThreshold(100, new Random(1)), outputs);
        PeerCore core = core();

        taker.requestNow();
        runToCompletion(core);

        assertThat(outputEvents).containsExactly("begin 0x" + Long.toHexString(CHILDREN + 1) + " sessions {7=4000}",
                "finish on paddock-snapshot");
        assertThat(sliceSizes).allMatch(size -> size <= SnapshotTaker.SLICE_NODES);
        // the root, /zookeeper, /zookeeper/quota, /zookeeper/config, /a and its children, each once
        assertThat(written.size()).isEqualTo(CHILDREN + 5);
        assertThat(Set.copyOf(written)).hasSize(CHILDREN + 5)
                .contains("/", "/zookeeper", "/a", "/a/c0", "/a/c" + (CHILDREN - 1));
        assertThat(written.indexOf("/a")).isLessThan(written.indexOf("/a/c0"));
        assertThat(written.indexOf("/")).isZero();
        assertThat(taker.snapshotsTaken()).isEqualTo(1);
        assertThat(taker.lastSnapshotZxid()).isEqualTo(CHILDREN + 1);
    }

    @Test
    void theThresholdStartsASnapshotAndOneDueMeanwhileWaitsForIt() {
        taker = new SnapshotTaker(new SnapshotThreshold(10, new Random(2)), outputs);
        AtomicInteger wakes = new AtomicInteger();
        taker.wakeLoopWith(wakes::incrementAndGet);
        PeerCore core = core();

        taker.txnsHandedOff(10);
        assertThat(taker.advance(core)).isTrue();
        assertThat(taker.busy()).isTrue();
        taker.txnsHandedOff(10); // due again while the first is being written
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taker.snapshotsTaken() < 2) {
            assertThat(System.nanoTime()).as("two snapshots within 10 s").isLessThan(deadline);
            taker.advance(core);
            Thread.onSpinWait();
        }
        runToCompletion(core);

        assertThat(taker.advance(core)).isFalse();
        assertThat(taker.snapshotsTaken()).isEqualTo(2);
        assertThat(outputEvents).filteredOn(event -> event.startsWith("begin")).hasSize(2);
        assertThat(outputEvents).filteredOn(event -> event.startsWith("finish")).hasSize(2);
        assertThat(wakes.get()).as("the loop is woken when a snapshot ends").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailedWriteAbandonsTheSnapshotAndALaterOneSucceeds() {
        taker = new SnapshotTaker(new SnapshotThreshold(10, new Random(3)), outputs);
        PeerCore core = core();
        failWrites = true;

        taker.requestNow();
        runToCompletion(core);

        assertThat(taker.snapshotsTaken()).isZero();
        assertThat(outputEvents).contains("close").noneMatch(event -> event.startsWith("finish"));

        failWrites = false;
        taker.requestNow();
        runToCompletion(core);
        assertThat(taker.snapshotsTaken()).isEqualTo(1);
    }

    @Test
    void aTakerWithoutStorageNeverSnapshots() {
        SnapshotTaker.NONE.txnsHandedOff(1_000_000);
        SnapshotTaker.NONE.requestNow();

        assertThat(SnapshotTaker.NONE.advance(core())).isFalse();
    }

    @Property(tries = 200)
    void aSnapshotIsDueAfterHalfToAllOfSnapCountTxns(@ForAll @IntRange(min = 2, max = 5_000) int snapCount,
                                                     @ForAll long seed) {
        SnapshotThreshold threshold = new SnapshotThreshold(snapCount, new Random(seed));
        Set<Integer> gaps = new HashSet<>();
        for (int snapshot = 0; snapshot < 3; snapshot++) {
            int txns = 0;
            do {
                txns++;
            } while (!threshold.count(1));
            gaps.add(txns);
            assertThat(txns).isBetween(snapCount / 2 + 1, snapCount);
        }
        assertThat(gaps).isNotEmpty();
    }
}
