package io.paddock.compat.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.zookeeper.CreateMode;

/**
 * Seeded random scripts over a small path space, so that creates collide, parents go missing, versions go
 * stale and watches fire. No containers or TTL nodes: the background sweep would delete them at times that
 * differ between servers.
 */
final class RandomScripts {
    static final int CLIENTS = 3;
    /** Top-level paths repeated so that parents exist often enough for the deeper paths to matter. */
    private static final List<String> PATHS = List.of("/a", "/a", "/a", "/b", "/b", "/a/x", "/a/x", "/a/y", "/b/x", "/a/x/z");

    private RandomScripts() {
    }

    static List<Step> generate(long seed, int length) {
        Random random = new Random(seed);
        List<Step> script = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            script.add(step(random, random.nextInt(CLIENTS)));
        }
        // Close one session (a write) and let another client write after it, so its zxid is visible.
        script.add(new Step.CloseSession(CLIENTS - 1));
        script.add(new Step.Create(0, "/end", "end", CreateMode.PERSISTENT));
        script.add(new Step.GetChildren(0, "/", false));
        return script;
    }

    private static Step step(Random r, int client) {
        String path = PATHS.get(r.nextInt(PATHS.size()));
        int version = r.nextInt(4) == 0 ? r.nextInt(3) : -1;
        return switch (r.nextInt(20)) {
            case 0, 1, 2, 3 -> create(r, client, path);
            case 4 -> new Step.Delete(client, path, version);
            case 5, 6 -> new Step.SetData(client, path, data(r), version);
            case 7 -> new Step.GetData(client, path, r.nextBoolean());
            case 8 -> new Step.Exists(client, path, r.nextBoolean());
            case 9 -> new Step.GetChildren(client, path, r.nextBoolean());
            case 10 -> new Step.SetAcl(client, path, Step.AclChoice.values()[r.nextInt(3)], version);
            case 11 -> new Step.GetAcl(client, path);
            case 12, 13 -> multi(r, client);
            case 14 -> new Step.AddWatch(client, path, r.nextBoolean());
            case 15 -> new Step.RemoveAllWatches(client, path);
            case 16 -> new Step.GetEphemerals(client, r.nextBoolean() ? "/" : path);
            case 17 -> new Step.AllChildrenNumber(client, path);
            case 18 -> new Step.MultiRead(client, path, PATHS.get(r.nextInt(PATHS.size())));
            default -> new Step.Delete(client, path, -1);
        };
    }

    /** Mostly plain persistent nodes; sequential ones go under the chosen path so the path space stays small. */
    private static Step create(Random r, int client, String path) {
        int pick = r.nextInt(20);
        if (pick < 12) {
            return new Step.Create(client, path, data(r), CreateMode.PERSISTENT);
        } else if (pick < 15) {
            return new Step.Create(client, path, data(r), CreateMode.EPHEMERAL);
        } else if (pick < 18) {
            return new Step.Create(client, path + "/s-", data(r), CreateMode.PERSISTENT_SEQUENTIAL);
        }
        return new Step.Create(client, path + "/e-", data(r), CreateMode.EPHEMERAL_SEQUENTIAL);
    }

    private static Step multi(Random r, int client) {
        int n = 1 + r.nextInt(3);
        List<Step> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = PATHS.get(r.nextInt(PATHS.size()));
            int version = r.nextInt(3) == 0 ? r.nextInt(2) : -1;
            ops.add(switch (r.nextInt(4)) {
                case 0 -> r.nextBoolean()
                        ? new Step.Create(client, path, data(r), CreateMode.PERSISTENT)
                        : new Step.Create(client, path + "/s-", data(r), CreateMode.PERSISTENT_SEQUENTIAL);
                case 1 -> new Step.Delete(client, path, version);
                case 2 -> new Step.SetData(client, path, data(r), version);
                default -> new Step.Check(client, path, version);
            });
        }
        return new Step.Multi(client, ops);
    }

    private static String data(Random r) {
        return r.nextInt(5) == 0 ? null : "d" + r.nextInt(100);
    }
}
