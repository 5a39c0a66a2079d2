package io.paddock.core.watch;

/** What setWatches needs to know about an existing znode: its mzxid and pzxid. */
public record NodeZxids(long mzxid, long pzxid) {
}
