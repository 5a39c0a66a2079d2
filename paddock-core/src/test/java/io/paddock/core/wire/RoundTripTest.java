package io.paddock.core.wire;

import static io.paddock.core.wire.Encodings.decodeFully;
import static io.paddock.core.wire.Encodings.encode;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every record decodes back to itself from its own encoding, consuming exactly the bytes written. */
class RoundTripTest {

    @Property(tries = 500)
    void requests(@ForAll("requests") ClientRequest request) {
        byte[] bytes = encode(request);
        ClientRequest decoded = decodeFully(bytes, r -> ClientRequest.decode(request.opCode(), r));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(request);
        assertThat(encode(decoded)).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void responses(@ForAll("responses") ClientResponse response) {
        byte[] bytes = encode(response);
        ClientResponse decoded = decodeFully(bytes, r -> Encodings.readLike(response, r));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(response);
    }

    @Property(tries = 200)
    void connectRequests(@ForAll("connectRequests") ConnectRequest request) {
        byte[] bytes = encode(request::write);
        assertThat(decodeFully(bytes, ConnectRequest::read)).usingRecursiveComparison().isEqualTo(request);
        // The optional readOnly byte is the only difference between the two forms.
        int fixed = 4 + 8 + 4 + 8 + 4 + (request.passwd() == null ? 0 : request.passwd().length);
        assertThat(bytes).hasSize(fixed + (request.readOnlyPresent() ? 1 : 0));
    }

    @Property(tries = 200)
    void connectResponses(@ForAll("connectResponses") ConnectResponse response) {
        byte[] bytes = encode(response::write);
        assertThat(decodeFully(bytes, ConnectResponse::read)).usingRecursiveComparison().isEqualTo(response);
        int fixed = 4 + 4 + 8 + 4 + (response.passwd() == null ? 0 : response.passwd().length);
        assertThat(bytes).hasSize(fixed + (response.readOnlyPresent() ? 1 : 0));
    }

    @Property(tries = 100)
    void headersStatAclAndEvents(@ForAll("requestHeaders") RequestHeader requestHeader,
                                 @ForAll("replyHeaders") ReplyHeader replyHeader, @ForAll("stats") Stat stat,
                                 @ForAll("acls") Acl acl, @ForAll("events") WatcherEvent event) {
        assertThat(decodeFully(encode(requestHeader::write), RequestHeader::read)).isEqualTo(requestHeader);
        assertThat(encode(requestHeader::write)).hasSize(8);
        assertThat(decodeFully(encode(replyHeader::write), ReplyHeader::read)).isEqualTo(replyHeader);
        assertThat(encode(replyHeader::write)).hasSize(16);
        assertThat(decodeFully(encode(stat::write), Stat::read)).isEqualTo(stat);
        assertThat(encode(stat::write)).hasSize(68);
        assertThat(decodeFully(encode(acl::write), Acl::read)).isEqualTo(acl);
        assertThat(decodeFully(encode(event::write), WatcherEvent::read)).isEqualTo(event);
    }

    @Provide
    Arbitrary<ClientRequest> requests() {
        return WireArbitraries.request();
    }

    @Provide
    Arbitrary<ClientResponse> responses() {
        return WireArbitraries.response();
    }

    @Provide
    Arbitrary<ConnectRequest> connectRequests() {
        return WireArbitraries.connectRequest();
    }

    @Provide
    Arbitrary<ConnectResponse> connectResponses() {
        return WireArbitraries.connectResponse();
    }

    @Provide
    Arbitrary<RequestHeader> requestHeaders() {
        return WireArbitraries.requestHeader();
    }

    @Provide
    Arbitrary<ReplyHeader> replyHeaders() {
        return WireArbitraries.replyHeader();
    }

    @Provide
    Arbitrary<Stat> stats() {
        return WireArbitraries.stat();
    }

    @Provide
    Arbitrary<Acl> acls() {
        return WireArbitraries.acl();
    }

    @Provide
    Arbitrary<WatcherEvent> events() {
        return WireArbitraries.watcherEvent();
    }
}
