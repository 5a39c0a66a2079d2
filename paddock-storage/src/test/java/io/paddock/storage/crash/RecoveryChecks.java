package io.paddock.storage.crash;

import io.paddock.core.node.RecoveredState;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.PathValidator;
import io.paddock.core.tree.TreeSnapshotCursor;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.Stat;
import io.paddock.storage.Recovery;
import io.paddock.storage.log.LoggedTxn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must hold after a recovery through zxid R, judged against the history of what was submitted and what
 * clients were told: R covers everything reported durable; the recovered tree and sessions are exactly those of
 * the submitted txns 1..R applied in order (so nothing is invented and nothing acknowledged is missing); the
 * log holds exactly those txns after the snapshot; every session a client was told it has is still there unless
 * its close is recovered. It also works out which acknowledged results must read back exactly as the client saw
 * them: those no later recovered txn touched.
 */
final class RecoveryChecks {
    static final Set<String> SYSTEM_PATHS = Set.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");

    /** An acknowledged outcome for one path: its data and Stat as the client saw them, or its absence (data null). */
    record Expect(long zxid, String path, byte[] data, Stat stat, long owner) {
        boolean absent() {
            return data == null;
        }
    }

    private final History history;
    private final Recovery.Recovered recovered;
    private final long r;
    private final List<String> problems = new ArrayList<>();

    private RecoveryChecks(History history, Recovery.Recovered recovered) {
        this.history = history;
        this.recovered = recovered;
        this.r = recovered.state().lastZxid();
    }

    /** Checks the storage-level properties; returns the acknowledged results a client must read back exactly. */
    static List<Expect> check(History history, Recovery.Recovered recovered, DriverStats stats) throws Exception {
        RecoveryChecks c = new RecoveryChecks(history, recovered);
        c.zxidBounds();
        c.logHoldsTheSubmittedTxns(stats);
        DataTree reference = c.referenceTree();
        c.nothingInvented();
        c.sameTree(reference);
        c.sessions(stats);
        if (!c.problems.isEmpty()) {
            throw new AssertionError("after recovering through zxid 0x" + Long.toHexString(c.r) + " (snapshot 0x"
                    + Long.toHexString(recovered.snapshotZxid()) + "):\n  " + String.join("\n  ", c.problems)
                    + "\n  submitted after the snapshot:" + history.describeAfter(recovered.snapshotZxid()));
        }
        stats.lostUnacknowledged += history.submitted.tailMap(c.r, false).size();
        return c.checkableExpectations();
    }

    private void problem(String format, Object... args) {
        problems.add(String.format(format, args));
    }

    private void zxidBounds() {
        if (r < history.reportedDurable) {
            problem("recovered lastZxid 0x%x is below 0x%x, which the core was told is durable", r, history.reportedDurable);
        }
        if (r < history.highestAcknowledgedZxid()) {
            problem("recovered lastZxid 0x%x is below the highest acknowledged write 0x%x", r, history.highestAcknowledgedZxid());
        }
        if (r != 0 && !history.submitted.containsKey(r)) {
            problem("recovered lastZxid 0x%x was never submitted (highest submitted 0x%x)", r,
                    history.submitted.isEmpty() ? 0 : history.submitted.lastKey());
        }
        long snap = recovered.snapshotZxid();
        if (snap > r || (snap != 0 && !history.submitted.containsKey(snap))) {
            problem("snapshot zxid 0x%x is not a submitted zxid at or below 0x%x", snap, r);
        }
    }

    private void logHoldsTheSubmittedTxns(DriverStats stats) throws Exception {
        long snap = recovered.snapshotZxid();
        List<LoggedTxn> after = recovered.log().readAfter(snap);
        long expected = snap + 1;
        for (LoggedTxn t : after) {
            if (t.zxid() != expected) {
                problem("the log after the snapshot skips from 0x%x to 0x%x", expected - 1, t.zxid());
                return;
            }
            LoggedTxn submitted = history.submitted.get(t.zxid());
            if (submitted == null || !Arrays.equals(bytes(submitted), bytes(t))) {
                problem("logged txn 0x%x is not the one submitted with that zxid: %s vs %s", t.zxid(), t, submitted);
            }
            expected++;
        }
        if (expected - 1 != r && !(after.isEmpty() && snap == r)) {
            problem("the log after snapshot 0x%x ends at 0x%x, the recovered state at 0x%x", snap, expected - 1, r);
        }
        if (recovered.log().lastZxid() > r) {
            problem("the reopened log's lastZxid 0x%x is past the recovered state's 0x%x", recovered.log().lastZxid(), r);
        }
        stats.txnsRecovered += after.size();
    }

    private DataTree referenceTree() {
        DataTree tree = new DataTree();
        for (LoggedTxn t : history.submitted.headMap(r, true).values()) {
            tree.apply(t.header(), t.txn(), new ArrayList<>(0));
        }
        return tree;
    }

    private void nothingInvented() {
        Map<String, Set<String>> written = new TreeMap<>();
        for (LoggedTxn t : history.submitted.headMap(r, true).values()) {
            for (Txn sub : flatten(t.txn())) {
                switch (sub) {
                    case Txn.Create c -> written.computeIfAbsent(c.path(), p -> new HashSet<>()).add(text(c.data()));
                    case Txn.SetData s -> written.computeIfAbsent(s.path(), p -> new HashSet<>()).add(text(s.data()));
                    default -> {
                    }
                }
            }
        }
        for (NodeRecord n : records(recovered.state().tree()).values()) {
            if (!SYSTEM_PATHS.contains(n.path()) && !written.getOrDefault(n.path(), Set.of()).contains(text(n.data()))) {
                problem("znode %s holds %s, which no recovered txn wrote there", n.path(), text(n.data()));
            }
        }
    }

    private void sameTree(DataTree reference) {
        Map<String, String> expected = describe(records(reference));
        Map<String, String> actual = describe(records(recovered.state().tree()));
        if (!expected.equals(actual)) {
            Set<String> paths = new java.util.TreeSet<>(expected.keySet());
            paths.addAll(actual.keySet());
            int shown = 0;
            for (String p : paths) {
                if (!Objects.equals(expected.get(p), actual.get(p)) && shown++ < 8) {
                    problem("znode %s: expected %s, recovered %s", p, expected.get(p), actual.get(p));
                }
            }
        }
        Map<Long, Set<String>> expectedEphemerals = nonEmpty(reference.ephemerals());
        Map<Long, Set<String>> actualEphemerals = nonEmpty(recovered.state().tree().ephemerals());
        if (!expectedEphemerals.equals(actualEphemerals)) {
            problem("ephemerals by session: expected %s, recovered %s", expectedEphemerals, actualEphemerals);
        }
    }

    private void sessions(DriverStats stats) {
        Map<Long, Integer> expected = new LinkedHashMap<>();
        Set<Long> closed = new HashSet<>();
        for (LoggedTxn t : history.submitted.headMap(r, true).values()) {
            switch (t.txn()) {
                case Txn.CreateSession s -> expected.put(t.header().sessionId(), s.timeOut());
                case Txn.CloseSession c -> {
                    expected.remove(t.header().sessionId());
                    closed.add(t.header().sessionId());
                }
                default -> {
                }
            }
        }
        RecoveredState state = recovered.state();
        for (Map.Entry<Long, Integer> e : expected.entrySet()) {
            if (!e.getValue().equals(state.sessionTimeouts().get(e.getKey()))) {
                problem("session 0x%x (timeout %d) is %s after recovery", e.getKey(), e.getValue(),
                        state.sessionTimeouts().containsKey(e.getKey()) ? "recovered with timeout "
                                + state.sessionTimeouts().get(e.getKey()) : "missing");
            }
        }
        for (long id : history.acknowledgedSessions) {
            if (!closed.contains(id) && !state.sessionTimeouts().containsKey(id)) {
                problem("acknowledged session 0x%x, never closed in the recovered history, did not survive", id);
            }
        }
        for (long id : state.sessionTimeouts().keySet()) {
            if (expected.containsKey(id)) {
                continue;
            }
            // A snapshot records the session table, which holds a session from the moment its createSession is
            // prepared, as ZooKeeper's does; such a session may outlive the loss of its createSession txn.
            // Anything else is invented.
            boolean preparedButLost = history.preparedSessions.contains(id) && !closed.contains(id)
                    && !history.submitted.headMap(r, true).values().stream()
                    .anyMatch(t -> t.txn() instanceof Txn.CreateSession && t.header().sessionId() == id);
            if (preparedButLost) {
                stats.sessionsRecoveredWithoutDurableCreate++;
            } else {
                problem("session 0x%x was recovered but none was created or it was closed in the recovered history", id);
            }
        }
    }

    /**
     * The last acknowledged outcome per path, kept only when no recovered txn after it touched the path (its
     * data, its Stat, or its children); those must read back exactly as the client was told.
     */
    private List<Expect> checkableExpectations() {
        Map<String, Expect> last = new TreeMap<>();
        List<Ack> acks = new ArrayList<>(history.acks);
        acks.sort(java.util.Comparator.comparingLong(Ack::zxid));
        for (Ack a : acks) {
            switch (a.request()) {
                case ClientRequest.Multi m -> {
                    List<ClientResponse.OpResult> results = ((ClientResponse.Multi) a.response()).results();
                    if (results.stream().anyMatch(op -> op instanceof ClientResponse.OpResult.Error)) {
                        continue; // a failed multi is answered with err 0 and per-op errors; it changed nothing
                    }
                    for (int i = 0; i < m.ops().size(); i++) {
                        expect(last, a, m.ops().get(i), results.get(i));
                    }
                }
                default -> expect(last, a, a.request(), a.response());
            }
        }
        List<Expect> checkable = new ArrayList<>();
        for (Expect e : last.values()) {
            if (e.zxid() <= r && !touchedAfter(e)) {
                checkable.add(e);
            }
        }
        return checkable;
    }

    private static void expect(Map<String, Expect> last, Ack a, Object op, Object result) {
        switch (op) {
            case ClientRequest.Create c -> {
                String path;
                Stat stat = null;
                if (result instanceof ClientResponse.Create2 r2) {
                    path = r2.path();
                    stat = r2.stat();
                } else if (result instanceof ClientResponse.OpResult.Create2 r2) {
                    path = r2.path();
                    stat = r2.stat();
                } else if (result instanceof ClientResponse.Create r1) {
                    path = r1.path();
                } else {
                    path = ((ClientResponse.OpResult.Create) result).path();
                }
                boolean ephemeral = c.flags() == CreateMode.EPHEMERAL.flag() || c.flags() == CreateMode.EPHEMERAL_SEQUENTIAL.flag();
                last.put(path, new Expect(a.zxid(), path, c.data(), stat, ephemeral ? a.sessionId() : 0));
                last.remove(PathValidator.parentOf(path)); // its Stat changed in a way no reply showed
            }
            case ClientRequest.SetData s -> {
                Stat stat = result instanceof ClientResponse.StatOnly so ? so.stat()
                        : ((ClientResponse.OpResult.SetData) result).stat();
                last.put(s.path(), new Expect(a.zxid(), s.path(), s.data(), stat, stat.ephemeralOwner()));
            }
            case ClientRequest.Delete d -> {
                last.put(d.path(), new Expect(a.zxid(), d.path(), null, null, 0));
                last.remove(PathValidator.parentOf(d.path()));
            }
            default -> {
            }
        }
    }

    private boolean touchedAfter(Expect e) {
        for (LoggedTxn t : history.submitted.subMap(e.zxid(), false, r, true).values()) {
            if (t.txn() instanceof Txn.CloseSession && e.owner() != 0 && t.header().sessionId() == e.owner()) {
                return true;
            }
            if (touches(t.txn()).contains(e.path())) {
                return true;
            }
        }
        return false;
    }

    /** Paths whose data, Stat or existence a txn may change. */
    static Set<String> touches(Txn txn) {
        Set<String> paths = new HashSet<>();
        List<Txn> subs = flatten(txn);
        if (txn instanceof Txn.Multi && subs.stream().anyMatch(s -> s instanceof Txn.Error)) {
            return paths; // a failed multi changes nothing
        }
        for (Txn sub : subs) {
            switch (sub) {
                case Txn.Create c -> {
                    paths.add(c.path());
                    paths.add(PathValidator.parentOf(c.path()));
                }
                case Txn.Delete d -> {
                    paths.add(d.path());
                    paths.add(PathValidator.parentOf(d.path()));
                }
                case Txn.SetData s -> paths.add(s.path());
                case Txn.SetAcl s -> paths.add(s.path());
                case Txn.CloseSession c -> c.paths2Delete().forEach(p -> {
                    paths.add(p);
                    paths.add(PathValidator.parentOf(p));
                });
                case Txn.CreateContainer c -> {
                    paths.add(c.path());
                    paths.add(PathValidator.parentOf(c.path()));
                }
                case Txn.CreateTtl c -> {
                    paths.add(c.path());
                    paths.add(PathValidator.parentOf(c.path()));
                }
                default -> {
                }
            }
        }
        return paths;
    }

    static List<Txn> flatten(Txn txn) {
        return txn instanceof Txn.Multi m ? m.txns() : List.of(txn);
    }

    static byte[] bytes(LoggedTxn t) {
        JuteWriter w = new JuteWriter();
        t.header().write(w);
        t.txn().write(w);
        return w.toByteArray();
    }

    static String text(byte[] data) {
        return data == null ? "<null>" : new String(data, StandardCharsets.UTF_8);
    }

    static Map<String, NodeRecord> records(DataTree tree) {
        Map<String, NodeRecord> out = new TreeMap<>();
        for (NodeRecord n : new TreeSnapshotCursor(tree).next(Integer.MAX_VALUE)) {
            out.put(n.path(), n);
        }
        return out;
    }

    private static Map<String, String> describe(Map<String, NodeRecord> records) {
        Map<String, String> out = new TreeMap<>();
        records.forEach((path, n) -> out.put(path, String.format(
                "{czxid=%x mzxid=%x ctime=%d mtime=%d version=%d cversion=%d aversion=%d owner=%x pzxid=%x acl=%s data=%s}",
                n.czxid(), n.mzxid(), n.ctime(), n.mtime(), n.version(), n.cversion(), n.aversion(), n.ephemeralOwner(),
                n.pzxid(), n.acl(), text(n.data()))));
        return out;
    }

    private static Map<Long, Set<String>> nonEmpty(Map<Long, Set<String>> bySession) {
        Map<Long, Set<String>> out = new TreeMap<>();
        bySession.forEach((id, paths) -> {
            if (!paths.isEmpty()) {
                out.put(id, new java.util.TreeSet<>(paths));
            }
        });
        return out;
    }
}
