package io.paddock.storage.crash;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.OpCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded client requests over a small namespace, so that creates collide, deletes hit and miss, children
 * need parents and ephemerals block children: plenty of both successes and errors. Every payload is unique,
 * so a recovered znode's data names the write it came from.
 */
final class Workload {
    private static final List<String> NAMES = List.of("/a", "/b", "/c", "/a/x", "/a/y", "/b/x", "/c/x", "/a/x/p");
    private static final List<String> TOP_LEVEL = List.of("/a", "/b", "/c");
    private static final List<String> SEQUENTIAL_PREFIXES = List.of("/s-", "/a/s-", "/b/q-");
    static final int SEQUENTIAL_PATHS_MAX = 24;

    private final Random random;
    /** Sequential names the server handed out, so later writes can touch them. */
    private final List<String> sequentialPaths = new ArrayList<>();
    private int payloads;

    Workload(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    /** A created sequential znode's name, learnt from a reply. */
    void learn(String path) {
        if (path != null && path.matches(".*-\\d{10}") && !sequentialPaths.contains(path)) {
            if (sequentialPaths.size() == SEQUENTIAL_PATHS_MAX) {
                sequentialPaths.remove(random.nextInt(SEQUENTIAL_PATHS_MAX));
            }
            sequentialPaths.add(path);
        }
    }

    ClientRequest nextRequest() {
        int r = random.nextInt(100);
        if (r < 35) {
            return create(random.nextInt(5) == 0 ? OpCode.CREATE : OpCode.CREATE2);
        } else if (r < 60) {
            return new ClientRequest.SetData(anyPath(), payload(), version());
        } else if (r < 75) {
            return new ClientRequest.Delete(anyPath(), random.nextInt(5) == 0 ? random.nextInt(3) : -1);
        } else if (r < 83) {
            return multi();
        } else if (r < 87) {
            return rebuild();
        } else if (r < 90) {
            return tearDown();
        } else if (r < 95) {
            return new ClientRequest.GetData(anyPath(), false);
        }
        return new ClientRequest.Exists(anyPath(), false);
    }

    private ClientRequest.Create create(int opCode) {
        CreateMode mode = switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> CreateMode.PERSISTENT;
            case 4, 5 -> CreateMode.EPHEMERAL;
            case 6, 7 -> CreateMode.PERSISTENT_SEQUENTIAL;
            default -> CreateMode.EPHEMERAL_SEQUENTIAL;
        };
        String path = mode.isSequential()
                ? SEQUENTIAL_PREFIXES.get(random.nextInt(SEQUENTIAL_PREFIXES.size()))
                : NAMES.get(random.nextInt(NAMES.size()));
        return new ClientRequest.Create(opCode, path, payload(), Acl.OPEN_ACL_UNSAFE, mode.flag());
    }

    private ClientRequest.Multi multi() {
        int count = 1 + random.nextInt(3);
        List<ClientRequest.MultiOp> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ops.add(switch (random.nextInt(4)) {
                case 0 -> create(random.nextBoolean() ? OpCode.CREATE : OpCode.CREATE2);
                case 1 -> new ClientRequest.SetData(anyPath(), payload(), version());
                case 2 -> new ClientRequest.Delete(anyPath(), -1);
                default -> new ClientRequest.Check(anyPath(), version());
            });
        }
        return new ClientRequest.Multi(OpCode.MULTI, ops);
    }

    /** Replaces a top-level node by a new one with a child, in one txn: churn that fuzzy snapshots must survive. */
    private ClientRequest.Multi rebuild() {
        String parent = TOP_LEVEL.get(random.nextInt(TOP_LEVEL.size()));
        return new ClientRequest.Multi(OpCode.MULTI, List.of(
                new ClientRequest.Delete(parent, -1),
                new ClientRequest.Create(OpCode.CREATE, parent, payload(), Acl.OPEN_ACL_UNSAFE, 0),
                new ClientRequest.Create(OpCode.CREATE2, parent + "/x", payload(), Acl.OPEN_ACL_UNSAFE, 0)));
    }

    /** Removes a top-level node and its usual child, so that it can be rebuilt. */
    private ClientRequest.Multi tearDown() {
        String parent = TOP_LEVEL.get(random.nextInt(TOP_LEVEL.size()));
        return new ClientRequest.Multi(OpCode.MULTI, List.of(
                new ClientRequest.Delete(parent + "/x", -1), new ClientRequest.Delete(parent, -1)));
    }

    private String anyPath() {
        if (!sequentialPaths.isEmpty() && random.nextInt(3) == 0) {
            return sequentialPaths.get(random.nextInt(sequentialPaths.size()));
        }
        return NAMES.get(random.nextInt(NAMES.size()));
    }

    private int version() {
        return random.nextInt(4) == 0 ? random.nextInt(3) : -1;
    }

    /** Unique bytes; now and then empty, which is unique per path only by its write's zxid. */
    private byte[] payload() {
        if (random.nextInt(20) == 0) {
            return new byte[0];
        }
        return ("v" + payloads++ + "-" + "#".repeat(random.nextInt(40))).getBytes(StandardCharsets.UTF_8);
    }
}
