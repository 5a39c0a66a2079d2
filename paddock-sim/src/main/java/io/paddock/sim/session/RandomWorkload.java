package io.paddock.sim.session;

import io.paddock.sim.client.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small random application, a pure function of its seed: bursts of up to {@code room} calls separated by random
 * think times, over {@link #PERSISTENT_PATHS} (create, setData, delete, getData, exists, with and without watches,
 * sync) and {@link #EPHEMERAL_PATHS} (ephemeral creates, deletes and reads, so session expiry matters). Every
 * written value is a unique token {@code c<client>-<n>}. Ephemeral paths are disjoint from persistent ones because
 * the linearizability model knows nothing of session expiry deleting a znode: check only persistent paths there.
 */
public final class RandomWorkload implements ClientWorkload {

    public static final List<String> PERSISTENT_PATHS = List.of("/k0", "/k1", "/k2", "/k3", "/k4");
    public static final List<String> EPHEMERAL_PATHS = List.of("/e0", "/e1");

    private final int client;
    private final SplittableRandom random;
    private final int maxThinkMillis;
    private long nextAt;
    private int tokens;

    public RandomWorkload(int client, SplittableRandom random, int maxThinkMillis) {
        if (maxThinkMillis < 1) throw new IllegalArgumentException("maxThinkMillis " + maxThinkMillis);
        this.client = client;
        this.random = random;
        this.maxThinkMillis = maxThinkMillis;
    }

    @Override
    public List<ClientOp> poll(long now, int room) {
        if (now < nextAt) return List.of();
        int burst = 1 + random.nextInt(room);
        List<ClientOp> ops = new ArrayList<>(burst);
        for (int i = 0; i < burst; i++) ops.add(next());
        nextAt = now + random.nextInt(maxThinkMillis) + 1;
        return ops;
    }

    private ClientOp next() {
        if (random.nextInt(5) == 0) return nextEphemeral();
        String path = PERSISTENT_PATHS.get(random.nextInt(PERSISTENT_PATHS.size()));
        int roll = random.nextInt(100);
        if (roll < 18) return new ClientOp.Create(path, token(), false);
        if (roll < 40) return new ClientOp.SetData(path, token(), version());
        if (roll < 50) return new ClientOp.Delete(path, version());
        if (roll < 72) return new ClientOp.GetData(path, random.nextBoolean());
        if (roll < 94) return new ClientOp.Exists(path, random.nextBoolean());
        return new ClientOp.Sync(path);
    }

    private ClientOp nextEphemeral() {
        String path = EPHEMERAL_PATHS.get(random.nextInt(EPHEMERAL_PATHS.size()));
        return switch (random.nextInt(4)) {
            case 0, 1 -> new ClientOp.Create(path, token(), true);
            case 2 -> new ClientOp.Delete(path, Command.ANY_VERSION);
            default -> new ClientOp.Exists(path, random.nextBoolean());
        };
    }

    /** Mostly unconditional; sometimes a small guessed version, so BadVersion happens. */
    private int version() {
        return random.nextInt(3) == 0 ? random.nextInt(3) : Command.ANY_VERSION;
    }

    private String token() {
        return "c" + client + "-" + tokens++;
    }
}
