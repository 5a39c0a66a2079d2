package io.paddock.core.node;

/** A request that becomes an error txn: carries the ZooKeeper error code. No stack trace: it is control flow. */
final class PrepFailure extends RuntimeException {
    final int code;

    PrepFailure(int code) {
        super(null, null, false, false);
        this.code = code;
    }
}
