package io.paddock.bench;

/** Which server connection factory the in-process Apache ZooKeeper uses. */
public enum ZkCnxnFactory {
    NIO("org.apache.zookeeper.server.NIOServerCnxnFactory"),
    NETTY("org.apache.zookeeper.server.NettyServerCnxnFactory");

    private final String className;

    ZkCnxnFactory(String className) {
        this.className = className;
    }

    String className() {
        return className;
    }
}
