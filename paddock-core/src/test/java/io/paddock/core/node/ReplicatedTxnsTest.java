package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.DataTree;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The leader's session tracker: owners, SessionMoved, SessionExpired, renewal by touches, expiry by txn. */
class ReplicatedTxnsTest {
    private static final int TICK_MS = 100;
    private static final long SESSION = 0x0200_0000_0000_0001L;

    private DataTree tree;
    private ReplicatedTxns txns;
    private long zxid;

    @BeforeEach
    void leadership() {
        tree = new DataTree();
        txns = new ReplicatedTxns(tree, new TreeMap<>(), TICK_MS, 0, false, Long.MAX_VALUE);
    }

    /** Prepares {@code request} as if it came through server {@code from}, and applies the txn (it commits). */
    private Txn submit(PeerMessage.Request request, long from) {
        long z = ++zxid;
        Txn txn = txns.prepare(request, from, z);
        tree.apply(new TxnHeader(request.sessionId(), request.cxid(), z, 0, txn.type()), txn, new ArrayList<>());
        txns.applied(z);
        return txn;
    }

    private static PeerMessage.Request createSession(long sessionId, int timeoutMillis) {
        JuteWriter w = new JuteWriter(4);
        w.writeInt(timeoutMillis);
        return new PeerMessage.Request(sessionId, 0, OpCode.CREATE_SESSION, w.toByteArray());
    }

    private static PeerMessage.Request create(long sessionId, String path, int flags) {
        ClientRequest.Create c = new ClientRequest.Create(OpCode.CREATE, path, path.getBytes(StandardCharsets.UTF_8),
                Acl.OPEN_ACL_UNSAFE, flags);
        JuteWriter w = new JuteWriter(64);
        c.write(w);
        return new PeerMessage.Request(sessionId, 1, OpCode.CREATE, w.toByteArray());
    }

    private static int errorOf(Txn txn) {
        return txn instanceof Txn.Error e ? e.err() : ErrorCode.OK;
    }

    @Test
    void aSessionIsOwnedByTheServerThatCreatedItUntilARevalidationMovesIt() {
        assertThat(submit(createSession(SESSION, 1_000), 2)).isEqualTo(new Txn.CreateSession(1_000));
        assertThat(errorOf(submit(create(SESSION, "/a", 0), 2))).isEqualTo(ErrorCode.OK);
        assertThat(errorOf(submit(create(SESSION, "/b", 0), 3))).as("through a server that does not own it")
                .isEqualTo(ErrorCode.SESSION_MOVED);

        assertThat(txns.revalidate(SESSION, 1_000, 3, 1)).isTrue();
        assertThat(errorOf(submit(create(SESSION, "/b", 0), 3))).isEqualTo(ErrorCode.OK);
        assertThat(errorOf(submit(create(SESSION, "/c", 0), 2))).as("the old server after the move")
                .isEqualTo(ErrorCode.SESSION_MOVED);
    }

    @Test
    void aSessionNobodyCreatedIsExpiredAndCannotBeRevalidated() {
        assertThat(errorOf(submit(create(SESSION, "/a", 0), 2))).isEqualTo(ErrorCode.SESSION_EXPIRED);
        assertThat(txns.revalidate(SESSION, 1_000, 2, 1)).isFalse();
    }

    @Test
    void theLeaderExpiresAnUntouchedSessionWithACloseThatDeletesItsEphemerals() {
        submit(createSession(SESSION, 1_000), 2);
        submit(create(SESSION, "/e", 1), 2);
        assertThat(tree.get("/e")).isNotNull();
        for (long tick = 1; tick <= 10; tick++) {
            assertThat(txns.expire(tick)).as("tick %d, within the 1 s timeout", tick).isEmpty();
        }
        assertThat(txns.expire(11)).containsExactly(SESSION);

        long z = ++zxid;
        Txn close = txns.closeExpired(SESSION, z);
        assertThat(close).isEqualTo(new Txn.CloseSession(List.of("/e")));
        assertThat(errorOf(submit(create(SESSION, "/late", 0), 2))).as("a closing session takes no more writes")
                .isEqualTo(ErrorCode.SESSION_EXPIRED);
        tree.apply(new TxnHeader(SESSION, 0, z, 0, close.type()), close, new ArrayList<>());
        txns.applied(z);
        assertThat(tree.get("/e")).isNull();
        assertThat(txns.revalidate(SESSION, 1_000, 2, 12)).isFalse();
    }

    @Test
    void touchesFromLearnersKeepASessionAlive() {
        submit(createSession(SESSION, 1_000), 2);
        for (long tick = 1; tick <= 40; tick++) {
            txns.touched(new TreeMap<>(Map.of(SESSION, 1_000)), tick);
            assertThat(txns.expire(tick)).isEmpty();
        }
        assertThat(txns.expire(51)).containsExactly(SESSION);
    }

    @Test
    void aNewLeadershipGivesEveryCommittedSessionAFullTimeout() {
        TreeMap<Long, Integer> committed = new TreeMap<>(Map.of(SESSION, 1_000));
        ReplicatedTxns next = new ReplicatedTxns(tree, committed, TICK_MS, 100, false, Long.MAX_VALUE);
        assertThat(next.expire(110)).isEmpty();
        assertThat(next.expire(111)).containsExactly(SESSION);
        // no owner is known yet: the first server a request comes through claims the session
        long z = ++zxid;
        assertThat(errorOf(next.prepare(create(0x0300_0000_0000_0001L, "/x", 0), 3, z)))
                .isEqualTo(ErrorCode.SESSION_EXPIRED);
    }
}
