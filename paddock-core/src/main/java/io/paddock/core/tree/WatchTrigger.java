package io.paddock.core.tree;

import io.paddock.core.wire.Acl;
import java.util.List;

/** A change that may fire watches: the path, the event type, and the ACL that decides who may see it. */
public record WatchTrigger(String path, int eventType, List<Acl> acl) {
}
