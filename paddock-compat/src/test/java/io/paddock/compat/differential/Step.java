package io.paddock.compat.differential;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;

/** One scripted action by client #{@code client}; a script is a list of these, replayed against each server. */
sealed interface Step {
    int client();

    /** Named ACLs a script may set, so both servers get exactly the same list. */
    enum AclChoice { OPEN, READ_ADMIN_ONLY, CREATOR_ALL }

    record Create(int client, String path, String data, CreateMode mode) implements Step {
    }

    record Delete(int client, String path, int version) implements Step {
    }

    record SetData(int client, String path, String data, int version) implements Step {
    }

    record GetData(int client, String path, boolean watch) implements Step {
    }

    record Exists(int client, String path, boolean watch) implements Step {
    }

    record GetChildren(int client, String path, boolean watch) implements Step {
    }

    record SetAcl(int client, String path, AclChoice acl, int version) implements Step {
    }

    record GetAcl(int client, String path) implements Step {
    }

    /** A multi of writes; each op is a Create, Delete, SetData or Check of the same client. */
    record Multi(int client, List<Step> ops) implements Step {
        public Multi {
            ops = List.copyOf(ops);
            for (Step op : ops) {
                if (!(op instanceof Create || op instanceof Delete || op instanceof SetData || op instanceof Check)) {
                    throw new IllegalArgumentException("not a multi write op: " + op);
                }
            }
        }

        @Override
        public String toString() {
            return "Multi[c" + client + "](" + ops.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
        }
    }

    record Check(int client, String path, int version) implements Step {
    }

    /** addWatch: persistent, or persistent-recursive; events go to the client's default watcher. */
    record AddWatch(int client, String path, boolean recursive) implements Step {
    }

    /** removeAllWatches(path, Any, local=false): NoWatcher, or the removal events. */
    record RemoveAllWatches(int client, String path) implements Step {
    }

    record GetEphemerals(int client, String prefix) implements Step {
    }

    record AllChildrenNumber(int client, String path) implements Step {
    }

    /** multiRead: getData of the first path, getChildren of the second. */
    record MultiRead(int client, String dataPath, String childrenPath) implements Step {
    }

    /** Closes client #client's session (a write: closeSession). Later steps must not use that client. */
    record CloseSession(int client) implements Step {
    }
}
