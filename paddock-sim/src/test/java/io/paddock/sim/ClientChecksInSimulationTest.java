package io.paddock.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.node.Action;
import io.paddock.core.node.Event;
import io.paddock.core.tree.DataTree;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.Stat;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.check.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The client checkers judge real runs: whole servers whose client-facing output is tampered with in one way each
 * must fail the run on the property that tampering breaks, while the same seed untampered passes.
 */
class ClientChecksInSimulationTest {
    private static final long SEED = 11;

    /** Real servers whose client actions pass through {@code tamper} (null drops the action). */
    private static SimReplica.Factory tampered(UnaryOperator<Action> tamper) {
        SimReplica.Factory real = SimReplica.servers(100);
        return (config, recovered, wallTime) -> {
            SimReplica server = real.create(config, recovered, wallTime);
            return new SimReplica() {
                @Override
                public List<ZabAction> start() {
                    return server.start();
                }

                @Override
                public List<ZabAction> step(ZabEvent event) {
                    return server.step(event);
                }

                @Override
                public List<ZabAction> step(Event clientEvent) {
                    return server.step(clientEvent);
                }

                @Override
                public List<Action> takeClientActions() {
                    List<Action> kept = new ArrayList<>();
                    for (Action a : server.takeClientActions()) {
                        Action t = tamper.apply(a);
                        if (t != null) {
                            kept.add(t);
                        }
                    }
                    return kept;
                }

                @Override
                public DataTree tree() {
                    return server.tree();
                }
            };
        };
    }

    private static SimResult run(SimReplica.Factory servers) {
        SimOptions options = SimDefaults.options();
        return Simulation.run(SEED, new SimOptions(servers, options.checkers(), options.faults(), 20_000, 25_000,
                options.tickMs(), options.writeIntervalMs(), options.voters(), options.observers(), 200, 4));
    }

    private static List<String> properties(SimResult result) {
        assertThat(result.failure()).isNull();
        return result.violations().stream().map(Violation::property).distinct().toList();
    }

    @Test
    void untamperedServersPassEveryCheck() {
        SimResult result = run(tampered(a -> a));
        assertThat(properties(result)).isEmpty();
        assertThat(result.stats().clients().replies()).isGreaterThan(1_000);
    }

    @Test
    void aReadAnsweredWithAnOldZxidBreaksMonotonicZxids() {
        SimResult result = run(tampered(a -> a instanceof Action.SendReply r && r.body() instanceof ClientResponse.GetData
                && r.header().zxid() % 5 == 0
                ? new Action.SendReply(r.connectionId(), new ReplyHeader(r.header().xid(), 1, r.header().err()), r.body())
                : a));
        assertThat(properties(result)).contains("client: MONOTONIC_ZXID");
    }

    @Test
    void aWriteReplyThatNeverComesBreaksClientLiveness() {
        SimResult result = run(tampered(a -> a instanceof Action.SendReply r && r.body() instanceof ClientResponse.StatOnly
                && r.header().zxid() % 7 == 0 ? null : a));
        assertThat(properties(result)).contains("client liveness");
    }

    @Test
    void aWatchEventStampedWithAnEarlierZxidIsCaught() {
        SimResult result = run(tampered(a -> a instanceof Action.SendWatchEvent w && w.zxid() % 3 == 0
                ? new Action.SendWatchEvent(w.connectionId(), w.zxid() - 1, w.event()) : a));
        assertThat(properties(result)).contains("client: WATCH");
    }

    @Test
    void aSetDataReplyClaimingANewerVersionBreaksWriteLinearizability() {
        SimResult result = run(tampered(a -> {
            if (a instanceof Action.SendReply r && r.body() instanceof ClientResponse.StatOnly so
                    && r.header().zxid() % 4 == 0) {
                Stat s = so.stat();
                Stat lie = new Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version() + 1, s.cversion(),
                        s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
                return new Action.SendReply(r.connectionId(), r.header(), new ClientResponse.StatOnly(lie));
            }
            return a;
        }));
        assertThat(properties(result)).contains("client: LINEARIZABLE_WRITES");
    }

    @Test
    void aReadReturningAnOlderStateThanTheSessionSawIsAStaleRead() {
        SimResult result = run(tampered(a -> {
            if (a instanceof Action.SendReply r && r.body() instanceof ClientResponse.GetData g
                    && r.header().zxid() % 3 == 0 && g.stat().mzxid() > 1) {
                Stat s = g.stat();
                Stat old = new Stat(s.czxid(), 1, s.ctime(), s.mtime(), s.version(), s.cversion(), s.aversion(),
                        s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
                return new Action.SendReply(r.connectionId(), r.header(), new ClientResponse.GetData(g.data(), old));
            }
            return a;
        }));
        assertThat(properties(result)).contains("client: STALE_READ");
    }
}
