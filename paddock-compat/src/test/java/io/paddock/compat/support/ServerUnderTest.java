package io.paddock.compat.support;

/** A running server that real ZooKeeper clients connect to: Apache ZooKeeper (the reference) or Paddock. */
public interface ServerUnderTest extends AutoCloseable {
    /** "zookeeper" or "paddock", for test names and messages. */
    String name();

    /** host:port for ZooKeeper clients. */
    String connectString();

    int port();

    @Override
    void close();
}
