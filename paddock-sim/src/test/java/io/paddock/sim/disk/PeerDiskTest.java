package io.paddock.sim.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.ZabAction;
import io.paddock.sim.time.Scheduler;
import io.paddock.sim.trace.Trace;
import io.paddock.storage.fs.SimulatedFileSystem;
import io.paddock.storage.log.LogOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PeerDiskTest {
    private static final long EPOCH = 1L << 32;

    private final Scheduler scheduler = new Scheduler();
    private final SimulatedFileSystem fs = new SimulatedFileSystem(3);
    private final List<String> reports = new ArrayList<>();
    private final PeerDisk disk = new PeerDisk(1, fs, new LogOptions(1024, 0), scheduler, new SplittableRandom(5),
            new PeerDisk.Timing(10, 10), new Trace(0), zxid -> reports.add("persisted " + Long.toHexString(zxid)
            + " at " + scheduler.now() + " after " + fs.fileForceCount() + " file forces"));

    private static ZabAction.PersistTxn txn(long counter) {
        long zxid = EPOCH | counter;
        Txn txn = new Txn.Create(OpCode.CREATE, "/n" + counter, "x".getBytes(StandardCharsets.UTF_8),
                Acl.OPEN_ACL_UNSAFE, false, -1);
        return new ZabAction.PersistTxn(new TxnHeader(0, (int) counter, zxid, 0, OpCode.CREATE), txn);
    }

    private void runUntil(long time) {
        while (scheduler.runNext(time)) {
            // drain
        }
    }

    private List<Long> recoveredZxids() {
        disk.crash();
        PeerDisk.Recovered r = disk.recover();
        return r.history().tail().stream().map(PeerMessage.Proposal::zxid).toList();
    }

    @Test
    void queuedTxnsAreGroupCommittedWithOneForceAndReportedOnlyThen() {
        disk.recover();
        int forcesBefore = fs.fileForceCount();
        scheduler.at(0, () -> disk.enqueue(txn(1)));
        scheduler.at(4, () -> disk.enqueue(txn(2)));
        scheduler.at(9, () -> disk.enqueue(txn(3)));
        runUntil(9);
        assertThat(reports).as("nothing is durable before the disk latency has passed").isEmpty();

        runUntil(100);

        assertThat(reports).containsExactly("persisted 100000003 at 10 after " + (forcesBefore + 1) + " file forces");
        assertThat(recoveredZxids()).containsExactly(EPOCH | 1, EPOCH | 2, EPOCH | 3);
    }

    @Test
    void aCrashLosesWhatWasNotForcedAndCancelsItsReport() {
        disk.recover();
        scheduler.at(0, () -> disk.enqueue(txn(1)));
        runUntil(50);
        scheduler.at(50, () -> disk.enqueue(txn(2)));
        scheduler.at(55, disk::crash);
        runUntil(1_000);

        assertThat(reports).hasSize(1).first().asString().startsWith("persisted 100000001 at 10");
        PeerDisk.Recovered r = disk.recover();
        assertThat(r.tailZxids()).containsExactly(EPOCH | 1);
    }

    @Test
    void aTruncateBarrierCompletesTheQueueFirstThenTruncatesDurablyBeforeReturning() {
        disk.recover();
        List<String> order = new ArrayList<>();
        scheduler.at(0, () -> {
            disk.enqueue(txn(1));
            disk.enqueue(txn(2));
            disk.enqueue(txn(3));
            disk.truncateLog(EPOCH | 1);
            order.add("truncated; reports so far: " + reports.size());
            disk.crash(); // right after the barrier returned: it must already be durable
        });
        runUntil(1_000);

        assertThat(order).containsExactly("truncated; reports so far: 1");
        assertThat(reports).hasSize(1).first().asString().startsWith("persisted 100000003 at 0");
        assertThat(disk.recover().tailZxids()).containsExactly(EPOCH | 1);
    }

    @Test
    void savedEpochsAreDurableWhenTheBarrierReturnsAndQueuedTxnsGoFirst() {
        PeerDisk.Recovered fresh = disk.recover();
        assertThat(fresh.history().acceptedEpoch()).isZero();
        scheduler.at(0, () -> {
            disk.enqueue(txn(1));
            disk.saveEpochs(2, 1);
            disk.crash();
        });
        runUntil(1_000);

        PeerDisk.Recovered r = disk.recover();
        assertThat(r.history().acceptedEpoch()).isEqualTo(2);
        assertThat(r.history().currentEpoch()).isEqualTo(1);
        assertThat(r.tailZxids()).containsExactly(EPOCH | 1);
        assertThat(reports).hasSize(1);
    }

    @Test
    void aLeadersSnapshotReplacesTheHistoryAfterItsZxid() {
        disk.recover();
        DataTree leaderTree = new DataTree();
        List<ZabAction.PersistTxn> leaderTxns = List.of(txn(1), txn(2), txn(3));
        for (ZabAction.PersistTxn t : leaderTxns) {
            leaderTree.apply(t.header(), t.txn(), new ArrayList<>());
        }
        List<NodeRecord> nodes = new TreeSnapshotCursor(leaderTree).next(Integer.MAX_VALUE);
        scheduler.at(0, () -> {
            disk.enqueue(txn(1));
            disk.enqueue(txn(2));
            disk.enqueue(txn(3));
            disk.enqueue(txn(4)); // not in the leader's history: the snapshot at 3 drops it
            disk.enqueue(txn(5));
            disk.enqueue(new ZabAction.PersistSnapshot(EPOCH | 3, nodes, new TreeMap<>(Map.of(7L, 3000))));
            disk.enqueue(txn(4)); // the leader's next txn
        });
        runUntil(1_000);

        assertThat(reports).hasSize(1).first().asString().startsWith("persisted 100000004");
        disk.crash();
        PeerDisk.Recovered r = disk.recover();
        assertThat(r.snapshotZxid()).isEqualTo(EPOCH | 3);
        assertThat(r.history().tree().get("/n3")).isNotNull();
        assertThat(r.history().sessionTimeouts()).containsEntry(7L, 3000);
        assertThat(r.tailZxids()).containsExactly(EPOCH | 4);
    }

    @Test
    void periodicSnapshotsOfTheAppliedTreeRollTheLogAndKeepRecoveryWhole() {
        disk.recover();
        DataTree applied = new DataTree();
        scheduler.at(0, () -> {
            for (int i = 1; i <= 60; i++) {
                ZabAction.PersistTxn t = txn(i);
                disk.enqueue(t);
                applied.apply(t.header(), t.txn(), new ArrayList<>());
                if (i % 20 == 0) {
                    disk.snapshot(applied);
                }
            }
        });
        runUntil(1_000);

        assertThat(disk.snapshotZxids()).containsExactly(EPOCH | 60, EPOCH | 40, EPOCH | 20);
        disk.crash();
        PeerDisk.Recovered r = disk.recover();
        assertThat(r.snapshotZxid()).isEqualTo(EPOCH | 60);
        assertThat(r.history().tree().nodeCount()).isEqualTo(applied.nodeCount());
        assertThat(r.tailZxids()).isEmpty();
    }

    @Test
    void storageThatCannotBeReadBackFailsTheRunWithTheServerNamed() throws Exception {
        disk.recover();
        scheduler.at(0, () -> disk.saveEpochs(1, 1));
        runUntil(10);
        disk.crash();
        try (var handle = fs.open(disk.dir().resolve("currentEpoch"))) {
            handle.write(java.nio.ByteBuffer.wrap("junk".getBytes(StandardCharsets.US_ASCII)), 0);
        }

        assertThatThrownBy(disk::recover).isInstanceOf(UnrecoverableStorage.class)
                .hasMessageContaining("S1 cannot recover its storage");
    }
}
