package io.paddock.core.tree;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Stat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One znode. Mutable, owned by the DataTree. Children live in a HashSet created with capacity 8, as in
 * ZooKeeper, so getChildren lists them in the same order ZooKeeper does for the same history.
 */
public final class DataNode {
    byte[] data;
    List<Acl> acl;
    final long czxid;
    long mzxid;
    final long ctime;
    long mtime;
    int version;
    int cversion;
    int aversion;
    final long ephemeralOwner;
    long pzxid;
    /** This node's hash as last counted into the tree digest (TreeDigest.add). */
    long digest;
    private Set<String> children;

    DataNode(byte[] data, List<Acl> acl, long czxid, long time, long ephemeralOwner) {
        this.data = data;
        this.acl = acl;
        this.czxid = czxid;
        this.mzxid = czxid;
        this.ctime = time;
        this.mtime = time;
        this.ephemeralOwner = ephemeralOwner;
        this.pzxid = czxid;
    }

    public byte[] data() {
        return data;
    }

    public List<Acl> acl() {
        return acl;
    }

    public long ephemeralOwner() {
        return ephemeralOwner;
    }

    public long mtime() {
        return mtime;
    }

    public long mzxid() {
        return mzxid;
    }

    public long pzxid() {
        return pzxid;
    }

    public int version() {
        return version;
    }

    /** The stored cversion: the number of children ever created here (sequential names use it). */
    public int cversion() {
        return cversion;
    }

    public int aversion() {
        return aversion;
    }

    public int childCount() {
        return children == null ? 0 : children.size();
    }

    /** Live view; callers copy before the tree changes. */
    public Set<String> children() {
        return children == null ? Set.of() : children;
    }

    void addChild(String name) {
        if (children == null) {
            children = new HashSet<>(8);
        }
        boolean added = children.add(name);
        assert added : "child added twice: " + name;
    }

    void removeChild(String name) {
        boolean removed = children != null && children.remove(name);
        assert removed : "removed a child that was not there: " + name;
    }

    /**
     * The Stat clients see, which is not the stored one in two ways, both ZooKeeper's: cversion is kept as the
     * number of child creates (the sequence counter) and shown as creates plus deletes (2 * creates - children
     * still present); and containers and TTL nodes show ephemeralOwner 0, their markers being internal.
     */
    public Stat stat() {
        int children = childCount();
        long shownOwner = EphemeralOwner.isSession(ephemeralOwner) ? ephemeralOwner : 0;
        return new Stat(czxid, mzxid, ctime, mtime, version, cversion * 2 - children, aversion, shownOwner,
                data == null ? 0 : data.length, children, pzxid);
    }
}
