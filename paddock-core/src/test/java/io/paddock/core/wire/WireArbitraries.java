package io.paddock.core.wire;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every wire record, including the null strings, buffers and vectors jute allows. */
final class WireArbitraries {
    private WireArbitraries() {
    }

    /** Text that survives UTF-8 both ways (no lone surrogates), from ASCII to 3-byte characters. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').withCharRange('\u0100', '\ud7ff')
                .ofMaxLength(12);
    }

    static Arbitrary<String> nullableText() {
        return text().injectNull(0.1);
    }

    static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
    }

    static Arbitrary<byte[]> nullableBytes() {
        return bytes().injectNull(0.15);
    }

    static Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    static Arbitrary<List<String>> textList() {
        return text().list().ofMaxSize(4);
    }

    static Arbitrary<Id> id() {
        return Combinators.combine(nullableText(), nullableText()).as(Id::new);
    }

    static Arbitrary<Acl> acl() {
        return Combinators.combine(ints(), id()).as(Acl::new);
    }

    static Arbitrary<List<Acl>> acls() {
        return acl().list().ofMaxSize(3).injectNull(0.1);
    }

    static Arbitrary<Stat> stat() {
        return Combinators.combine(longs(), longs(), longs(), longs(), ints(), ints(), ints(), longs())
                .flatAs((czxid, mzxid, ctime, mtime, version, cversion, aversion, owner) ->
                        Combinators.combine(ints(), ints(), longs()).as((dataLength, numChildren, pzxid) ->
                                new Stat(czxid, mzxid, ctime, mtime, version, cversion, aversion, owner, dataLength,
                                        numChildren, pzxid)));
    }

    static Arbitrary<RequestHeader> requestHeader() {
        return Combinators.combine(ints(), ints()).as(RequestHeader::new);
    }

    static Arbitrary<ReplyHeader> replyHeader() {
        return Combinators.combine(ints(), longs(), ints()).as(ReplyHeader::new);
    }

    static Arbitrary<WatcherEvent> watcherEvent() {
        return Combinators.combine(ints(), ints(), nullableText()).as(WatcherEvent::new);
    }

    static Arbitrary<ConnectRequest> connectRequest() {
        return Combinators.combine(ints(), longs(), ints(), longs(), nullableBytes(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((pv, zxid, timeout, session, passwd, readOnly, present) ->
                new ConnectRequest(pv, zxid, timeout, session, passwd, present && readOnly, present));
    }

    static Arbitrary<ConnectResponse> connectResponse() {
        return Combinators.combine(ints(), ints(), longs(), nullableBytes(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((pv, timeout, session, passwd, readOnly, present) ->
                new ConnectResponse(pv, timeout, session, passwd, present && readOnly, present));
    }

    // ---- requests ----

    static Arbitrary<ClientRequest.MultiOp> writeOp() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER), nullableText(),
                        nullableBytes(), acls(), ints()).as(ClientRequest.Create::new),
                Combinators.combine(nullableText(), nullableBytes(), acls(), ints(), longs()).as(ClientRequest.CreateTtl::new),
                Combinators.combine(nullableText(), ints()).as(ClientRequest.Delete::new),
                Combinators.combine(nullableText(), nullableBytes(), ints()).as(ClientRequest.SetData::new),
                Combinators.combine(nullableText(), ints()).as(ClientRequest.Check::new));
    }

    static Arbitrary<ClientRequest.MultiOp> readOp() {
        return Arbitraries.oneOf(
                Combinators.combine(nullableText(), Arbitraries.of(true, false)).as(ClientRequest.GetData::new),
                Combinators.combine(nullableText(), Arbitraries.of(true, false))
                        .as((p, w) -> new ClientRequest.GetChildren(OpCode.GET_CHILDREN, p, w)));
    }

    static Arbitrary<ClientRequest> request() {
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        return Arbitraries.oneOf(List.of(
                writeOp().map(op -> (ClientRequest) op),
                readOp().map(op -> (ClientRequest) op),
                nullableText().map(ClientRequest.DeleteContainer::new),
                Combinators.combine(nullableText(), bool).as(ClientRequest.Exists::new),
                Combinators.combine(nullableText(), bool).as((p, w) -> new ClientRequest.GetChildren(OpCode.GET_CHILDREN2, p, w)),
                nullableText().map(ClientRequest.GetAcl::new),
                Combinators.combine(nullableText(), acls(), ints()).as(ClientRequest.SetAcl::new),
                nullableText().map(ClientRequest.Sync::new),
                Arbitraries.just(new ClientRequest.Ping()),
                writeOp().list().ofMaxSize(4).map(ops -> new ClientRequest.Multi(OpCode.MULTI, ops)),
                readOp().list().ofMaxSize(4).map(ops -> new ClientRequest.Multi(OpCode.MULTI_READ, ops)),
                Combinators.combine(nullableText(), nullableText(), nullableText(), longs()).as(ClientRequest.Reconfig::new),
                Combinators.combine(Arbitraries.of(OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES), nullableText(), ints())
                        .as(ClientRequest.WatchQuery::new),
                Combinators.combine(ints(), nullableText(), nullableBytes()).as(ClientRequest.Auth::new),
                Combinators.combine(longs(), textList(), textList(), textList())
                        .as((z, d, e, c) -> new ClientRequest.SetWatches(OpCode.SET_WATCHES, z, d, e, c, null, null)),
                Combinators.combine(longs(), textList(), textList(), textList(), textList(), textList())
                        .as((z, d, e, c, p, r) -> new ClientRequest.SetWatches(OpCode.SET_WATCHES2, z, d, e, c, p, r)),
                nullableBytes().map(ClientRequest.Sasl::new),
                nullableText().map(ClientRequest.GetEphemerals::new),
                nullableText().map(ClientRequest.GetAllChildrenNumber::new),
                Combinators.combine(nullableText(), ints()).as(ClientRequest.AddWatch::new),
                Arbitraries.just(new ClientRequest.WhoAmI()),
                Arbitraries.just(new ClientRequest.CloseSession())));
    }

    // ---- responses ----

    static Arbitrary<ClientResponse.OpResult> opResult() {
        return Arbitraries.oneOf(List.of(
                nullableText().map(ClientResponse.OpResult.Create::new),
                Combinators.combine(nullableText(), stat()).as(ClientResponse.OpResult.Create2::new),
                Arbitraries.just(new ClientResponse.OpResult.Delete()),
                stat().map(ClientResponse.OpResult.SetData::new),
                Arbitraries.just(new ClientResponse.OpResult.Check()),
                textList().map(ClientResponse.OpResult.GetChildren::new),
                Combinators.combine(nullableBytes(), stat()).as(ClientResponse.OpResult.GetData::new),
                ints().map(ClientResponse.OpResult.Error::new)));
    }

    static Arbitrary<ClientResponse> response() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(ClientResponse.Empty.INSTANCE),
                ints().map(ClientResponse.ErrorBody::new),
                nullableText().map(ClientResponse.Create::new),
                Combinators.combine(nullableText(), stat()).as(ClientResponse.Create2::new),
                stat().map(ClientResponse.StatOnly::new),
                Combinators.combine(nullableBytes(), stat()).as(ClientResponse.GetData::new),
                textList().map(ClientResponse.GetChildren::new),
                Combinators.combine(textList(), stat()).as(ClientResponse.GetChildren2::new),
                Combinators.combine(acls(), stat()).as(ClientResponse.GetAcl::new),
                nullableText().map(ClientResponse.Sync::new),
                textList().map(ClientResponse.GetEphemerals::new),
                ints().map(ClientResponse.GetAllChildrenNumber::new),
                Combinators.combine(nullableText(), nullableText()).as(ClientResponse.ClientInfo::new).list().ofMaxSize(3)
                        .map(ClientResponse.WhoAmI::new),
                opResult().list().ofMaxSize(4).map(ClientResponse.Multi::new)));
    }
}
