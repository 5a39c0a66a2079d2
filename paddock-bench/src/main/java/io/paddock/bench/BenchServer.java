package io.paddock.bench;

/** A server under load: where to connect, and what to say about it in the report. */
interface BenchServer extends AutoCloseable {

    /** Short name used in tables ("paddock", "zookeeper", "external"). */
    String name();

    /** host:port for the ZooKeeper client. */
    String connectString();

    /** One line for the report header: how this server was set up. */
    String description();

    /** Whether the generator must delete what it created (an external server outlives the run). */
    boolean needsCleanup();

    @Override
    void close();
}
