package io.paddock.core.node;

import io.paddock.core.session.Session;
import io.paddock.core.session.SessionTable;
import io.paddock.core.tree.AccessControl;
import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.EphemeralOwner;
import io.paddock.core.tree.PathValidator;
import io.paddock.core.tree.Txn;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.CreateMode;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns write requests into txns, validating each against the tree as it will be after every txn already
 * prepared (PendingChanges). The checks run in Apache ZooKeeper's order, because which error a client sees
 * when several apply is part of the contract. A request that fails still becomes a txn (an error txn) and
 * consumes a zxid, exactly as in ZooKeeper.
 */
final class TxnPreparer {
    private final PendingChanges pending;
    private final SessionTable sessions;
    private final boolean extendedTypesEnabled;

    TxnPreparer(PendingChanges pending, SessionTable sessions, boolean extendedTypesEnabled) {
        this.pending = pending;
        this.sessions = sessions;
        this.extendedTypesEnabled = extendedTypesEnabled;
    }

    /** The requester: its session (0 for the server itself) and its authenticated ids. */
    record Caller(long sessionId, List<Id> authInfo) {
        static final Caller SERVER = new Caller(0, List.of());
    }

    /** Prepares a non-multi write. Never throws: failures become error txns. */
    Txn prepare(ClientRequest request, Caller caller, long zxid) {
        try {
            return prepareOne(request, caller, zxid);
        } catch (PrepFailure f) {
            return new Txn.Error(f.code);
        }
    }

    /**
     * All ops of a multi share one zxid. If one fails, every change it prepared is rolled back and the txn is
     * all errors: 0 for the ops before the failure, its code for the failing op, RuntimeInconsistency after.
     */
    Txn prepareMulti(List<ClientRequest.MultiOp> ops, Caller caller, long zxid) {
        PendingChanges.Mark mark = pending.mark();
        List<Txn> txns = new ArrayList<>(ops.size());
        int failedAt = -1;
        int failure = 0;
        for (int i = 0; i < ops.size(); i++) {
            try {
                txns.add(prepareOne(ops.get(i), caller, zxid));
            } catch (PrepFailure f) {
                failedAt = i;
                failure = f.code;
                break;
            }
        }
        if (failedAt < 0) {
            pending.commit(mark);
            return new Txn.Multi(txns);
        }
        pending.rollback(mark);
        List<Txn> errors = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            int code = i < failedAt ? ErrorCode.OK : i == failedAt ? failure : ErrorCode.RUNTIME_INCONSISTENCY;
            errors.add(new Txn.Error(code));
        }
        return new Txn.Multi(errors);
    }

    private Txn prepareOne(ClientRequest request, Caller caller, long zxid) {
        return switch (request) {
            case ClientRequest.Create c -> create(c.opCode(), c.path(), c.data(), c.acl(), c.flags(), -1, caller, zxid);
            case ClientRequest.CreateTtl c -> create(OpCode.CREATE_TTL, c.path(), c.data(), c.acl(), c.flags(), c.ttl(),
                    caller, zxid);
            case ClientRequest.Delete d -> delete(d, caller, zxid);
            case ClientRequest.DeleteContainer d -> deleteContainer(d.path(), zxid);
            case ClientRequest.SetData s -> setData(s, caller, zxid);
            case ClientRequest.SetAcl s -> setAcl(s, caller, zxid);
            case ClientRequest.Check c -> check(c, caller);
            // Reads inside a write multi: ZooKeeper refuses to decode such a mix.
            default -> throw new PrepFailure(ErrorCode.MARSHALLING_ERROR);
        };
    }

    private void checkSession(Caller caller) {
        if (caller.sessionId() == 0) {
            return;
        }
        Session s = sessions.get(caller.sessionId());
        if (s == null || s.isClosing()) {
            throw new PrepFailure(ErrorCode.SESSION_EXPIRED);
        }
    }

    private static void requireValidPath(String path) {
        if (!PathValidator.isValid(path)) {
            throw new PrepFailure(ErrorCode.BAD_ARGUMENTS);
        }
    }

    private NodeView existing(String path) {
        NodeView v = pending.view(path);
        if (v == null) {
            throw new PrepFailure(ErrorCode.NO_NODE);
        }
        return v;
    }

    private static void requirePermission(NodeView node, int perm, Caller caller) {
        if (!AccessControl.permits(node.acl(), perm, caller.authInfo())) {
            throw new PrepFailure(ErrorCode.NO_AUTH);
        }
    }

    private static int nextVersion(int current, int expected) {
        if (expected != -1 && expected != current) {
            throw new PrepFailure(ErrorCode.BAD_VERSION);
        }
        int next = current + 1;
        return next == -1 ? 0 : next; // never hand out -1, which means "any version" (ZOOKEEPER-4743)
    }

    private Txn create(int op, String path, byte[] data, List<Acl> requestedAcl, int flags, long ttl, Caller caller,
                       long zxid) {
        CreateMode mode = CreateMode.fromFlag(flags);
        if (mode == null) {
            throw new PrepFailure(ErrorCode.BAD_ARGUMENTS);
        }
        if (mode.isTtl() && !extendedTypesEnabled) {
            throw new PrepFailure(ErrorCode.UNIMPLEMENTED);
        }
        if (mode.isTtl() ? !EphemeralOwner.isValidTtl(ttl) : ttl >= 0) {
            throw new PrepFailure(ErrorCode.BAD_ARGUMENTS);
        }
        checkSession(caller);
        if (path == null || path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0) {
            throw new PrepFailure(ErrorCode.BAD_ARGUMENTS);
        }
        List<Acl> acl = AccessControl.fixup(requestedAcl, caller.authInfo());
        if (acl == null) {
            throw new PrepFailure(ErrorCode.INVALID_ACL);
        }
        String parentPath = PathValidator.parentOf(path);
        NodeView parent = existing(parentPath);
        requirePermission(parent, Perms.CREATE, caller);
        if (mode.isSequential()) {
            path = path + String.format(Locale.ROOT, "%010d", parent.cversion());
        }
        requireValidPath(path);
        if (pending.view(path) != null) {
            throw new PrepFailure(ErrorCode.NODE_EXISTS);
        }
        if (EphemeralOwner.isSession(parent.ephemeralOwner())) {
            throw new PrepFailure(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
        }
        int newCversion = parent.cversion() + 1;
        Txn txn;
        long owner;
        if (op == OpCode.CREATE_CONTAINER) {
            txn = new Txn.CreateContainer(path, data, acl, newCversion);
            owner = EphemeralOwner.CONTAINER;
        } else if (op == OpCode.CREATE_TTL) {
            txn = new Txn.CreateTtl(path, data, acl, newCversion, ttl);
            owner = EphemeralOwner.ttl(ttl);
        } else {
            txn = new Txn.Create(op, path, data, acl, mode.isEphemeral(), newCversion);
            owner = mode.isEphemeral() ? caller.sessionId() : 0;
        }
        pending.record(zxid, parentPath, parent.withChildAdded(newCversion));
        pending.record(zxid, path, new NodeView(owner, 0, 0, 0, 0, acl));
        return txn;
    }

    private static String parentForDelete(String path) {
        if (path == null || path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0 || DataTree.isSpecialPath(path)) {
            throw new PrepFailure(ErrorCode.BAD_ARGUMENTS);
        }
        return PathValidator.parentOf(path);
    }

    private Txn delete(ClientRequest.Delete d, Caller caller, long zxid) {
        checkSession(caller);
        String path = d.path();
        String parentPath = parentForDelete(path);
        NodeView parent = existing(parentPath);
        requirePermission(parent, Perms.DELETE, caller);
        NodeView node = existing(path);
        nextVersion(node.version(), d.version());
        if (node.childCount() > 0) {
            throw new PrepFailure(ErrorCode.NOT_EMPTY);
        }
        pending.record(zxid, parentPath, parent.withChildRemoved());
        pending.record(zxid, path, null);
        return new Txn.Delete(OpCode.DELETE, path);
    }

    /** The server's own cleanup of empty containers and expired TTL nodes; no session or ACL applies. */
    private Txn deleteContainer(String path, long zxid) {
        String parentPath = parentForDelete(path);
        NodeView node = existing(path);
        if (node.childCount() > 0) {
            throw new PrepFailure(ErrorCode.NOT_EMPTY);
        }
        if (EphemeralOwner.isSession(node.ephemeralOwner())) {
            throw new PrepFailure(ErrorCode.BAD_VERSION);
        }
        NodeView parent = existing(parentPath);
        pending.record(zxid, parentPath, parent.withChildRemoved());
        pending.record(zxid, path, null);
        return new Txn.Delete(OpCode.DELETE_CONTAINER, path);
    }

    private Txn setData(ClientRequest.SetData s, Caller caller, long zxid) {
        checkSession(caller);
        requireValidPath(s.path());
        NodeView node = existing(s.path());
        requirePermission(node, Perms.WRITE, caller);
        int version = nextVersion(node.version(), s.version());
        pending.record(zxid, s.path(), node.withVersion(version));
        return new Txn.SetData(s.path(), s.data(), version);
    }

    private Txn setAcl(ClientRequest.SetAcl s, Caller caller, long zxid) {
        checkSession(caller);
        requireValidPath(s.path());
        List<Acl> acl = AccessControl.fixup(s.acl(), caller.authInfo());
        if (acl == null) {
            throw new PrepFailure(ErrorCode.INVALID_ACL);
        }
        NodeView node = existing(s.path());
        requirePermission(node, Perms.ADMIN, caller);
        int aversion = nextVersion(node.aversion(), s.version());
        pending.record(zxid, s.path(), node.withAcl(acl, aversion));
        return new Txn.SetAcl(s.path(), acl, aversion);
    }

    private Txn check(ClientRequest.Check c, Caller caller) {
        checkSession(caller);
        requireValidPath(c.path());
        NodeView node = existing(c.path());
        requirePermission(node, Perms.READ, caller);
        return new Txn.CheckVersion(c.path(), nextVersion(node.version(), c.version()));
    }

    /**
     * closeSession: the session's ephemerals as they will be once everything prepared applies, in the order
     * ZooKeeper lists them (its hash-set order, then pending creates).
     */
    Txn closeSession(long sessionId, Set<String> appliedEphemerals, long zxid) {
        Set<String> paths = appliedEphemerals instanceof HashSet<String> hs
                ? cloneOf(hs) : new HashSet<>(appliedEphemerals);
        for (PendingChanges.Change c : pending.inOrder()) {
            if (c.view() == null) {
                paths.remove(c.path());
            } else if (c.view().ephemeralOwner() == sessionId) {
                paths.add(c.path());
            }
        }
        for (String path : paths) {
            NodeView parent = pending.view(PathValidator.parentOf(path));
            if (parent != null) {
                pending.record(zxid, PathValidator.parentOf(path), parent.withChildRemoved());
            }
            pending.record(zxid, path, null);
        }
        sessions.markClosing(sessionId);
        return new Txn.CloseSession(new ArrayList<>(paths));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> cloneOf(HashSet<String> set) {
        return (Set<String>) set.clone(); // clone keeps the iteration order, as ZooKeeper's copy does
    }
}
