package io.paddock.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.OpCode;
import io.paddock.core.zab.PeerMessage;
import io.paddock.core.zab.ZabAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (S-001): no read goes backwards after a reconnect. Five servers. A client reads /binchanges = 3 from
 * S_a, loses its connection and reconnects to S_b, which still serves but has not received the last write.
 * Around the reconnect the leader fails, an election runs and S_b syncs from the new leader by DIFF; the client
 * then reads /binchanges again. Properties: (a) after the sync S_b's tree digest equals the leader's at the same
 * zxid; (b) S_b refuses the client while its last zxid is below the client's last seen zxid; (c) the second read
 * returns 3 or newer.
 */
class S001NoReadGoesBackwardsTest {

    /** What the script observed, and the properties it broke (empty when all hold). */
    record Outcome(List<String> violations, String firstRead, String secondRead, boolean refusedWhileBehind,
                   boolean syncedByDiff) {
    }

    static Outcome run(ReplicatedPeer.Breakage breakage) {
        PeerEnsemble e = PeerEnsemble.of(5, breakage);
        e.start();
        e.awaitServing();
        long oldLeader = e.leader();
        List<Long> followers = e.servers.keySet().stream().filter(id -> id != oldLeader).toList();
        long sa = followers.get(0);
        long sb = followers.get(1);

        // the client writes /binchanges = 1, 2 through S_a; everyone has them
        long conn = e.newSession(sa);
        e.deliverAll();
        ConnectResponse session = e.connectResponse(conn);
        int xid = 0;
        e.send(conn, ++xid, create("/binchanges", "1"));
        e.send(conn, ++xid, setData("/binchanges", "2"));
        e.deliverAll();
        // /binchanges = 3 reaches every server but S_b (its link from the leader is slow)
        e.send(conn, ++xid, setData("/binchanges", "3"));
        e.deliverAllBut(sb);
        e.send(conn, ++xid, new ClientRequest.GetData("/binchanges", false));
        Action.SendReply firstRead = e.reply(conn, xid);
        String first = data(firstRead);
        long lastZxidSeen = firstRead.header().zxid();

        // the client loses S_a and tries S_b, which serves but is behind what the client saw
        e.step(sa, new Event.ConnectionClosed(conn));
        long attempt = e.connect(sb, session.sessionId(), session.passwd(), lastZxidSeen);
        e.deliverAllBut(sb);
        boolean refused = e.connectResponse(attempt) == null && e.closed(attempt);

        String second;
        if (refused) {
            // the old leader fails; S_b (and the others) elect a new one and S_b syncs from it
            e.isolate(oldLeader);
            e.awaitNewLeader(oldLeader);
            long reconnect = e.connect(sb, session.sessionId(), session.passwd(), lastZxidSeen);
            e.deliverAll();
            e.send(reconnect, ++xid, new ClientRequest.GetData("/binchanges", false));
            second = data(e.reply(reconnect, xid));
        } else {
            // the client reads as soon as it may: the read waits only for the session to be resumed
            e.send(attempt, ++xid, new ClientRequest.GetData("/binchanges", false));
            if (e.reply(attempt, xid) == null) {
                e.deliverAll();
            }
            second = data(e.reply(attempt, xid));
            e.isolate(oldLeader);
            e.awaitNewLeader(oldLeader);
        }
        e.deliverAll();

        long newLeader = e.leader();
        boolean byDiff = e.zabActions.get(newLeader).stream().anyMatch(a -> a instanceof ZabAction.Send s
                && s.to() == sb && s.message() instanceof PeerMessage.Diff);

        List<String> violations = new ArrayList<>();
        var leaderTree = e.servers.get(newLeader).replica().tree();
        var sbTree = e.servers.get(sb).replica().tree();
        if (leaderTree.lastProcessedZxid() == sbTree.lastProcessedZxid() && leaderTree.digest() != sbTree.digest()) {
            violations.add(String.format(Locale.ROOT, "(a) S%d's digest differs from leader S%d's at zxid 0x%x", sb,
                    newLeader, sbTree.lastProcessedZxid()));
        }
        if (!refused) {
            violations.add(String.format(Locale.ROOT, "(b) S%d accepted a client that had seen zxid 0x%x while its own "
                    + "last zxid was 0x%x", sb, lastZxidSeen, e.servers.get(sb).replica().tree().lastProcessedZxid()));
        }
        if (second == null || Integer.parseInt(second) < Integer.parseInt(first)) {
            violations.add("(c) the second read returned " + second + " after the first returned " + first);
        }
        return new Outcome(violations, first, second, refused, byDiff);
    }

    @Test
    void theClientIsRefusedByTheLaggingServerAndItsSecondReadIsNotOlder() {
        Outcome outcome = run(ReplicatedPeer.Breakage.NONE);
        assertThat(outcome.firstRead()).isEqualTo("3");
        assertThat(outcome.refusedWhileBehind()).isTrue();
        assertThat(outcome.syncedByDiff()).as("the lagging server syncs by DIFF").isTrue();
        assertThat(outcome.secondRead()).isEqualTo("3");
        assertThat(outcome.violations()).isEmpty();
    }

    /**
     * Without the check alone the read still does not go backwards: the leader's answer to the revalidation
     * travels behind the commit of /binchanges = 3 on the same FIFO link, and S_b applies commits as they arrive,
     * so the session is resumed only once S_b has caught up. Only (b) is broken.
     */
    @Test
    void withoutTheCheckAloneRevalidationStillOrdersTheReadBehindTheCommit() {
        Outcome outcome = run(ReplicatedPeer.Breakage.SKIP_LAST_ZXID_SEEN_CHECK);
        assertThat(outcome.violations()).singleElement().satisfies(v -> assertThat(v).startsWith("(b)"));
        assertThat(outcome.secondRead()).isEqualTo("3");
    }

    @Test
    void withoutTheCheckAndTheRevalidationBarrierTheSecondReadGoesBackwards() {
        Outcome outcome = run(ReplicatedPeer.Breakage.SKIP_LAST_ZXID_SEEN_CHECK_AND_REVALIDATION);
        assertThat(outcome.violations()).anySatisfy(v -> assertThat(v).startsWith("(b)"))
                .anySatisfy(v -> assertThat(v).isEqualTo("(c) the second read returned 2 after the first returned 3"));
    }

    private static ClientRequest.Create create(String path, String data) {
        return new ClientRequest.Create(OpCode.CREATE, path, data.getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, 0);
    }

    private static ClientRequest.SetData setData(String path, String data) {
        return new ClientRequest.SetData(path, data.getBytes(StandardCharsets.UTF_8), -1);
    }

    private static String data(Action.SendReply reply) {
        if (reply == null || reply.header().err() != ErrorCode.OK) {
            return null;
        }
        return new String(((ClientResponse.GetData) reply.body()).data(), StandardCharsets.UTF_8);
    }
}
