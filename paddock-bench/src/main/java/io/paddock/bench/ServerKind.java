package io.paddock.bench;

import java.io.IOException;

/** A server the generator can start in-process, in a fresh temp dir, on 127.0.0.1 with a free port. */
public enum ServerKind {
    PADDOCK("paddock"),
    ZOOKEEPER("zookeeper");

    private final String label;

    ServerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    BenchServer start(BenchSettings settings) throws IOException, InterruptedException {
        return switch (this) {
            case PADDOCK -> PaddockBenchServer.start(settings.tickTime(), settings.maxClientCnxns());
            case ZOOKEEPER -> ZooKeeperBenchServer.start(settings.tickTime(), settings.maxClientCnxns(),
                    settings.zkForceSync(), settings.zkCnxnFactory());
        };
    }
}
