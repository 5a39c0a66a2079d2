package io.paddock.sim.testing;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.RecoveredHistory;
import io.paddock.core.zab.TxnFactory;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabConfig;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.SimReplica;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the replication core that exercises everything the simulator does around a replica: each
 * server logs the writes submitted to it in its own history (no replication), delivers each once storage
 * reports it durable, pings the others every tick, saves epochs (a barrier) when it starts, and now and then
 * closes a connection and truncates its log at its durable end (a barrier that drops nothing). Restarted, it
 * delivers its recovered tail and continues after it.
 */
public final class ToyReplica implements SimReplica {
    private final ZabConfig config;
    private final DataTree tree;
    private final TxnFactory txns;
    private final List<PeerMessage.Proposal> recoveredTail;
    private final long acceptedEpoch;
    private final ArrayDeque<PeerMessage.Proposal> unpersisted = new ArrayDeque<>();
    private long lastZxid;
    private long durableZxid;
    private int ticks;
    /** Where the toy writes, so the tests can break it on purpose. */
    private final boolean throwOnTick;
    private final int throwAfterTicks;

    public ToyReplica(ZabConfig config, RecoveredHistory recovered, int throwAfterTicks) {
        this.config = config;
        this.tree = recovered.tree();
        this.txns = new WorkloadTxns(tree);
        this.recoveredTail = recovered.tail();
        this.acceptedEpoch = Math.max(1, recovered.acceptedEpoch());
        this.lastZxid = Math.max(recovered.lastZxid(), acceptedEpoch << 32);
        this.durableZxid = lastZxid;
        this.throwOnTick = throwAfterTicks > 0;
        this.throwAfterTicks = throwAfterTicks;
    }

    public static SimReplica.Factory factory() {
        return (config, recovered, wallTime) -> new ToyReplica(config, recovered, 0);
    }

    /** A toy that throws from its {@code ticks}-th tick on server 1. */
    public static SimReplica.Factory throwingAfter(int ticks) {
        return (config, recovered, wallTime) -> new ToyReplica(config, recovered, config.serverId() == 1 ? ticks : 0);
    }

    @Override
    public List<ZabAction> start() {
        List<ZabAction> out = new ArrayList<>();
        out.add(new ZabAction.SaveEpochs(acceptedEpoch, acceptedEpoch));
        for (PeerMessage.Proposal p : recoveredTail) {
            deliver(p, out);
        }
        out.add(new ZabAction.RoleChanged(io.paddock.core.zab.PeerState.LEADING, config.serverId(), acceptedEpoch));
        return out;
    }

    @Override
    public List<ZabAction> step(ZabEvent event) {
        List<ZabAction> out = new ArrayList<>();
        switch (event) {
            case ZabEvent.Tick t -> {
                ticks++;
                if (throwOnTick && ticks >= throwAfterTicks) {
                    throw new IllegalStateException("toy invariant broken on purpose at tick " + ticks);
                }
                for (long peer : config.quorum().members().keySet()) {
                    if (peer != config.serverId()) {
                        out.add(new ZabAction.Send(peer, PeerMessage.Ping.of(Map.of())));
                    }
                }
                if (ticks % 37 == 0) {
                    long peer = 1 + (ticks / 37) % config.quorum().members().size();
                    if (peer != config.serverId()) {
                        out.add(new ZabAction.Disconnect(peer, "toy closes a connection"));
                    }
                }
                if (ticks % 53 == 0) {
                    out.add(new ZabAction.TruncateLog(lastZxid));
                }
            }
            case ZabEvent.SessionsTouched t -> {
                // the toy keeps no sessions
            }
            case ZabEvent.RevalidateSession r -> out.add(new ZabAction.SessionRevalidated(r.sessionId(), false));
            case ZabEvent.WriteSubmitted w -> {
                long zxid = ++lastZxid;
                Txn txn = txns.prepare(w.request(), zxid);
                TxnHeader header = new TxnHeader(w.request().sessionId(), w.request().cxid(), zxid,
                        1_700_000_000_000L + zxid, txn.type());
                unpersisted.add(new PeerMessage.Proposal(header, txn));
                out.add(new ZabAction.PersistTxn(header, txn));
            }
            case ZabEvent.Persisted p -> {
                if (p.zxid() < durableZxid) {
                    throw new IllegalStateException("Persisted went backwards: " + p.zxid() + " < " + durableZxid);
                }
                durableZxid = p.zxid();
                while (!unpersisted.isEmpty() && unpersisted.peek().zxid() <= p.zxid()) {
                    deliver(unpersisted.poll(), out);
                }
            }
            case ZabEvent.MessageReceived m -> {
            }
            case ZabEvent.Disconnected d -> {
            }
        }
        return out;
    }

    private void deliver(PeerMessage.Proposal p, List<ZabAction> out) {
        tree.apply(p.header(), p.txn(), new ArrayList<>(0));
        txns.applied(p.zxid());
        out.add(new ZabAction.Delivered(p.header(), p.txn(), tree.digest()));
    }

    @Override
    public DataTree tree() {
        return tree;
    }
}
