package io.paddock.core.node;

import io.paddock.core.tree.DataNode;
import io.paddock.core.wire.Acl;
import java.util.List;

/** What request preparation needs to know about a znode, as it will be once all prepared txns apply. */
record NodeView(long ephemeralOwner, int version, int cversion, int aversion, int childCount, List<Acl> acl) {
    static NodeView of(DataNode node) {
        return new NodeView(node.ephemeralOwner(), node.version(), node.cversion(), node.aversion(), node.childCount(),
                node.acl());
    }

    NodeView withVersion(int v) {
        return new NodeView(ephemeralOwner, v, cversion, aversion, childCount, acl);
    }

    NodeView withAcl(List<Acl> newAcl, int newAversion) {
        return new NodeView(ephemeralOwner, version, cversion, newAversion, childCount, newAcl);
    }

    NodeView withChildAdded(int newCversion) {
        return new NodeView(ephemeralOwner, version, newCversion, aversion, childCount + 1, acl);
    }

    NodeView withChildRemoved() {
        return new NodeView(ephemeralOwner, version, cversion, aversion, childCount - 1, acl);
    }
}
