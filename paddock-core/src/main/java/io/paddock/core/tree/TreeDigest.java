package io.paddock.core.tree;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A digest of the whole tree's content that changes in O(1) per node change, ZooKeeper 3.9's (digest version 2):
 * each node hashes to a CRC32 of its path, data and stored stat (czxid, mzxid, pzxid, ctime, mtime, version,
 * cversion, aversion, ephemeralOwner, big-endian), and the tree's digest is the sum of those, modulo 2^64. A sum
 * does not care about order, and a removed node's hash is simply subtracted, so the digest is a function of the
 * content alone: two replicas with the same nodes agree however they got there.
 *
 * <p>CRC32 rather than CRC32C, to hash exactly as ZooKeeper does (same input, same polynomial), so a digest
 * here can be compared with a ZooKeeper server's for the same tree. ACL lists, children and the container/TTL
 * indexes are left out as in ZooKeeper: aversion stands for the ACL, and children show up as their own nodes.
 *
 * <p>Nodes under "/zookeeper/" (quota and config) are left out, as in ZooKeeper, where they are updated locally
 * rather than by txns; "/zookeeper" itself counts. The root counts once, under the path "" (its alias "/" is
 * the same node).
 */
final class TreeDigest {
    /** ZooKeeper's number for this formula; to be sent alongside a digest so a changed formula is detectable. */
    static final int VERSION = 2;
    private static final String EXCLUDED_SUBTREE = DataTree.ZOOKEEPER + "/";
    private static final int STAT_BYTES = 6 * Long.BYTES + 3 * Integer.BYTES;

    // Reused between calls: the tree is applied by one thread at a time, and this is on every change's path.
    private final CRC32 crc = new CRC32();
    private final ByteBuffer stat = ByteBuffer.allocate(STAT_BYTES);
    private long sum;

    /** The digest of every counted node, modulo 2^64. */
    long value() {
        return sum;
    }

    /** Whether a node at this path contributes to the digest. */
    static boolean counts(String path) {
        return !path.startsWith(EXCLUDED_SUBTREE);
    }

    /** Counts a node in: after it is created or restored, or after a change (paired with {@link #remove}). */
    void add(String path, DataNode n) {
        if (counts(path)) {
            n.digest = nodeDigest(path, n); // cached so removing it later needs no re-hash, as ZooKeeper does
            sum += n.digest;
        }
    }

    /** Counts a node out: before it is deleted or replaced, or before a change (paired with {@link #add}). */
    void remove(String path, DataNode n) {
        if (counts(path)) {
            assert n.digest == nodeDigest(path, n) : "node " + path + " changed outside a remove/add pair";
            sum -= n.digest;
        }
    }

    long nodeDigest(String path, DataNode n) {
        return nodeDigest(path, n.data, n.czxid, n.mzxid, n.pzxid, n.ctime, n.mtime, n.version, n.cversion,
                n.aversion, n.ephemeralOwner);
    }

    /** One node's hash; the stat fields are the stored ones (see {@link NodeRecord}), not those clients see. */
    long nodeDigest(String path, byte[] data, long czxid, long mzxid, long pzxid, long ctime, long mtime,
                    int version, int cversion, int aversion, long ephemeralOwner) {
        crc.reset();
        // ZooKeeper reaches the root as both "" and "/"; hashing it as "" keeps both spellings equal.
        if (!DataTree.ROOT.equals(path)) {
            crc.update(path.getBytes(StandardCharsets.UTF_8));
        }
        if (data != null) {
            crc.update(data);
        }
        stat.clear();
        stat.putLong(czxid).putLong(mzxid).putLong(pzxid).putLong(ctime).putLong(mtime)
                .putInt(version).putInt(cversion).putInt(aversion).putLong(ephemeralOwner);
        assert stat.position() == STAT_BYTES;
        crc.update(stat.array(), 0, STAT_BYTES);
        return crc.getValue();
    }
}
