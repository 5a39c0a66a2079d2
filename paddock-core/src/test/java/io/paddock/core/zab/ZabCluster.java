package io.paddock.core.zab;

import io.paddock.core.node.ReplicatedTxns;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A tiny in-memory ensemble for protocol tests: FIFO links, a disk that completes persists only when told (or
 * at once in auto mode), and every action recorded per server. Delivery order is fixed (lowest link first), so
 * each test is one exact schedule that a reader can follow.
 */
final class ZabCluster {
    final Map<Long, Replica> replicas = new TreeMap<>();
    final Map<Long, List<ZabAction>> actions = new TreeMap<>();
    private final Map<Long, ArrayDeque<Long>> unpersisted = new TreeMap<>();
    private final Map<String, ArrayDeque<PeerMessage>> links = new TreeMap<>();
    private final Map<Long, Boolean> down = new TreeMap<>();
    /** Servers whose disk completes persists only when {@link #persist} is called. */
    final java.util.Set<Long> manualDisk = new java.util.TreeSet<>();
    private int cxid;

    static ZabCluster of(int voters, int observers) {
        return of(voters, observers, id -> RecoveredHistory.empty());
    }

    /** An ensemble whose servers start from the histories given per server id. */
    static ZabCluster of(int voters, int observers, java.util.function.LongFunction<RecoveredHistory> histories) {
        QuorumMember[] members = new QuorumMember[voters + observers];
        for (int i = 0; i < voters + observers; i++) {
            members[i] = new QuorumMember(i + 1, i < voters ? MemberRole.PARTICIPANT : MemberRole.OBSERVER, "q", "e", "c");
        }
        QuorumConfig quorum = QuorumConfig.of(1, members);
        ZabCluster cluster = new ZabCluster();
        for (QuorumMember m : members) {
            ZabConfig config = new ZabConfig(m.id(), quorum, 10, 5, 2, 8, 50);
            cluster.replicas.put(m.id(), new Replica(config, histories.apply(m.id()), ReplicatedTxns::new));
            cluster.actions.put(m.id(), new ArrayList<>());
            cluster.unpersisted.put(m.id(), new ArrayDeque<>());
        }
        return cluster;
    }

    void start() {
        replicas.forEach((id, r) -> handle(id, r.start()));
    }

    void step(long id, ZabEvent event) {
        if (!down.getOrDefault(id, false)) {
            handle(id, replicas.get(id).step(event));
        }
    }

    private void handle(long id, List<ZabAction> out) {
        actions.get(id).addAll(out);
        for (ZabAction a : out) {
            switch (a) {
                case ZabAction.Send s -> links.computeIfAbsent(id + "->" + s.to(), k -> new ArrayDeque<>()).add(s.message());
                case ZabAction.PersistTxn p -> unpersisted.get(id).add(p.header().zxid());
                case ZabAction.PersistSnapshot p -> unpersisted.get(id).add(p.zxid());
                default -> {
                }
            }
        }
        if (!manualDisk.contains(id)) {
            persist(id);
        }
    }

    /** Completes every persist {@code id} asked for so far. */
    void persist(long id) {
        ArrayDeque<Long> pending = unpersisted.get(id);
        if (!pending.isEmpty()) {
            long last = pending.peekLast();
            pending.clear();
            step(id, new ZabEvent.Persisted(last));
        }
    }

    /** Delivers messages (lowest link first) until none is left or {@code limit} were delivered. */
    void deliverAll() {
        for (int n = 0; n < 100_000; n++) {
            if (!deliverOne(m -> true)) {
                return;
            }
        }
        throw new AssertionError("the ensemble never went quiet");
    }

    /** Delivers the first queued message that matches; false when none does. */
    boolean deliverOne(Predicate<PeerMessage> which) {
        for (Map.Entry<String, ArrayDeque<PeerMessage>> e : links.entrySet()) {
            PeerMessage head = e.getValue().peekFirst();
            if (head != null && which.test(head)) {
                e.getValue().pollFirst();
                String[] ends = e.getKey().split("->");
                long from = Long.parseLong(ends[0]);
                long to = Long.parseLong(ends[1]);
                if (!down.getOrDefault(from, false)) {
                    step(to, new ZabEvent.MessageReceived(from, head));
                }
                return true;
            }
        }
        return false;
    }

    void tickAll() {
        replicas.keySet().forEach(id -> step(id, new ZabEvent.Tick(0)));
    }

    /** Ticks and delivers until {@code done} holds; fails after {@code maxTicks}. */
    void runUntil(Predicate<ZabCluster> done, int maxTicks) {
        for (int t = 0; t < maxTicks; t++) {
            // a bounded number of deliveries per tick: a server that keeps being refused loops without ticks
            for (int n = 0; n < 2_000 && deliverOne(m -> true); n++) {
                if (done.test(this)) {
                    return;
                }
            }
            if (done.test(this)) {
                return;
            }
            tickAll();
        }
        if (!done.test(this)) {
            throw new AssertionError("condition not reached within " + maxTicks + " ticks; states " + states());
        }
    }

    /** The server cut off: it receives and sends nothing (its queued messages are dropped). */
    void isolate(long id) {
        down.put(id, true);
        links.entrySet().removeIf(e -> e.getKey().startsWith(id + "->") || e.getKey().endsWith("->" + id));
    }

    /** Undoes {@link #isolate}: the server's peers see a fresh connection to it. */
    void rejoin(long id) {
        down.put(id, false);
        for (long other : replicas.keySet()) {
            if (other != id) {
                step(other, new ZabEvent.Disconnected(id));
                step(id, new ZabEvent.Disconnected(other));
            }
        }
    }

    Map<Long, PeerState> states() {
        Map<Long, PeerState> states = new TreeMap<>();
        replicas.forEach((id, r) -> states.put(id, r.state()));
        return states;
    }

    long leader() {
        return replicas.entrySet().stream().filter(e -> e.getValue().state() == PeerState.LEADING)
                .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
    }

    boolean established() {
        long leader = leader();
        return leader > 0 && actions.get(leader).stream().anyMatch(a -> a instanceof ZabAction.LeaderEstablished);
    }

    /** Submits a create of {@code path} at server {@code id}. */
    void write(long id, String path) {
        ClientRequest.Create create = new ClientRequest.Create(OpCode.CREATE, path,
                path.getBytes(StandardCharsets.UTF_8), io.paddock.core.wire.Acl.OPEN_ACL_UNSAFE, 0);
        JuteWriter w = new JuteWriter();
        create.write(w);
        step(id, new ZabEvent.WriteSubmitted(new PeerMessage.Request(0, ++cxid, OpCode.CREATE, w.toByteArray())));
    }

    <T extends ZabAction> List<T> actionsOf(long id, Class<T> type) {
        return actions.get(id).stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Long> delivered(long id) {
        return actionsOf(id, ZabAction.Delivered.class).stream().map(d -> d.header().zxid()).toList();
    }
}
