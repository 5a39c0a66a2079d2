package io.paddock.compat.client;

import io.paddock.compat.support.Clients.Client;
import io.paddock.compat.support.ServerPool;
import io.paddock.compat.support.ServerUnderTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shared plumbing for client acceptance tests: one server per kind for the whole class, clients closed after
 * each test, and fresh paths so tests sharing a server do not see each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientTestBase {
    private static final AtomicInteger NEXT = new AtomicInteger();

    protected final ServerPool pool = new ServerPool();

    protected ServerUnderTest server(String kind) {
        return pool.server(kind);
    }

    protected Client connect(String kind) {
        return pool.client(kind);
    }

    /** A top-level path no other test uses. */
    protected static String fresh(String name) {
        return "/" + name + "-" + NEXT.incrementAndGet();
    }

    protected static void assertFailsWith(Code code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(KeeperException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((KeeperException) e).code()).isEqualTo(code));
    }

    @AfterEach
    void closeClients() {
        pool.closeClients();
    }

    @AfterAll
    void closeServers() {
        pool.close();
    }
}
