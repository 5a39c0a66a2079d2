package io.paddock.sim.session;

/**
 * How one simulated client behaves.
 *
 * @param sessionTimeoutMillis the timeout asked for in ConnectRequest (the server negotiates the real one)
 * @param maxOutstanding       most requests the workload keeps in flight at once (sent, not answered)
 * @param reconnectDelayMaxMillis a reconnect waits a random [0, this) first, as ZooKeeper's client sleeps up to 1 s
 * @param spinDelayMillis      extra wait once every server has been tried without success (host provider spin)
 * @param renewExpiredSession  after Expired, start a new session (as an application making a new handle)
 * @param renewDelayMillis     how long the application takes to do that
 */
public record ClientConfig(int sessionTimeoutMillis, int maxOutstanding, int reconnectDelayMaxMillis,
                           int spinDelayMillis, boolean renewExpiredSession, int renewDelayMillis) {

    public ClientConfig {
        if (sessionTimeoutMillis <= 0) throw new IllegalArgumentException("sessionTimeout " + sessionTimeoutMillis);
        if (maxOutstanding < 1) throw new IllegalArgumentException("maxOutstanding " + maxOutstanding);
        if (reconnectDelayMaxMillis < 1) throw new IllegalArgumentException("reconnectDelayMax " + reconnectDelayMaxMillis);
        if (spinDelayMillis < 0 || renewDelayMillis < 0) throw new IllegalArgumentException("negative delay");
    }

    /** ZooKeeper client defaults for the given requested timeout; up to 3 requests in flight; renews sessions. */
    public static ClientConfig defaults(int sessionTimeoutMillis) {
        return new ClientConfig(sessionTimeoutMillis, 3, 1000, 1000, true, 100);
    }
}
