package io.paddock.compat.differential;

import io.paddock.compat.support.Clients;
import io.paddock.compat.support.Clients.Client;
import io.paddock.compat.support.EventLog;
import io.paddock.compat.support.ServerPool;
import io.paddock.compat.support.ServerUnderTest;
import io.paddock.compat.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * Replays a script against a fresh server of one kind: connects the clients one after another (so their
 * createSession zxids are the same on every server), runs each step synchronously, and records a {@link
 * Transcript}. Zxids are recorded as they are: a fresh server starts from the same zxid, so they must match.
 */
final class ScriptRunner {
    static final String AUTHENTICATED_USER = "carol:secret";

    private final String kind;
    private final int clients;

    ScriptRunner(String kind, int clients) {
        this.kind = kind;
        this.clients = clients;
    }

    Transcript run(List<Step> script) throws Exception {
        Path dir = Files.createTempDirectory("paddock-diff");
        List<Client> connected = new ArrayList<>();
        ServerUnderTest server = TestServers.start(kind, dir);
        try {
            for (int i = 0; i < clients; i++) {
                connected.add(Clients.connect(server.connectString(), 30_000));
            }
            // The last client is authenticated, so CREATOR_ALL ACLs it sets are valid and shut the others out.
            connected.get(clients - 1).zk().addAuthInfo("digest", AUTHENTICATED_USER.getBytes(StandardCharsets.UTF_8));
            Map<Long, String> owners = new LinkedHashMap<>();
            for (int i = 0; i < clients; i++) {
                owners.put(connected.get(i).zk().getSessionId(), "client#" + i);
            }
            List<String> lines = new ArrayList<>();
            boolean[] closed = new boolean[clients];
            for (Step step : script) {
                if (closed[step.client()]) {
                    throw new IllegalArgumentException("script uses closed client: " + step);
                }
                if (step instanceof Step.CloseSession close) {
                    barrier(connected.get(close.client()).zk());
                    connected.get(close.client()).close();
                    closed[close.client()] = true;
                    lines.add("closed");
                } else {
                    lines.add(execute(connected.get(step.client()).zk(), step, owners));
                }
            }
            Map<Integer, List<String>> events = new LinkedHashMap<>();
            for (int i = 0; i < clients; i++) {
                if (!closed[i]) {
                    barrier(connected.get(i).zk());
                }
                events.put(i, connected.get(i).events().nodeEvents().stream().map(EventLog.Event::toString).toList());
            }
            return new Transcript(kind, lines, events);
        } finally {
            // Clients before the server: a client closing against a stopped server waits out its timeout.
            connected.parallelStream().forEach(Client::close);
            server.close();
            ServerPool.deleteRecursively(dir);
        }
    }

    /**
     * Waits until every watch event the server sent this client before now has been delivered: the callback of
     * an asynchronous request runs on the client's event thread after the events that arrived before its reply.
     */
    private static void barrier(ZooKeeper zk) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        zk.sync("/", (rc, path, ctx) -> done.complete(null), null);
        done.get(10, TimeUnit.SECONDS);
    }

    private static String execute(ZooKeeper zk, Step step, Map<Long, String> owners) throws InterruptedException {
        try {
            return "OK " + switch (step) {
                case Step.Create c -> {
                    Stat stat = new Stat();
                    String path = zk.create(c.path(), bytes(c.data()), Ids.OPEN_ACL_UNSAFE, c.mode(), stat);
                    yield "path=" + path + " " + stat(stat, owners);
                }
                case Step.Delete d -> {
                    zk.delete(d.path(), d.version());
                    yield "deleted";
                }
                case Step.SetData s -> stat(zk.setData(s.path(), bytes(s.data()), s.version()), owners);
                case Step.GetData g -> {
                    Stat stat = new Stat();
                    byte[] data = zk.getData(g.path(), g.watch(), stat);
                    yield "data=" + text(data) + " " + stat(stat, owners);
                }
                case Step.Exists e -> {
                    Stat stat = zk.exists(e.path(), e.watch());
                    yield stat == null ? "absent" : stat(stat, owners);
                }
                case Step.GetChildren g -> {
                    Stat stat = new Stat();
                    // Sorted: ZooKeeper answers in its hash set's order, which no client may rely on.
                    List<String> children = zk.getChildren(g.path(), g.watch(), stat).stream().sorted().toList();
                    yield "children=" + children + " " + stat(stat, owners);
                }
                case Step.SetAcl s -> stat(zk.setACL(s.path(), acl(s.acl()), s.version()), owners);
                case Step.GetAcl g -> {
                    Stat stat = new Stat();
                    List<ACL> acl = zk.getACL(g.path(), stat);
                    yield "acl=" + acl.stream().map(a -> a.getPerms() + ":" + a.getId().getScheme() + ":" + a.getId().getId())
                            .toList() + " " + stat(stat, owners);
                }
                case Step.Multi m -> "results=" + results(zk.multi(m.ops().stream().map(ScriptRunner::op).toList()), owners);
                case Step.AddWatch w -> {
                    zk.addWatch(w.path(), w.recursive() ? AddWatchMode.PERSISTENT_RECURSIVE : AddWatchMode.PERSISTENT);
                    yield "watching";
                }
                case Step.RemoveAllWatches w -> {
                    zk.removeAllWatches(w.path(), WatcherType.Any, false);
                    yield "removed";
                }
                case Step.GetEphemerals g -> "ephemerals=" + zk.getEphemerals(g.prefix()).stream().sorted().toList();
                case Step.AllChildrenNumber a -> "count=" + zk.getAllChildrenNumber(a.path());
                case Step.MultiRead m -> "results=" + results(zk.multi(List.of(Op.getData(m.dataPath()), Op.getChildren(m.childrenPath()))), owners);
                case Step.Check c -> throw new IllegalArgumentException("check only inside multi: " + c);
                case Step.CloseSession c -> throw new IllegalStateException("handled by run");
            };
        } catch (KeeperException e) {
            String results = e.getResults() == null ? "" : " results=" + results(e.getResults(), owners);
            return "ERR " + e.code() + results;
        }
    }

    private static Op op(Step step) {
        return switch (step) {
            case Step.Create c -> Op.create(c.path(), bytes(c.data()), Ids.OPEN_ACL_UNSAFE, c.mode());
            case Step.Delete d -> Op.delete(d.path(), d.version());
            case Step.SetData s -> Op.setData(s.path(), bytes(s.data()), s.version());
            case Step.Check c -> Op.check(c.path(), c.version());
            default -> throw new IllegalArgumentException("not a multi op: " + step);
        };
    }

    private static String results(List<OpResult> results, Map<Long, String> owners) {
        return results.stream().map(r -> switch (r) {
            case OpResult.ErrorResult e -> "err(" + e.getErr() + ")";
            case OpResult.CreateResult c -> "create(" + c.getPath() + (c.getStat() == null ? "" : " " + stat(c.getStat(), owners)) + ")";
            case OpResult.SetDataResult s -> "set(" + stat(s.getStat(), owners) + ")";
            case OpResult.DeleteResult d -> "delete";
            case OpResult.CheckResult c -> "check";
            case OpResult.GetDataResult g -> "data(" + text(g.getData()) + " " + stat(g.getStat(), owners) + ")";
            case OpResult.GetChildrenResult g -> "children(" + g.getChildren().stream().sorted().toList() + ")";
            default -> r.getClass().getSimpleName();
        }).collect(Collectors.joining(", ", "[", "]"));
    }

    static List<ACL> acl(Step.AclChoice choice) {
        return switch (choice) {
            case OPEN -> Ids.OPEN_ACL_UNSAFE;
            // Not List.of: the client probes the list with contains(null), which List.of rejects.
            case READ_ADMIN_ONLY -> java.util.Arrays.asList(new ACL(Perms.READ | Perms.ADMIN, Ids.ANYONE_ID_UNSAFE));
            case CREATOR_ALL -> Ids.CREATOR_ALL_ACL;
        };
    }

    /** Every Stat field except ctime and mtime; the ephemeral owner named by client. */
    static String stat(Stat s, Map<Long, String> owners) {
        long owner = s.getEphemeralOwner();
        String ownerName = owner == 0 ? "0" : owners.getOrDefault(owner, "unknown:0x" + Long.toHexString(owner));
        return "stat{czxid=" + s.getCzxid() + " mzxid=" + s.getMzxid() + " pzxid=" + s.getPzxid()
                + " version=" + s.getVersion() + " cversion=" + s.getCversion() + " aversion=" + s.getAversion()
                + " owner=" + ownerName + " dataLength=" + s.getDataLength() + " numChildren=" + s.getNumChildren() + "}";
    }

    private static byte[] bytes(String data) {
        return data == null ? null : data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return data == null ? "null" : "'" + new String(data, java.nio.charset.StandardCharsets.UTF_8) + "'";
    }
}
