package io.paddock.core.tree;

import io.paddock.core.wire.Acl;
import java.util.List;

/**
 * One znode exactly as stored (not as clients see it): the stored cversion counts child creates, and
 * ephemeralOwner keeps the container and TTL markers. Snapshots are made of these.
 */
public record NodeRecord(String path, byte[] data, List<Acl> acl, long czxid, long mzxid, long ctime, long mtime,
                         int version, int cversion, int aversion, long ephemeralOwner, long pzxid) {
    static NodeRecord of(String path, DataNode n) {
        return new NodeRecord(path, n.data, n.acl, n.czxid, n.mzxid, n.ctime, n.mtime, n.version, n.cversion,
                n.aversion, n.ephemeralOwner, n.pzxid);
    }
}
