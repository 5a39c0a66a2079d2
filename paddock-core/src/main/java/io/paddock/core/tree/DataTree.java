package io.paddock.core.tree;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Stat;
import io.paddock.core.wire.WatchEventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The znode tree and the one place state changes: {@link #apply}. Applying is deterministic and consults
 * nothing but the tree, so the live path, log replay and followers reach the same state from the same txns.
 * Stat rules follow Apache ZooKeeper exactly: a create bumps the parent's cversion and pzxid, a delete bumps
 * only the parent's pzxid, setData bumps the node's version/mzxid/mtime, setACL its aversion.
 */
public final class DataTree {
    public static final String ROOT = "/";
    public static final String ZOOKEEPER = "/zookeeper";
    public static final String QUOTA = "/zookeeper/quota";
    public static final String CONFIG = "/zookeeper/config";

    private final Map<String, DataNode> nodes = new HashMap<>();
    private final Map<Long, Set<String>> ephemerals = new HashMap<>();
    private final Set<String> containers = new LinkedHashSet<>();
    private final Set<String> ttls = new LinkedHashSet<>();
    private long lastProcessedZxid;
    private long approximateDataSize;
    /**
     * One shared instance per distinct ACL list, as ZooKeeper's ACL cache does: nearly every znode carries one of
     * a handful of ACLs, and a copy per node is memory every garbage collection has to carry. Bounded; past the
     * bound new lists are simply not shared.
     */
    private final Map<List<Acl>, List<Acl>> aclCache = new HashMap<>();
    static final int ACL_CACHE_ENTRIES_MAX = 4096;
    /** Kept current at every change: each mutation counts the node out before and back in after. */
    private final TreeDigest digest = new TreeDigest();

    public DataTree() {
        DataNode root = new DataNode(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0);
        // ZooKeeper keeps the root under "" too (parent of top-level paths); node counts include the alias.
        nodes.put("", root);
        nodes.put(ROOT, root);
        DataNode zookeeper = new DataNode(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0);
        root.addChild("zookeeper");
        nodes.put(ZOOKEEPER, zookeeper);
        zookeeper.addChild("quota");
        nodes.put(QUOTA, new DataNode(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0));
        zookeeper.addChild("config");
        DataNode config = new DataNode(new byte[0], Acl.READ_ACL_UNSAFE, 0, 0, 0);
        config.aversion = -1; // ZooKeeper installs the config node's ACL with version -1
        nodes.put(CONFIG, config);
        for (Map.Entry<String, DataNode> e : nodes.entrySet()) {
            approximateDataSize += sizeOf(e.getKey(), e.getValue().data);
        }
        digest.add(ROOT, root);
        digest.add(ZOOKEEPER, zookeeper);
        digest.add(QUOTA, nodes.get(QUOTA)); // not counted (under /zookeeper/); added so the rule lives in one place
        digest.add(CONFIG, config);
    }

    /** Paths ZooKeeper owns: they cannot be deleted. */
    public static boolean isSpecialPath(String path) {
        return ROOT.equals(path) || ZOOKEEPER.equals(path) || QUOTA.equals(path) || CONFIG.equals(path);
    }

    public DataNode get(String path) {
        return nodes.get(path);
    }

    public long lastProcessedZxid() {
        return lastProcessedZxid;
    }

    /** Number of entries in the node table, counting the root's "" alias as ZooKeeper does. */
    public int nodeCount() {
        return nodes.size();
    }

    public long approximateDataSize() {
        return approximateDataSize;
    }

    /**
     * The tree's content digest, ZooKeeper's (see {@link TreeDigest}): equal on every replica holding the same
     * nodes, whatever history led there. Maintained incrementally, so reading it is free.
     */
    public long digest() {
        return digest.value();
    }

    /** The formula version of {@link #digest()}, ZooKeeper's numbering. */
    public static int digestVersion() {
        return TreeDigest.VERSION;
    }

    /** The digest summed afresh over every node; only tests use it, to check the incremental one. */
    long recomputeDigest() {
        TreeDigest fresh = new TreeDigest();
        for (Map.Entry<String, DataNode> e : nodes.entrySet()) {
            if (!e.getKey().isEmpty()) { // the root's "" alias: the root is counted once, under "/"
                fresh.add(e.getKey(), e.getValue());
            }
        }
        return fresh.value();
    }

    public Set<String> ephemeralsOf(long sessionId) {
        Set<String> paths = ephemerals.get(sessionId);
        return paths == null ? Set.of() : paths;
    }

    public Map<Long, Set<String>> ephemerals() {
        return ephemerals;
    }

    public Set<String> containers() {
        return containers;
    }

    public Set<String> ttls() {
        return ttls;
    }

    /** getAllChildrenNumber: the number of descendants (for "/", every node but the root, as in ZooKeeper). */
    public int descendantCount(String path) {
        DataNode start = nodes.get(path);
        if (start == null) {
            return 0;
        }
        int count = 0;
        ArrayDeque<String> pending = new ArrayDeque<>();
        pending.push(path);
        while (!pending.isEmpty()) {
            String p = pending.pop();
            for (String child : nodes.get(p).children()) {
                count++;
                pending.push(ROOT.equals(p) ? "/" + child : p + "/" + child);
            }
        }
        return count;
    }

    /**
     * Applies one txn. Watch triggers it causes are appended to {@code triggers} in the order ZooKeeper fires
     * them. Errors a replay can meet (a node already there, or gone) are reported in the result, never thrown.
     */
    public TxnResult apply(TxnHeader header, Txn txn, List<WatchTrigger> triggers) {
        TxnResult result = applyOne(header, txn, triggers);
        if (header.zxid() > lastProcessedZxid) {
            lastProcessedZxid = header.zxid();
        }
        return result;
    }

    private TxnResult applyOne(TxnHeader header, Txn txn, List<WatchTrigger> triggers) {
        long zxid = header.zxid();
        return switch (txn) {
            case Txn.Create c -> create(c.type(), c.path(), c.data(), c.acl(), c.ephemeral() ? header.sessionId() : 0,
                    c.parentCVersion(), zxid, header.time(), triggers);
            case Txn.CreateContainer c -> create(OpCode.CREATE_CONTAINER, c.path(), c.data(), c.acl(),
                    EphemeralOwner.CONTAINER, c.parentCVersion(), zxid, header.time(), triggers);
            case Txn.CreateTtl c -> create(OpCode.CREATE_TTL, c.path(), c.data(), c.acl(), EphemeralOwner.ttl(c.ttl()),
                    c.parentCVersion(), zxid, header.time(), triggers);
            case Txn.Delete d -> delete(d.type(), d.path(), zxid, triggers);
            case Txn.SetData s -> setData(s, zxid, header.time(), triggers);
            case Txn.SetAcl s -> setAcl(s);
            case Txn.CheckVersion c -> TxnResult.of(OpCode.CHECK, c.path(), null);
            case Txn.CreateSession s -> TxnResult.of(OpCode.CREATE_SESSION, null, null);
            case Txn.CloseSession c -> closeSession(header.sessionId(), c.paths2Delete(), zxid, triggers);
            case Txn.Error e -> TxnResult.error(e.err());
            case Txn.Multi m -> multi(header, m, triggers);
        };
    }

    private TxnResult create(int type, String path, byte[] data, List<Acl> acl, long owner, int parentCVersion,
                             long zxid, long time, List<WatchTrigger> triggers) {
        String parentPath = PathValidator.parentOf(path);
        DataNode parent = nodes.get(parentPath);
        if (parent == null) {
            return TxnResult.error(ErrorCode.NO_NODE);
        }
        if (parentCVersion == -1) {
            parentCVersion = parent.cversion + 1;
        }
        DataNode existing = nodes.get(path);
        if (existing != null) {
            // Only replay over a fuzzy snapshot gets here. ZooKeeper then takes the txn's ACL and, for a plain
            // create, still moves the parent's cversion forward, so replay converges on the same tree.
            existing.acl = shared(acl);
            if (type == OpCode.CREATE && parentCVersion > parent.cversion) {
                digest.remove(parentPath, parent);
                parent.cversion = parentCVersion;
                parent.pzxid = zxid;
                digest.add(parentPath, parent);
            }
            return TxnResult.error(ErrorCode.NODE_EXISTS);
        }
        if (parentCVersion > parent.cversion) {
            digest.remove(parentPath, parent);
            parent.cversion = parentCVersion;
            parent.pzxid = zxid;
            digest.add(parentPath, parent);
        }
        DataNode node = new DataNode(data, shared(acl), zxid, time, owner);
        parent.addChild(PathValidator.childName(path));
        nodes.put(path, node);
        digest.add(path, node);
        approximateDataSize += sizeOf(path, data);
        if (EphemeralOwner.isContainer(owner)) {
            containers.add(path);
        } else if (EphemeralOwner.isTtl(owner)) {
            ttls.add(path);
        } else if (owner != 0) {
            ephemerals.computeIfAbsent(owner, k -> new HashSet<>()).add(path);
        }
        triggers.add(new WatchTrigger(path, WatchEventType.NODE_CREATED, acl));
        triggers.add(new WatchTrigger(parentPath, WatchEventType.NODE_CHILDREN_CHANGED, parent.acl));
        return TxnResult.of(type, path, node.stat());
    }

    private TxnResult delete(int type, String path, long zxid, List<WatchTrigger> triggers) {
        String parentPath = PathValidator.parentOf(path);
        DataNode parent = nodes.get(parentPath);
        if (parent == null || isSpecialPath(path)) {
            return TxnResult.error(ErrorCode.NO_NODE);
        }
        // The parent's pzxid moves even when the child is already gone (replay), as in ZooKeeper.
        if (zxid > parent.pzxid) {
            digest.remove(parentPath, parent);
            parent.pzxid = zxid;
            digest.add(parentPath, parent);
        }
        DataNode node = nodes.get(path);
        if (node == null) {
            return TxnResult.error(ErrorCode.NO_NODE);
        }
        parent.removeChild(PathValidator.childName(path));
        nodes.remove(path);
        digest.remove(path, node);
        approximateDataSize -= sizeOf(path, node.data);
        long owner = node.ephemeralOwner;
        if (EphemeralOwner.isContainer(owner)) {
            containers.remove(path);
        } else if (EphemeralOwner.isTtl(owner)) {
            ttls.remove(path);
        } else if (owner != 0) {
            Set<String> owned = ephemerals.get(owner);
            if (owned != null) {
                owned.remove(path); // the emptied set stays, as in ZooKeeper, so later iteration orders match
            }
        }
        triggers.add(new WatchTrigger(path, WatchEventType.NODE_DELETED, node.acl));
        triggers.add(new WatchTrigger(parentPath, WatchEventType.NODE_CHILDREN_CHANGED, parent.acl));
        return TxnResult.of(type, path, null);
    }

    private TxnResult setData(Txn.SetData s, long zxid, long time, List<WatchTrigger> triggers) {
        DataNode node = nodes.get(s.path());
        if (node == null) {
            return TxnResult.error(ErrorCode.NO_NODE);
        }
        approximateDataSize += sizeOf(s.path(), s.data()) - sizeOf(s.path(), node.data);
        digest.remove(s.path(), node);
        node.data = s.data();
        node.mtime = time;
        node.mzxid = zxid;
        node.version = s.version();
        digest.add(s.path(), node);
        triggers.add(new WatchTrigger(s.path(), WatchEventType.NODE_DATA_CHANGED, node.acl));
        return TxnResult.of(OpCode.SET_DATA, s.path(), node.stat());
    }

    private TxnResult setAcl(Txn.SetAcl s) {
        DataNode node = nodes.get(s.path());
        if (node == null) {
            return TxnResult.error(ErrorCode.NO_NODE);
        }
        digest.remove(s.path(), node);
        node.acl = shared(s.acl());
        node.aversion = s.version();
        digest.add(s.path(), node);
        return TxnResult.of(OpCode.SET_ACL, s.path(), node.stat());
    }

    private TxnResult closeSession(long sessionId, List<String> paths2Delete, long zxid, List<WatchTrigger> triggers) {
        for (String path : paths2Delete) {
            delete(OpCode.DELETE, path, zxid, triggers);
        }
        // Ephemerals the txn did not list (there should be none) go too, as ZooKeeper's killSession does.
        Set<String> rest = ephemerals.remove(sessionId);
        if (rest != null) {
            for (String path : new ArrayList<>(rest)) {
                delete(OpCode.DELETE, path, zxid, triggers);
            }
        }
        return TxnResult.of(OpCode.CLOSE_SESSION, null, null);
    }

    private TxnResult multi(TxnHeader header, Txn.Multi multi, List<WatchTrigger> triggers) {
        boolean failed = multi.txns().stream().anyMatch(t -> t instanceof Txn.Error);
        List<TxnResult> results = new ArrayList<>(multi.txns().size());
        int firstErr = 0;
        boolean pastFailure = false;
        for (Txn sub : multi.txns()) {
            TxnResult r;
            if (failed && !(sub instanceof Txn.Error)) {
                // A failed multi changes nothing: ops before the failure report 0, after it RuntimeInconsistency.
                r = TxnResult.error(pastFailure ? ErrorCode.RUNTIME_INCONSISTENCY : ErrorCode.OK);
            } else {
                if (sub instanceof Txn.Error) {
                    pastFailure = true;
                }
                TxnHeader subHeader = new TxnHeader(header.sessionId(), header.cxid(), header.zxid(), header.time(),
                        sub.type());
                r = applyOne(subHeader, sub, triggers);
            }
            if (r.err() != 0 && firstErr == 0) {
                firstErr = r.err();
            }
            results.add(r);
        }
        return new TxnResult(OpCode.MULTI, null, null, firstErr, results);
    }

    private List<Acl> shared(List<Acl> acl) {
        List<Acl> known = aclCache.get(acl);
        if (known != null) {
            return known;
        }
        List<Acl> copy = List.copyOf(acl);
        if (aclCache.size() < ACL_CACHE_ENTRIES_MAX) {
            aclCache.put(copy, copy);
        }
        return copy;
    }

    private static long sizeOf(String path, byte[] data) {
        return path.length() + (data == null ? 0 : data.length);
    }

    /**
     * Puts a node back exactly as a snapshot recorded it; parents must come before their children. Nodes the
     * tree starts with (/, /zookeeper, …) are overwritten in place.
     */
    public void restore(NodeRecord r) {
        DataNode node = new DataNode(r.data(), shared(r.acl()), r.czxid(), r.ctime(), r.ephemeralOwner());
        node.mzxid = r.mzxid();
        node.mtime = r.mtime();
        node.version = r.version();
        node.cversion = r.cversion();
        node.aversion = r.aversion();
        node.pzxid = r.pzxid();
        DataNode previous = nodes.get(r.path());
        if (previous != null) {
            for (String child : previous.children()) {
                node.addChild(child);
            }
            approximateDataSize -= sizeOf(r.path(), previous.data);
            digest.remove(r.path(), previous);
        } else {
            DataNode parent = nodes.get(PathValidator.parentOf(r.path()));
            if (parent == null) {
                throw new IllegalArgumentException("restored before its parent: " + r.path());
            }
            parent.addChild(PathValidator.childName(r.path()));
        }
        nodes.put(r.path(), node);
        if (ROOT.equals(r.path())) {
            nodes.put("", node);
        }
        digest.add(r.path(), node);
        approximateDataSize += sizeOf(r.path(), r.data());
        long owner = r.ephemeralOwner();
        if (EphemeralOwner.isContainer(owner)) {
            containers.add(r.path());
        } else if (EphemeralOwner.isTtl(owner)) {
            ttls.add(r.path());
        } else if (owner != 0) {
            ephemerals.computeIfAbsent(owner, k -> new HashSet<>()).add(r.path());
        }
    }

    /** After restoring a snapshot: the zxid the snapshot was taken at. */
    public void restoredThrough(long zxid) {
        lastProcessedZxid = zxid;
    }

    /** Copies of a node's Stat and data for a read, or null. */
    public Stat statOf(String path) {
        DataNode node = nodes.get(path);
        return node == null ? null : node.stat();
    }
}
