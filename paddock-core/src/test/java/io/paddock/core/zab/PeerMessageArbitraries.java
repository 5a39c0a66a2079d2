package io.paddock.core.zab;

import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.OpCode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every kind of peer message, with edge values in every numeric field. */
final class PeerMessageArbitraries {
    private PeerMessageArbitraries() {
    }

    static Arbitrary<PeerMessage> anyMessage() {
        return Arbitraries.oneOf(List.of(notifications(), followerInfos(), observerInfos(),
                longs().map(PeerMessage.LeaderInfo::new),
                Combinators.combine(longs(), longs()).as(PeerMessage.AckEpoch::new),
                longs().map(PeerMessage.Diff::new),
                longs().map(PeerMessage.Trunc::new),
                snaps(),
                Combinators.combine(longs(), bytes()).as(PeerMessage.NewLeader::new),
                Arbitraries.just(new PeerMessage.UpToDate()),
                proposals(),
                longs().map(PeerMessage.Ack::new),
                longs().map(PeerMessage.Commit::new),
                informs(),
                pings(),
                Combinators.combine(longs(), ints(), ints(), bytes()).as(PeerMessage.Request::new),
                Combinators.combine(longs(), ints(), longs()).as(PeerMessage.SyncDone::new),
                Combinators.combine(longs(), ints()).as(PeerMessage.Revalidate::new),
                Combinators.combine(longs(), Arbitraries.of(true, false)).as(PeerMessage.RevalidateReply::new)));
    }

    static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    static Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
    }

    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('/', 'é', '中').ofMaxLength(10);
    }

    static Arbitrary<Vote> votes() {
        return Combinators.combine(longs(), longs(), longs(), longs(), longs()).as(Vote::new);
    }

    static Arbitrary<PeerMessage> notifications() {
        return Combinators.combine(Arbitraries.of(PeerState.class), longs(), votes(), bytes())
                .as(PeerMessage.Notification::new);
    }

    static Arbitrary<PeerMessage> followerInfos() {
        return Combinators.combine(longs(), longs(), longs(), longs()).as(PeerMessage.FollowerInfo::new);
    }

    static Arbitrary<PeerMessage> observerInfos() {
        return Combinators.combine(longs(), longs(), longs(), longs()).as(PeerMessage.ObserverInfo::new);
    }

    static Arbitrary<PeerMessage> pings() {
        return Arbitraries.maps(longs(), ints()).ofMaxSize(5).map(PeerMessage.Ping::of);
    }

    /** Snapshots of up to four nodes, with null data, empty and several-entry ACLs, and sessions. */
    static Arbitrary<PeerMessage> snaps() {
        Arbitrary<NodeRecord> node = Combinators.combine(text(), Arbitraries.oneOf(bytes(), Arbitraries.just(null)),
                acls(), longs().list().ofSize(5), ints().list().ofSize(3), longs())
                .as((path, data, acl, l, i, pzxid) -> new NodeRecord(path, data, acl, l.get(0), l.get(1), l.get(2),
                        l.get(3), i.get(0), i.get(1), i.get(2), l.get(4), pzxid));
        return Combinators.combine(longs(), node.list().ofMaxSize(4), Arbitraries.maps(longs(), ints()).ofMaxSize(4))
                .as((zxid, nodes, sessions) -> new PeerMessage.Snap(zxid, nodes, ZabAction.sorted(sessions)));
    }

    static Arbitrary<List<Acl>> acls() {
        Arbitrary<Acl> acl = Combinators.combine(ints(), text(), text()).as((perms, scheme, id) -> new Acl(perms, new Id(scheme, id)));
        return Arbitraries.oneOf(Arbitraries.just(Acl.OPEN_ACL_UNSAFE), acl.list().ofMaxSize(3));
    }

    static Arbitrary<PeerMessage> proposals() {
        return txns().flatMap(txn -> headers(txn.type()).map(h -> new PeerMessage.Proposal(h, txn)));
    }

    static Arbitrary<PeerMessage> informs() {
        return txns().flatMap(txn -> headers(txn.type()).map(h -> new PeerMessage.Inform(h, txn)));
    }

    static Arbitrary<TxnHeader> headers(int type) {
        return Combinators.combine(longs(), ints(), longs(), longs()).as((s, c, z, t) -> new TxnHeader(s, c, z, t, type));
    }

    /** A spread of txn kinds, including a multi, enough to exercise the body-in-a-buffer framing. */
    static Arbitrary<Txn> txns() {
        Arbitrary<Txn> single = Arbitraries.oneOf(List.of(
                Combinators.combine(Arbitraries.of(OpCode.CREATE, OpCode.CREATE2), text(), bytes(),
                        Arbitraries.of(true, false), ints())
                        .as((type, path, data, eph, cv) -> (Txn) new Txn.Create(type, path, data, Acl.OPEN_ACL_UNSAFE, eph, cv)),
                Combinators.combine(text(), bytes(), ints()).as((p, d, v) -> (Txn) new Txn.SetData(p, d, v)),
                Combinators.combine(Arbitraries.of(OpCode.DELETE, OpCode.DELETE_CONTAINER), text())
                        .as((type, p) -> (Txn) new Txn.Delete(type, p)),
                Combinators.combine(text(), ints()).as((p, v) -> (Txn) new Txn.CheckVersion(p, v)),
                ints().map(Txn.Error::new)));
        Arbitrary<Txn> sessions = Arbitraries.oneOf(List.of(
                ints().map(Txn.CreateSession::new),
                text().list().ofMaxSize(3).map(Txn.CloseSession::new)));
        Arbitrary<Txn> multi = single.list().ofMaxSize(3).map(Txn.Multi::new);
        return Arbitraries.oneOf(List.of(single, sessions, multi));
    }
}
