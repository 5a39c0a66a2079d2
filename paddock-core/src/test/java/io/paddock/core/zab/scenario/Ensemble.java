package io.paddock.core.zab.scenario;

import io.paddock.core.node.ReplicatedTxns;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.MemberRole;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.PeerState;
import io.paddock.core.zab.ProtocolBreakages;
import io.paddock.core.zab.QuorumConfig;
import io.paddock.core.zab.QuorumMember;
import io.paddock.core.zab.Replica;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A scripted ensemble for seed scenarios: servers that crash and restart from exactly what their {@link ScriptDisk}
 * made durable, FIFO links whose messages the script delivers one by one (or all but some), and a log of every
 * action each server took and every message it received, across restarts. No clock: time passes only by
 * {@link #tickAll}. Delivery order is fixed (lowest link first), so a script is one exact schedule.
 */
final class Ensemble {
    /** One message on a link. */
    record Envelope(long from, long to, PeerMessage message) {
    }

    private final Map<Long, ZabConfig> configs = new TreeMap<>();
    private final Map<Long, Replica> running = new TreeMap<>();
    final Map<Long, ScriptDisk> disks = new TreeMap<>();
    /** Every action of each server, all incarnations, in order. */
    final Map<Long, List<ZabAction>> actions = new TreeMap<>();
    /** Every message each server received (while up), in order. */
    final Map<Long, List<Envelope>> received = new TreeMap<>();
    private final Map<Long, Map<Long, ArrayDeque<PeerMessage>>> links = new TreeMap<>();
    private int cxid;
    /** Protections removed from a server's code on purpose (its every incarnation). */
    private final Map<Long, EnumSet<ProtocolBreakages.Switch>> breakages = new TreeMap<>();

    static Ensemble of(int voters, int observers) {
        QuorumMember[] members = new QuorumMember[voters + observers];
        for (int i = 0; i < members.length; i++) {
            members[i] = new QuorumMember(i + 1, i < voters ? MemberRole.PARTICIPANT : MemberRole.OBSERVER, "q", "e", "c");
        }
        QuorumConfig quorum = QuorumConfig.of(1, members);
        Ensemble e = new Ensemble();
        for (QuorumMember m : members) {
            e.configs.put(m.id(), new ZabConfig(m.id(), quorum, 10, 5, 2, 8, 50));
            e.disks.put(m.id(), new ScriptDisk());
            e.actions.put(m.id(), new ArrayList<>());
            e.received.put(m.id(), new ArrayList<>());
            e.links.put(m.id(), new TreeMap<>());
        }
        return e;
    }

    // ---- life cycle ----

    /** Starts (or restarts) {@code id} from what its disk made durable. */
    Ensemble start(long id) {
        if (running.containsKey(id)) {
            throw new IllegalStateException("S" + id + " is already up");
        }
        Replica r = new Replica(configs.get(id), disks.get(id).recover(), ReplicatedTxns::new);
        breakages.getOrDefault(id, EnumSet.noneOf(ProtocolBreakages.Switch.class)).forEach(s -> ProtocolBreakages.apply(r, s));
        running.put(id, r);
        handle(id, r.start());
        return this;
    }

    Ensemble start(long... ids) {
        for (long id : ids) {
            start(id);
        }
        return this;
    }

    /** The process dies: unsynced writes are lost, its connections break (peers see it), messages to and from it vanish. */
    Ensemble crash(long id) {
        if (running.remove(id) == null) {
            throw new IllegalStateException("S" + id + " is not up");
        }
        disks.get(id).crash();
        links.get(id).clear();
        links.values().forEach(out -> out.remove(id));
        for (long peer : List.copyOf(running.keySet())) {
            step(peer, new ZabEvent.Disconnected(id));
        }
        return this;
    }

    /** Removes a protection from {@code id}'s code, now (if it is up) and in every later incarnation. */
    Ensemble broken(long id, ProtocolBreakages.Switch breakage) {
        breakages.computeIfAbsent(id, k -> EnumSet.noneOf(ProtocolBreakages.Switch.class)).add(breakage);
        if (running.containsKey(id)) {
            ProtocolBreakages.apply(running.get(id), breakage);
        }
        return this;
    }

    Ensemble restart(long id) {
        return crash(id).start(id);
    }

    /** Every message queued to or from {@code id} vanishes (its connections broke; nothing else happens). */
    Ensemble dropInFlight(long id) {
        links.get(id).clear();
        links.values().forEach(out -> out.remove(id));
        return this;
    }

    boolean isUp(long id) {
        return running.containsKey(id);
    }

    Replica replica(long id) {
        Replica r = running.get(id);
        if (r == null) {
            throw new IllegalStateException("S" + id + " is down");
        }
        return r;
    }

    // ---- events ----

    void step(long id, ZabEvent event) {
        Replica r = running.get(id);
        if (r != null) {
            handle(id, r.step(event));
        }
    }

    private void handle(long id, List<ZabAction> out) {
        actions.get(id).addAll(out);
        ScriptDisk disk = disks.get(id);
        for (ZabAction a : out) {
            switch (a) {
                case ZabAction.Send s -> links.get(id).computeIfAbsent(s.to(), k -> new ArrayDeque<>()).add(s.message());
                case ZabAction.PersistTxn p -> disk.append(new PeerMessage.Proposal(p.header(), p.txn()));
                case ZabAction.SaveEpochs s -> disk.saveEpochs(s.acceptedEpoch(), s.currentEpoch());
                case ZabAction.TruncateLog t -> disk.truncate(t.zxid());
                case ZabAction.PersistSnapshot p ->
                        throw new UnsupportedOperationException("scenario disks take no snapshots (a SNAP sync was not scripted)");
                default -> {
                }
            }
        }
        // the storage reports after the actions that caused them, as a runtime's completion callbacks would
        disk.takeReport().ifPresent(z -> step(id, new ZabEvent.Persisted(z)));
    }

    /** Completes the oldest pending write of {@code id}; false when none is pending. */
    boolean persistOne(long id) {
        return disks.get(id).completeOne().map(z -> {
            step(id, new ZabEvent.Persisted(z));
            return true;
        }).orElse(false);
    }

    /** Completes every pending write of {@code id}. */
    void persistAll(long id) {
        while (persistOne(id)) {
            // one report per write keeps the reports in zxid order
        }
    }

    Ensemble tickAll() {
        for (long id : List.copyOf(running.keySet())) {
            step(id, new ZabEvent.Tick(0));
        }
        return this;
    }

    /** Submits a create of {@code path} at server {@code id}, as a client connected there would. */
    Ensemble write(long id, String path) {
        ClientRequest.Create create = new ClientRequest.Create(OpCode.CREATE, path,
                path.getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, 0);
        JuteWriter w = new JuteWriter();
        create.write(w);
        step(id, new ZabEvent.WriteSubmitted(new PeerMessage.Request(0, ++cxid, OpCode.CREATE, w.toByteArray())));
        return this;
    }

    // ---- delivery ----

    /** Delivers the first queued message (lowest link first) that {@code which} allows; false when none. */
    boolean deliverOne(Predicate<Envelope> which) {
        for (Map.Entry<Long, Map<Long, ArrayDeque<PeerMessage>>> from : links.entrySet()) {
            for (Map.Entry<Long, ArrayDeque<PeerMessage>> link : from.getValue().entrySet()) {
                PeerMessage head = link.getValue().peekFirst();
                if (head == null) {
                    continue;
                }
                Envelope env = new Envelope(from.getKey(), link.getKey(), head);
                if (which.test(env)) {
                    link.getValue().pollFirst();
                    if (running.containsKey(env.to())) {
                        received.get(env.to()).add(env);
                        step(env.to(), new ZabEvent.MessageReceived(env.from(), head));
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** Delivers every message {@code which} allows, including those sent meanwhile, until none is left. */
    Ensemble deliverAll(Predicate<Envelope> which) {
        for (int n = 0; n < 100_000; n++) {
            if (!deliverOne(which)) {
                return this;
            }
        }
        throw new AssertionError("the ensemble never went quiet");
    }

    Ensemble deliverAll() {
        return deliverAll(env -> true);
    }

    /** Delivers the next message queued for {@code to} (lowest sender first); false when none. */
    boolean deliverNextTo(long to) {
        return deliverOne(env -> env.to() == to);
    }

    boolean hasQueuedFor(long to) {
        return links.values().stream().anyMatch(out -> !out.getOrDefault(to, new ArrayDeque<>()).isEmpty());
    }

    /** Ticks and delivers everything until {@code done} holds; fails after {@code maxTicks}. */
    Ensemble runUntil(Predicate<Ensemble> done, int maxTicks) {
        return runUntil(env -> true, done, maxTicks);
    }

    Ensemble runUntil(Predicate<Envelope> which, Predicate<Ensemble> done, int maxTicks) {
        for (int t = 0; t <= maxTicks; t++) {
            deliverAll(which);
            if (done.test(this)) {
                return this;
            }
            tickAll();
        }
        throw new AssertionError("condition not reached within " + maxTicks + " ticks; states " + states());
    }

    /** A message the script forges: delivered to {@code to} as if {@code from} had sent it, ahead of the queue. */
    Ensemble inject(long from, long to, PeerMessage message) {
        if (running.containsKey(to)) {
            received.get(to).add(new Envelope(from, to, message));
            step(to, new ZabEvent.MessageReceived(from, message));
        }
        return this;
    }

    /** Lets only election traffic through: servers settle their roles but no leader hears from its learners. */
    static boolean onlyElection(Envelope env) {
        return env.message() instanceof PeerMessage.Notification;
    }

    // ---- views ----

    /** The running server that leads, or -1. */
    long leader() {
        return running.entrySet().stream().filter(en -> en.getValue().state() == PeerState.LEADING)
                .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
    }

    /** A running leader established in its current leadership (after its last role change). */
    boolean hasEstablishedLeader() {
        long leader = leader();
        return leader > 0 && lastLeadership(leader).stream().anyMatch(a -> a instanceof ZabAction.LeaderEstablished);
    }

    /** The actions of {@code id} since its last role change. */
    List<ZabAction> lastLeadership(long id) {
        List<ZabAction> all = actions.get(id);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof ZabAction.RoleChanged) {
                return all.subList(i, all.size());
            }
        }
        return all;
    }

    Map<Long, PeerState> states() {
        Map<Long, PeerState> states = new TreeMap<>();
        running.forEach((id, r) -> states.put(id, r.state()));
        return states;
    }

    PeerState state(long id) {
        return isUp(id) ? running.get(id).state() : null;
    }

    <T extends ZabAction> List<T> actionsOf(long id, Class<T> type) {
        return actions.get(id).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The messages {@code id} sent, in order, across incarnations. */
    List<PeerMessage> sent(long id, Class<? extends PeerMessage> type) {
        return actionsOf(id, ZabAction.Send.class).stream().map(ZabAction.Send::message).filter(type::isInstance).toList();
    }

    List<Long> delivered(long id) {
        return actionsOf(id, ZabAction.Delivered.class).stream().map(d -> d.header().zxid()).toList();
    }
}
