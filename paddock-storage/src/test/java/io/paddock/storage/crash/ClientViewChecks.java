package io.paddock.storage.crash;

import io.paddock.core.node.Action;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The recovered server as its clients see it: every acknowledged session that should have survived is resumed
 * on a new connection (with the client's password and last seen zxid), and every acknowledged result no later
 * txn touched is read back with GetData and must show exactly the data and Stat the client was told.
 */
final class ClientViewChecks {
    private ClientViewChecks() {
    }

    static void check(CrashRun run, History history, Set<Long> recoveredSessions, List<RecoveryChecks.Expect> expectations,
                      DriverStats stats) throws IOException {
        List<String> problems = new ArrayList<>();
        for (long sessionId : history.acknowledgedSessions) {
            if (!recoveredSessions.contains(sessionId)) {
                continue; // closed in the recovered history (RecoveryChecks made sure of that)
            }
            SimClient c = run.resume(sessionId);
            if (c.connectResponse == null || c.connectResponse.timeOut() <= 0 || c.connectResponse.sessionId() != sessionId) {
                problems.add(String.format("session 0x%x could not be resumed after recovery: %s", sessionId, c.connectResponse));
            } else {
                stats.sessionsResumed++;
            }
        }
        SimClient reader = reader(run);
        for (RecoveryChecks.Expect e : expectations) {
            int xid = run.send(reader, new ClientRequest.GetData(e.path(), false));
            Action.SendReply reply = reader.replies.get(xid);
            if (reply == null) {
                problems.add("no immediate reply to a read of " + e.path());
                continue;
            }
            stats.expectationsChecked++;
            if (e.absent()) {
                if (reply.header().err() != ErrorCode.NO_NODE) {
                    problems.add(String.format("%s was deleted at 0x%x (acknowledged), but reads %s", e.path(), e.zxid(),
                            reply.body()));
                }
                continue;
            }
            if (reply.header().err() != 0) {
                problems.add(String.format("%s written at 0x%x (acknowledged) reads error %d", e.path(), e.zxid(),
                        reply.header().err()));
                continue;
            }
            ClientResponse.GetData read = (ClientResponse.GetData) reply.body();
            boolean sameStat = e.stat() == null
                    ? read.stat().mzxid() == e.zxid() : read.stat().equals(e.stat());
            if (!Arrays.equals(read.data(), e.data()) || !sameStat) {
                problems.add(String.format("%s acknowledged at 0x%x as data=%s stat=%s, reads data=%s stat=%s", e.path(),
                        e.zxid(), RecoveryChecks.text(e.data()), e.stat(), RecoveryChecks.text(read.data()), read.stat()));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("as clients see the recovered server:\n  " + String.join("\n  ", problems));
        }
    }

    /** A connected client with nothing in flight, so a read is answered at once; a new session if need be. */
    private static SimClient reader(CrashRun run) throws IOException {
        for (SimClient c : run.usableClients()) {
            if (c.inFlight.isEmpty()) {
                return c;
            }
        }
        SimClient c = run.openSession();
        run.forceAndReport();
        if (!c.usable()) {
            throw new AssertionError("a new session on the recovered server was not established: " + c.connectResponse);
        }
        return c;
    }
}
