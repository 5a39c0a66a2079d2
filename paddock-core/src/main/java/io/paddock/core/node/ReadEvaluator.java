package io.paddock.core.node;

import io.paddock.core.tree.AccessControl;
import io.paddock.core.tree.DataNode;
import io.paddock.core.tree.DataTree;
import io.paddock.core.watch.NodeZxids;
import io.paddock.core.watch.WatchDelivery;
import io.paddock.core.watch.WatchKind;
import io.paddock.core.watch.WatchTable;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.KeeperState;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import io.paddock.core.wire.WatcherEvent;
import io.paddock.core.wire.WatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers requests that change nothing (reads, pings, watch management) against the applied tree, with
 * ZooKeeper's ACL checks and watch registration rules.
 */
final class ReadEvaluator {
    /** Thrown inside evaluation to answer with an error code. */
    private static final class Refused extends RuntimeException {
        final int code;

        Refused(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private final DataTree tree;
    private final WatchTable watches;

    ReadEvaluator(DataTree tree, WatchTable watches) {
        this.tree = tree;
        this.watches = watches;
    }

    /** Evaluates one read for a connection; watch events it causes (setWatches) go to {@code out} first. */
    void evaluate(Connection conn, RequestHeader header, ClientRequest request, List<Action> out) {
        long zxid = tree.lastProcessedZxid();
        try {
            ClientResponse body = answer(conn, request, out);
            int xid = request instanceof ClientRequest.Ping ? ReplyHeader.PING_XID : header.xid();
            out.add(new Action.SendReply(conn.id, new ReplyHeader(xid, zxid, ErrorCode.OK), body));
        } catch (Refused r) {
            out.add(new Action.SendReply(conn.id, new ReplyHeader(header.xid(), zxid, r.code), null));
        }
    }

    private ClientResponse answer(Connection conn, ClientRequest request, List<Action> out) {
        return switch (request) {
            case ClientRequest.Ping p -> ClientResponse.Empty.INSTANCE;
            case ClientRequest.Exists e -> exists(conn, e);
            case ClientRequest.GetData g -> {
                DataNode node = readable(conn, g.path());
                if (g.watch()) {
                    watches.add(g.path(), conn.id, WatchKind.DATA);
                }
                yield new ClientResponse.GetData(node.data(), node.stat());
            }
            case ClientRequest.GetChildren g -> {
                DataNode node = readable(conn, g.path());
                if (g.watch()) {
                    watches.add(g.path(), conn.id, WatchKind.CHILD);
                }
                List<String> children = new ArrayList<>(node.children());
                yield g.opCode() == OpCode.GET_CHILDREN
                        ? new ClientResponse.GetChildren(children)
                        : new ClientResponse.GetChildren2(children, node.stat());
            }
            case ClientRequest.GetAcl g -> getAcl(conn, g.path());
            case ClientRequest.Sync s -> new ClientResponse.Sync(s.path());
            case ClientRequest.GetAllChildrenNumber g -> {
                readable(conn, g.path());
                yield new ClientResponse.GetAllChildrenNumber(tree.descendantCount(g.path()));
            }
            case ClientRequest.GetEphemerals g -> new ClientResponse.GetEphemerals(ephemerals(conn, g.prefixPath()));
            case ClientRequest.WhoAmI w -> {
                List<ClientResponse.ClientInfo> infos = new ArrayList<>(conn.authInfo.size());
                for (Id id : io.paddock.core.tree.AuthOrder.asZooKeeperLists(conn.authInfo)) {
                    infos.add(new ClientResponse.ClientInfo(id.scheme(), AccessControl.userName(id)));
                }
                yield new ClientResponse.WhoAmI(infos);
            }
            case ClientRequest.WatchQuery q -> watchQuery(conn, q);
            case ClientRequest.AddWatch a -> {
                WatchKind kind = switch (a.mode()) {
                    case WatcherType.ADD_WATCH_MODE_PERSISTENT -> WatchKind.PERSISTENT;
                    case WatcherType.ADD_WATCH_MODE_PERSISTENT_RECURSIVE -> WatchKind.PERSISTENT_RECURSIVE;
                    default -> throw new Refused(ErrorCode.MARSHALLING_ERROR);
                };
                watches.add(a.path(), conn.id, kind);
                yield new ClientResponse.ErrorBody(ErrorCode.OK);
            }
            case ClientRequest.SetWatches s -> {
                List<WatchDelivery> fired = watches.setWatches(conn.id, s, path -> {
                    DataNode n = tree.get(path);
                    return n == null ? null : new NodeZxids(n.mzxid(), n.pzxid());
                });
                for (WatchDelivery d : fired) {
                    // ZooKeeper sends these with no zxid (-1) and before the setWatches reply.
                    out.add(new Action.SendWatchEvent(conn.id, -1,
                            new WatcherEvent(d.eventType(), KeeperState.SYNC_CONNECTED, d.path())));
                }
                yield ClientResponse.Empty.INSTANCE;
            }
            case ClientRequest.Multi m when m.opCode() == OpCode.MULTI_READ -> multiRead(conn, m);
            default -> throw new Refused(ErrorCode.MARSHALLING_ERROR);
        };
    }

    private ClientResponse exists(Connection conn, ClientRequest.Exists e) {
        if (e.path() == null || e.path().indexOf('\0') >= 0) {
            throw new Refused(ErrorCode.BAD_ARGUMENTS);
        }
        DataNode node = tree.get(e.path());
        if (node != null && !AccessControl.permits(node.acl(), Perms.READ, conn.authInfo)) {
            throw new Refused(ErrorCode.NO_AUTH);
        }
        if (e.watch()) {
            watches.add(e.path(), conn.id, WatchKind.DATA); // also on a missing node: it is then an exist watch
        }
        if (node == null) {
            throw new Refused(ErrorCode.NO_NODE);
        }
        return new ClientResponse.StatOnly(node.stat());
    }

    private DataNode readable(Connection conn, String path) {
        DataNode node = path == null ? null : tree.get(path);
        if (node == null) {
            throw new Refused(ErrorCode.NO_NODE);
        }
        if (!AccessControl.permits(node.acl(), Perms.READ, conn.authInfo)) {
            throw new Refused(ErrorCode.NO_AUTH);
        }
        return node;
    }

    private ClientResponse getAcl(Connection conn, String path) {
        DataNode node = path == null ? null : tree.get(path);
        if (node == null) {
            throw new Refused(ErrorCode.NO_NODE);
        }
        if (!AccessControl.permits(node.acl(), Perms.READ | Perms.ADMIN, conn.authInfo)) {
            throw new Refused(ErrorCode.NO_AUTH);
        }
        List<Acl> acl = node.acl();
        if (!AccessControl.permits(acl, Perms.ADMIN, conn.authInfo)) {
            // Readers without ADMIN do not get the password hashes of digest entries.
            List<Acl> masked = new ArrayList<>(acl.size());
            for (Acl a : acl) {
                masked.add("digest".equals(a.id().scheme())
                        ? new Acl(a.perms(), new Id("digest", a.id().id().replaceAll(":.*", ":x")))
                        : a);
            }
            acl = masked;
        }
        return new ClientResponse.GetAcl(acl, node.stat());
    }

    private List<String> ephemerals(Connection conn, String prefix) {
        Set<String> owned = tree.ephemeralsOf(conn.sessionId);
        List<String> out = new ArrayList<>(owned.size());
        boolean all = prefix == null || prefix.isBlank() || "/".equals(prefix.trim());
        for (String path : owned) {
            if (all || path.startsWith(prefix)) {
                out.add(path);
            }
        }
        return out;
    }

    private ClientResponse watchQuery(Connection conn, ClientRequest.WatchQuery q) {
        if (q.watcherType() < WatcherType.CHILDREN || q.watcherType() > WatcherType.PERSISTENT_RECURSIVE) {
            throw new Refused(ErrorCode.MARSHALLING_ERROR);
        }
        boolean found = q.opCode() == OpCode.CHECK_WATCHES
                ? watches.contains(q.path(), conn.id, q.watcherType())
                : watches.remove(q.path(), conn.id, q.watcherType());
        if (!found) {
            throw new Refused(ErrorCode.NO_WATCHER);
        }
        return ClientResponse.Empty.INSTANCE;
    }

    private ClientResponse multiRead(Connection conn, ClientRequest.Multi m) {
        List<ClientResponse.OpResult> results = new ArrayList<>(m.ops().size());
        for (ClientRequest.MultiOp op : m.ops()) {
            if (!(op instanceof ClientRequest.GetData) && !(op instanceof ClientRequest.GetChildren)) {
                throw new Refused(ErrorCode.MARSHALLING_ERROR);
            }
        }
        for (ClientRequest.MultiOp op : m.ops()) {
            try {
                results.add(switch (op) {
                    case ClientRequest.GetData g -> {
                        DataNode node = readable(conn, g.path());
                        if (g.watch()) {
                            watches.add(g.path(), conn.id, WatchKind.DATA);
                        }
                        yield new ClientResponse.OpResult.GetData(node.data(), node.stat());
                    }
                    case ClientRequest.GetChildren g -> {
                        DataNode node = readable(conn, g.path());
                        if (g.watch()) {
                            watches.add(g.path(), conn.id, WatchKind.CHILD);
                        }
                        yield new ClientResponse.OpResult.GetChildren(new ArrayList<>(node.children()));
                    }
                    default -> throw new IllegalStateException("checked above");
                });
            } catch (Refused r) {
                results.add(new ClientResponse.OpResult.Error(r.code));
            }
        }
        return new ClientResponse.Multi(results);
    }

    /** Whether a connection may see an event on a node with this ACL. */
    static boolean mayRead(Connection conn, List<Acl> acl) {
        return conn != null && AccessControl.permits(acl, Perms.READ, conn.authInfo);
    }

    static WatcherEvent event(WatchDelivery d) {
        return new WatcherEvent(d.eventType(), KeeperState.SYNC_CONNECTED, d.path());
    }

}
