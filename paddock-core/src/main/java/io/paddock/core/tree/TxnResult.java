package io.paddock.core.tree;

import io.paddock.core.wire.Stat;
import java.util.List;

/**
 * What applying one txn produced: the type applied (-1 for an error), the path and Stat the reply needs, the
 * error code, and for a multi the per-op results.
 */
public record TxnResult(int type, String path, Stat stat, int err, List<TxnResult> multi) {
    public static TxnResult of(int type, String path, Stat stat) {
        return new TxnResult(type, path, stat, 0, null);
    }

    public static TxnResult error(int err) {
        return new TxnResult(io.paddock.core.wire.OpCode.ERROR, null, null, err, null);
    }
}
