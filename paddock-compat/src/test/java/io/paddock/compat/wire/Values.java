package io.paddock.compat.wire;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Stat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Paddock records with generated fields, limited to what the official client can put on the wire where
 * ZooKeeper's own decoder insists (multi ops: a real create mode, non-null ACLs, no watch flag).
 */
final class Values {
    private Values() {
    }

    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').withCharRange('\u0100', '\ud7ff').ofMaxLength(12);
    }

    static Arbitrary<String> nullableText() {
        return text().injectNull(0.1);
    }

    static Arbitrary<byte[]> nullableBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(24).injectNull(0.15);
    }

    static Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    static Arbitrary<Boolean> bools() {
        return Arbitraries.of(true, false);
    }

    static Arbitrary<List<String>> texts() {
        return text().list().ofMaxSize(4);
    }

    static Arbitrary<Acl> acl() {
        return Combinators.combine(ints(), nullableText(), nullableText()).as((p, s, i) -> new Acl(p, new Id(s, i)));
    }

    static Arbitrary<List<Acl>> acls() {
        return acl().list().ofMaxSize(3);
    }

    static Arbitrary<List<Acl>> nullableAcls() {
        return acls().injectNull(0.1);
    }

    static Arbitrary<Stat> stat() {
        return Combinators.combine(longs(), longs(), longs(), longs(), ints(), ints(), ints(), longs())
                .flatAs((cz, mz, ct, mt, v, cv, av, owner) -> Combinators.combine(ints(), ints(), longs())
                        .as((len, kids, pz) -> new Stat(cz, mz, ct, mt, v, cv, av, owner, len, kids, pz)));
    }

    static Arbitrary<ClientRequest.MultiOp> multiWriteOp() {
        Arbitrary<ClientRequest.MultiOp> plainCreate = Combinators.combine(Arbitraries.of(OpCode.CREATE, OpCode.CREATE2),
                        text(), nullableBytes(), acls(), Arbitraries.integers().between(0, 3))
                .as(ClientRequest.Create::new);
        Arbitrary<ClientRequest.MultiOp> container = Combinators.combine(text(), nullableBytes(), acls())
                .as((p, d, a) -> new ClientRequest.Create(OpCode.CREATE_CONTAINER, p, d, a, 4));
        Arbitrary<ClientRequest.MultiOp> ttl = Combinators.combine(text(), nullableBytes(), acls(), Arbitraries.of(5, 6),
                Arbitraries.longs().between(1, 1L << 40)).as(ClientRequest.CreateTtl::new);
        return Arbitraries.oneOf(List.of(plainCreate, container, ttl,
                Combinators.combine(text(), ints()).as(ClientRequest.Delete::new),
                Combinators.combine(text(), nullableBytes(), ints()).as(ClientRequest.SetData::new),
                Combinators.combine(text(), ints()).as(ClientRequest.Check::new)));
    }

    static Arbitrary<ClientRequest.MultiOp> multiReadOp() {
        return Arbitraries.oneOf(text().map(p -> new ClientRequest.GetData(p, false)),
                text().map(p -> new ClientRequest.GetChildren(OpCode.GET_CHILDREN, p, false)));
    }

    static Arbitrary<ClientRequest> multi() {
        return Arbitraries.oneOf(
                multiWriteOp().list().ofMaxSize(5).map(ops -> new ClientRequest.Multi(OpCode.MULTI, ops)),
                multiReadOp().list().ofMaxSize(5).map(ops -> new ClientRequest.Multi(OpCode.MULTI_READ, ops)));
    }

    static Arbitrary<ClientRequest> request() {
        return Arbitraries.oneOf(List.of(
                Combinators.combine(Arbitraries.of(OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER), nullableText(),
                        nullableBytes(), nullableAcls(), ints()).as(ClientRequest.Create::new),
                Combinators.combine(nullableText(), nullableBytes(), nullableAcls(), ints(), longs()).as(ClientRequest.CreateTtl::new),
                Combinators.combine(nullableText(), ints()).as(ClientRequest.Delete::new),
                // ZooKeeper's hand-written DeleteContainerRequest cannot carry a null path.
                text().map(ClientRequest.DeleteContainer::new),
                Combinators.combine(nullableText(), nullableBytes(), ints()).as(ClientRequest.SetData::new),
                Combinators.combine(nullableText(), ints()).as(ClientRequest.Check::new),
                Combinators.combine(nullableText(), bools()).as(ClientRequest.Exists::new),
                Combinators.combine(nullableText(), bools()).as(ClientRequest.GetData::new),
                Combinators.combine(Arbitraries.of(OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2), nullableText(), bools())
                        .as(ClientRequest.GetChildren::new),
                nullableText().map(ClientRequest.GetAcl::new),
                Combinators.combine(nullableText(), nullableAcls(), ints()).as(ClientRequest.SetAcl::new),
                nullableText().map(ClientRequest.Sync::new),
                Arbitraries.just(new ClientRequest.Ping()),
                multi(),
                Combinators.combine(nullableText(), nullableText(), nullableText(), longs()).as(ClientRequest.Reconfig::new),
                Combinators.combine(Arbitraries.of(OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES), nullableText(), ints())
                        .as(ClientRequest.WatchQuery::new),
                Combinators.combine(ints(), nullableText(), nullableBytes()).as(ClientRequest.Auth::new),
                Combinators.combine(longs(), texts(), texts(), texts())
                        .as((z, d, e, c) -> new ClientRequest.SetWatches(OpCode.SET_WATCHES, z, d, e, c, null, null)),
                Combinators.combine(longs(), texts(), texts(), texts(), texts(), texts())
                        .as((z, d, e, c, p, r) -> new ClientRequest.SetWatches(OpCode.SET_WATCHES2, z, d, e, c, p, r)),
                nullableBytes().map(ClientRequest.Sasl::new),
                nullableText().map(ClientRequest.GetEphemerals::new),
                nullableText().map(ClientRequest.GetAllChildrenNumber::new),
                Combinators.combine(nullableText(), ints()).as(ClientRequest.AddWatch::new),
                Arbitraries.just(new ClientRequest.WhoAmI()),
                Arbitraries.just(new ClientRequest.CloseSession())));
    }

    static Arbitrary<ClientResponse.OpResult> opResult() {
        return Arbitraries.oneOf(List.of(
                nullableText().map(ClientResponse.OpResult.Create::new),
                Combinators.combine(nullableText(), stat()).as(ClientResponse.OpResult.Create2::new),
                Arbitraries.just(new ClientResponse.OpResult.Delete()),
                stat().map(ClientResponse.OpResult.SetData::new),
                Arbitraries.just(new ClientResponse.OpResult.Check()),
                texts().map(ClientResponse.OpResult.GetChildren::new),
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
                texts().map(ClientResponse.GetChildren::new),
                Combinators.combine(texts(), stat()).as(ClientResponse.GetChildren2::new),
                Combinators.combine(nullableAcls(), stat()).as(ClientResponse.GetAcl::new),
                nullableText().map(ClientResponse.Sync::new),
                texts().map(ClientResponse.GetEphemerals::new),
                ints().map(ClientResponse.GetAllChildrenNumber::new),
                Combinators.combine(nullableText(), nullableText()).as(ClientResponse.ClientInfo::new).list().ofMaxSize(3)
                        .map(ClientResponse.WhoAmI::new),
                opResult().list().ofMaxSize(5).map(ClientResponse.Multi::new)));
    }
}
