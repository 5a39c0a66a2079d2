package io.paddock.core.watch;

/**
 * ZooKeeper's WatchesSummary ({@code wchs}): counts over the data watch manager only.
 * {@code wchs} prints {@code "<connections> connections watching <paths> paths\nTotal watches:<watches>"}.
 */
public record WatchSummary(int connections, int paths, int watches) {
    public WatchSummary {
        if (connections < 0 || paths < 0 || watches < 0 || watches < paths) {
            throw new IllegalArgumentException("impossible summary " + connections + "/" + paths + "/" + watches);
        }
    }
}
