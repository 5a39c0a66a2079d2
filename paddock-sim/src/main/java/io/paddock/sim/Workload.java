package io.paddock.sim;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.history.Observation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes at random times at random live servers, all through the run: first a create of each key /k0../k15,
 * then setData on them. Each write has session 0 (the server itself) and its own cxid, so the checkers can follow
 * it from submission to delivery. Submission stops a few seconds before the end, so every write has had time to
 * commit once the faults are healed.
 */
final class Workload {
    static final int KEYS = 16;
    static final long LAST_WRITE_BEFORE_END_MS = 5_000;

    private final World world;
    private final SplittableRandom random;
    private final long stopAt;
    private int cxid;

    Workload(World world, SplittableRandom random) {
        this.world = world;
        this.random = random;
        this.stopAt = world.options.faultPhaseMs() + world.options.quietMs() - LAST_WRITE_BEFORE_END_MS;
    }

    void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        double mean = world.options.writeIntervalMs();
        long wait = 1 + Math.round(-mean * Math.log(1 - random.nextDouble()));
        if (world.now() + wait < stopAt) {
            world.scheduler.after(wait, this::submit);
        }
    }

    private void submit() {
        List<SimPeer> up = world.upPeers();
        if (!up.isEmpty()) {
            SimPeer target = up.get(random.nextInt(up.size()));
            PeerMessage.Request request = request(++cxid);
            world.writes++;
            world.record(new Observation.WriteSubmitted(world.now(), target.id(), request.sessionId(), request.cxid()));
            target.deliver(new ZabEvent.WriteSubmitted(request));
        }
        scheduleNext();
    }

    /** The {@code cxid}-th write of the run. */
    static PeerMessage.Request request(int cxid) {
        int index = cxid - 1;
        byte[] data = ("w" + cxid).getBytes(StandardCharsets.UTF_8);
        ClientRequest body = index < KEYS
                ? new ClientRequest.Create(OpCode.CREATE, "/w" + index, data, Acl.OPEN_ACL_UNSAFE, 0)
                : new ClientRequest.SetData("/w" + (index % KEYS), data, -1);
        JuteWriter w = new JuteWriter(64);
        body.write(w);
        return new PeerMessage.Request(0, cxid, body.opCode(), w.toByteArray());
    }
}
