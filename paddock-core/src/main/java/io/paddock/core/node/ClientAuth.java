package io.paddock.core.node;

import io.paddock.core.tree.AccessControl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * addAuth, answered locally by whichever server the client is connected to (ZooKeeper keeps auth ids on the
 * connection; the leader sees them only with each forwarded request).
 */
final class ClientAuth {
    private ClientAuth() {
    }

    /**
     * Adds the ids {@code auth} proves to the connection and answers it; false when the scheme is unknown, in
     * which case the reply is AuthFailed and the caller must close the connection.
     */
    static boolean authenticate(Connection conn, RequestHeader header, ClientRequest.Auth auth, String superDigest,
                                List<Action> out) {
        String scheme = auth.scheme() == null ? "" : auth.scheme();
        switch (scheme) {
            case "digest" -> {
                String digest = AccessControl.digest(new String(auth.auth() == null ? new byte[0] : auth.auth(),
                        StandardCharsets.UTF_8));
                if (digest.equals(superDigest)) {
                    conn.addAuth(new Id(AccessControl.SUPER, ""));
                }
                conn.addAuth(new Id("digest", digest));
            }
            case "ip" -> conn.addAuth(new Id("ip", conn.remoteHost));
            default -> {
                out.add(new Action.Trace(Action.TraceLevel.WARN, "No authentication provider for scheme " + scheme
                        + " (connection " + conn.id + ")"));
                out.add(new Action.SendReply(conn.id, new ReplyHeader(header.xid(), 0, ErrorCode.AUTH_FAILED), null));
                return false;
            }
        }
        out.add(new Action.SendReply(conn.id, new ReplyHeader(header.xid(), 0, ErrorCode.OK), ClientResponse.Empty.INSTANCE));
        return true;
    }
}
