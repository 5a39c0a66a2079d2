package io.paddock.compat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ConnectRequest;
import io.paddock.core.wire.ConnectResponse;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.ReplyHeader;
import io.paddock.core.wire.RequestHeader;
import io.paddock.core.wire.Stat;
import io.paddock.core.wire.WatcherEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.compat.ProtocolManager;
import org.apache.zookeeper.data.ACL;

/** The handshake in both forms (with and without readOnly), the headers, events, Stat and ACL. */
class ConnectAndHeadersCrossCheckTest {

    @Property(tries = 500)
    void connectRequestWithAndWithoutReadOnly(@ForAll("connectRequests") ConnectRequest request) throws IOException {
        byte[] ours = ZkJute.paddock(request::write);
        // The server side of ZooKeeper reads both forms through ProtocolManager.
        org.apache.zookeeper.proto.ConnectRequest decoded =
                ZkJute.readWith(ours, archive -> new ProtocolManager().deserializeConnectRequest(archive));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(new org.apache.zookeeper.proto.ConnectRequest(
                request.protocolVersion(), request.lastZxidSeen(), request.timeOut(), request.sessionId(),
                request.passwd(), request.readOnly()));

        byte[] full = ZkJute.zookeeper(decoded);
        if (request.readOnlyPresent()) {
            assertThat(ours).isEqualTo(full);
            assertThat(ConnectRequest.read(new JuteReader(full))).usingRecursiveComparison().isEqualTo(request);
        } else {
            // An old client's request is the current one without its last byte.
            assertThat(ours).hasSize(full.length - 1).isEqualTo(java.util.Arrays.copyOf(full, full.length - 1));
        }
    }

    @Property(tries = 500)
    void connectResponseInTheFormTheClientUsed(@ForAll("connectResponses") ConnectResponse response) throws IOException {
        byte[] ours = ZkJute.paddock(response::write);
        org.apache.zookeeper.proto.ConnectResponse theirs = new org.apache.zookeeper.proto.ConnectResponse(
                response.protocolVersion(), response.timeOut(), response.sessionId(), response.passwd(), response.readOnly());

        // ZooKeeper answers in the request's form: teach a ProtocolManager the form, then let it write.
        ProtocolManager manager = new ProtocolManager();
        ConnectRequest form = new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, response.readOnlyPresent());
        ZkJute.readWith(ZkJute.paddock(form::write), manager::deserializeConnectRequest);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manager.serializeConnectResponse(theirs, BinaryOutputArchive.getArchive(out));
        assertThat(ours).isEqualTo(out.toByteArray());

        // The client side reads whichever form arrives.
        org.apache.zookeeper.proto.ConnectResponse decoded =
                ZkJute.readWith(ours, archive -> new ProtocolManager().deserializeConnectResponse(archive));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(theirs);
        assertThat(ConnectResponse.read(new JuteReader(out.toByteArray()))).usingRecursiveComparison().isEqualTo(response);
    }

    @Property(tries = 300)
    void headersEventsStatAndAcl(@ForAll int xid, @ForAll int type, @ForAll long zxid, @ForAll int err,
                                 @ForAll("events") WatcherEvent event, @ForAll("stats") Stat stat,
                                 @ForAll("acls") Acl acl) {
        RequestHeader requestHeader = new RequestHeader(xid, type);
        var zkRequestHeader = new org.apache.zookeeper.proto.RequestHeader(xid, type);
        assertThat(ZkJute.paddock(requestHeader::write)).isEqualTo(ZkJute.zookeeper(zkRequestHeader));
        assertThat((Object) ZkJute.read(ZkJute.paddock(requestHeader::write), org.apache.zookeeper.proto.RequestHeader::new))
                .usingRecursiveComparison().isEqualTo(zkRequestHeader);
        assertThat(RequestHeader.read(new JuteReader(ZkJute.zookeeper(zkRequestHeader)))).isEqualTo(requestHeader);

        ReplyHeader replyHeader = new ReplyHeader(xid, zxid, err);
        var zkReplyHeader = new org.apache.zookeeper.proto.ReplyHeader(xid, zxid, err);
        assertThat(ZkJute.paddock(replyHeader::write)).isEqualTo(ZkJute.zookeeper(zkReplyHeader));
        assertThat((Object) ZkJute.read(ZkJute.paddock(replyHeader::write), org.apache.zookeeper.proto.ReplyHeader::new))
                .usingRecursiveComparison().isEqualTo(zkReplyHeader);
        assertThat(ReplyHeader.read(new JuteReader(ZkJute.zookeeper(zkReplyHeader)))).isEqualTo(replyHeader);

        var zkEvent = new org.apache.zookeeper.proto.WatcherEvent(event.type(), event.state(), event.path());
        assertThat(ZkJute.paddock(event::write)).isEqualTo(ZkJute.zookeeper(zkEvent));
        assertThat((Object) ZkJute.read(ZkJute.paddock(event::write), org.apache.zookeeper.proto.WatcherEvent::new))
                .usingRecursiveComparison().isEqualTo(zkEvent);
        assertThat(WatcherEvent.read(new JuteReader(ZkJute.zookeeper(zkEvent)))).isEqualTo(event);

        var zkStat = ZkRecords.stat(stat);
        assertThat(ZkJute.paddock(stat::write)).isEqualTo(ZkJute.zookeeper(zkStat));
        assertThat((Object) ZkJute.read(ZkJute.paddock(stat::write), org.apache.zookeeper.data.Stat::new))
                .usingRecursiveComparison().isEqualTo(zkStat);
        assertThat(Stat.read(new JuteReader(ZkJute.zookeeper(zkStat)))).isEqualTo(stat);

        ACL zkAcl = ZkRecords.acl(acl);
        assertThat(ZkJute.paddock(acl::write)).isEqualTo(ZkJute.zookeeper(zkAcl));
        assertThat((Object) ZkJute.read(ZkJute.paddock(acl::write), ACL::new)).usingRecursiveComparison().isEqualTo(zkAcl);
        assertThat(Acl.read(new JuteReader(ZkJute.zookeeper(zkAcl)))).isEqualTo(acl);
    }

    @Provide
    Arbitrary<ConnectRequest> connectRequests() {
        return Combinators.combine(Values.ints(), Values.longs(), Values.ints(), Values.longs(), Values.nullableBytes(),
                Values.bools(), Values.bools()).as((pv, z, t, s, p, ro, present) ->
                new ConnectRequest(pv, z, t, s, p, present && ro, present));
    }

    @Provide
    Arbitrary<ConnectResponse> connectResponses() {
        return Combinators.combine(Values.ints(), Values.ints(), Values.longs(), Values.nullableBytes(), Values.bools(),
                Values.bools()).as((pv, t, s, p, ro, present) -> new ConnectResponse(pv, t, s, p, present && ro, present));
    }

    @Provide
    Arbitrary<WatcherEvent> events() {
        return Combinators.combine(Arbitraries.integers().between(-1, 7), Arbitraries.of(0, 3, 4, 5, 6, -112, 7),
                Values.nullableText()).as(WatcherEvent::new);
    }

    @Provide
    Arbitrary<Stat> stats() {
        return Values.stat();
    }

    @Provide
    Arbitrary<Acl> acls() {
        return Values.acl();
    }
}
