package io.paddock.compat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.core.wire.OpCode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jute.Record;
import org.apache.zookeeper.txn.CheckVersionTxn;
import org.apache.zookeeper.txn.CloseSessionTxn;
import org.apache.zookeeper.txn.CreateContainerTxn;
import org.apache.zookeeper.txn.CreateSessionTxn;
import org.apache.zookeeper.txn.CreateTTLTxn;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.ErrorTxn;
import org.apache.zookeeper.txn.MultiTxn;
import org.apache.zookeeper.txn.SetACLTxn;
import org.apache.zookeeper.txn.SetDataTxn;

/** Paddock's txn records keep ZooKeeper's txn layouts: same bytes, and each side reads the other's. */
class TxnCrossCheckTest {

    @Property(tries = 1000)
    void everyTxnMatchesZooKeepersRecord(@ForAll("txns") Txn txn) {
        byte[] ours = ZkJute.paddock(txn::write);
        Record theirs = zk(txn);
        byte[] zkBytes = ZkJute.zookeeper(theirs);
        assertThat(ours).as("bytes of %s", txn).isEqualTo(zkBytes);
        assertThat((Object) ZkJute.read(ours, () -> emptyLike(theirs))).usingRecursiveComparison().isEqualTo(theirs);

        JuteReader reader = new JuteReader(zkBytes);
        assertThat(Txn.read(txn.type(), reader)).usingRecursiveComparison().isEqualTo(txn);
        assertThat(reader.hasRemaining()).isFalse();
    }

    @Property(tries = 300)
    void txnHeader(@ForAll long session, @ForAll int cxid, @ForAll long zxid, @ForAll long time, @ForAll int type) {
        TxnHeader ours = new TxnHeader(session, cxid, zxid, time, type);
        var theirs = new org.apache.zookeeper.txn.TxnHeader(session, cxid, zxid, time, type);
        assertThat(ZkJute.paddock(ours::write)).isEqualTo(ZkJute.zookeeper(theirs));
        assertThat((Object) ZkJute.read(ZkJute.paddock(ours::write), org.apache.zookeeper.txn.TxnHeader::new))
                .usingRecursiveComparison().isEqualTo(theirs);
        assertThat(TxnHeader.read(new JuteReader(ZkJute.zookeeper(theirs)))).isEqualTo(ours);
    }

    /** Txns come back from disk and from peers: damaged bytes must fail as MalformedRecordException only. */
    @Property(tries = 300)
    void damagedTxnBytesAreMalformedOrDecode(@ForAll("txns") Txn txn, @ForAll("lies") int lie) {
        byte[] bytes = ZkJute.paddock(txn::write);
        for (int length = 0; length < bytes.length; length++) {
            assertMalformedOrDecodes(txn, java.util.Arrays.copyOf(bytes, length), "truncated to " + length);
        }
        for (int offset = 0; offset + 4 <= bytes.length; offset++) {
            byte[] damaged = bytes.clone();
            damaged[offset] = (byte) (lie >>> 24);
            damaged[offset + 1] = (byte) (lie >>> 16);
            damaged[offset + 2] = (byte) (lie >>> 8);
            damaged[offset + 3] = (byte) lie;
            assertMalformedOrDecodes(txn, damaged, "int " + lie + " at offset " + offset);
        }
    }

    private static void assertMalformedOrDecodes(Txn txn, byte[] bytes, String how) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Txn.read(txn.type(), new JuteReader(bytes)));
        assertThat(thrown).as("%s %s: %s", txn, how, java.util.Arrays.toString(bytes))
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(MalformedRecordException.class));
    }

    @Provide
    Arbitrary<Integer> lies() {
        return Arbitraries.of(-1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, 4, OpCode.CREATE_SESSION,
                OpCode.CLOSE_SESSION, OpCode.MULTI, OpCode.ERROR, OpCode.CREATE2, 1 << 20);
    }

    static Record zk(Txn txn) {
        return switch (txn) {
            case Txn.Create c -> new CreateTxn(c.path(), c.data(), ZkRecords.acls(c.acl()), c.ephemeral(), c.parentCVersion());
            case Txn.CreateContainer c -> new CreateContainerTxn(c.path(), c.data(), ZkRecords.acls(c.acl()), c.parentCVersion());
            case Txn.CreateTtl c -> new CreateTTLTxn(c.path(), c.data(), ZkRecords.acls(c.acl()), c.parentCVersion(), c.ttl());
            case Txn.Delete d -> new DeleteTxn(d.path());
            case Txn.SetData s -> new SetDataTxn(s.path(), s.data(), s.version());
            case Txn.SetAcl s -> new SetACLTxn(s.path(), ZkRecords.acls(s.acl()), s.version());
            case Txn.CheckVersion c -> new CheckVersionTxn(c.path(), c.version());
            case Txn.CreateSession c -> new CreateSessionTxn(c.timeOut());
            case Txn.CloseSession c -> new CloseSessionTxn(c.paths2Delete());
            case Txn.Error e -> new ErrorTxn(e.err());
            case Txn.Multi m -> new MultiTxn(m.txns().stream()
                    .map(t -> new org.apache.zookeeper.txn.Txn(t.type(), ZkJute.zookeeper(zk(t)))).toList());
        };
    }

    private static Record emptyLike(Record record) {
        try {
            return record.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Txn> txns() {
        return Arbitraries.oneOf(List.of(
                singleTxn(),
                Values.texts().injectNull(0.1).map(Txn.CloseSession::new),
                Values.ints().map(Txn.CreateSession::new),
                singleTxn().list().ofMaxSize(4).map(Txn.Multi::new)));
    }

    private static Arbitrary<Txn> singleTxn() {
        return Arbitraries.oneOf(List.of(
                Combinators.combine(Arbitraries.of(OpCode.CREATE, OpCode.CREATE2), Values.nullableText(),
                        Values.nullableBytes(), Values.nullableAcls(), Values.bools(), Values.ints()).as(Txn.Create::new),
                Combinators.combine(Values.nullableText(), Values.nullableBytes(), Values.nullableAcls(), Values.ints())
                        .as(Txn.CreateContainer::new),
                Combinators.combine(Values.nullableText(), Values.nullableBytes(), Values.nullableAcls(), Values.ints(),
                        Values.longs()).as(Txn.CreateTtl::new),
                Combinators.combine(Arbitraries.of(OpCode.DELETE, OpCode.DELETE_CONTAINER), Values.nullableText())
                        .as(Txn.Delete::new),
                Combinators.combine(Values.nullableText(), Values.nullableBytes(), Values.ints()).as(Txn.SetData::new),
                Combinators.combine(Values.nullableText(), Values.nullableAcls(), Values.ints()).as(Txn.SetAcl::new),
                Combinators.combine(Values.nullableText(), Values.ints()).as(Txn.CheckVersion::new),
                Values.ints().map(Txn.Error::new)));
    }
}
