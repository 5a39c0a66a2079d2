package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.core.tree.NodeRecord;
import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.JuteReader;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.MalformedRecordException;
import io.paddock.core.wire.OpCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Every peer message survives encode/decode; every damaged encoding is refused, never half-read. */
class PeerMessageCodecTest {

    @Provide
    Arbitrary<PeerMessage> messages() {
        return PeerMessageArbitraries.anyMessage();
    }

    @Property(tries = 2000)
    void everyMessageRoundTrips(@ForAll("messages") PeerMessage message) {
        byte[] encoded = PeerMessageCodec.encode(message);

        PeerMessage decoded = PeerMessageCodec.decode(encoded);

        // arrays inside records compare by identity, so compare field by field, arrays by content
        assertThat(decoded).isExactlyInstanceOf(message.getClass());
        assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
        assertThat(PeerMessageCodec.encode(decoded)).isEqualTo(encoded);
    }

    @Property(tries = 300)
    void everyTruncationIsRefused(@ForAll("messages") PeerMessage message) {
        byte[] encoded = PeerMessageCodec.encode(message);

        for (int length = 0; length < encoded.length; length++) {
            byte[] prefix = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> PeerMessageCodec.decode(prefix))
                    .as("prefix of %d of %d bytes of %s", length, encoded.length, message)
                    .isInstanceOf(MalformedRecordException.class);
        }
    }

    @Property(tries = 300)
    void messagesFollowingEachOtherInOneBufferDecodeInOrder(@ForAll("messages") PeerMessage first,
            @ForAll("messages") PeerMessage second) {
        JuteWriter w = new JuteWriter();
        PeerMessageCodec.encode(first, w);
        PeerMessageCodec.encode(second, w);
        JuteReader r = new JuteReader(w.toByteArray());

        assertThat(PeerMessageCodec.decode(r)).usingRecursiveComparison().isEqualTo(first);
        assertThat(PeerMessageCodec.decode(r)).usingRecursiveComparison().isEqualTo(second);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void everyMessageKindHasItsOwnTypeNumber() {
        List<PeerMessage> oneOfEach = List.of(
                new PeerMessage.Notification(PeerState.LOOKING, 1, new Vote(1, 2, 3, 4, 5), new byte[0]),
                new PeerMessage.FollowerInfo(1, 2, 3, 4), new PeerMessage.ObserverInfo(1, 2, 3, 4),
                new PeerMessage.LeaderInfo(1), new PeerMessage.AckEpoch(1, 2), new PeerMessage.Diff(1),
                new PeerMessage.Trunc(1), new PeerMessage.Snap(1, List.of(), new TreeMap<>()), new PeerMessage.NewLeader(1, new byte[0]),
                new PeerMessage.UpToDate(), proposal(), new PeerMessage.Ack(1), new PeerMessage.Commit(1),
                new PeerMessage.Inform(new TxnHeader(1, 2, 3, 4, OpCode.ERROR), new Txn.Error(-101)),
                PeerMessage.Ping.of(Map.of()), new PeerMessage.Request(1, 2, OpCode.CREATE, new byte[0]),
                new PeerMessage.SyncDone(1, 2, 3), new PeerMessage.Revalidate(1, 2),
                new PeerMessage.RevalidateReply(1, true));
        Set<Class<?>> kinds = new HashSet<>();
        Set<Integer> types = new HashSet<>();
        for (PeerMessage m : oneOfEach) {
            kinds.add(m.getClass());
            types.add(new JuteReader(PeerMessageCodec.encode(m)).readInt());
        }

        assertThat(kinds).hasSameSizeAs(PeerMessage.class.getPermittedSubclasses());
        assertThat(types).hasSameSizeAs(kinds);
    }

    @Test
    void anUnknownTypeIsRefused() {
        for (int unknown : new int[] {0, 9, 19, 99, 101, -1, Integer.MAX_VALUE}) {
            byte[] bytes = new JuteWriter().writeInt(unknown).writeLong(1).toByteArray();
            assertThatThrownBy(() -> PeerMessageCodec.decode(bytes))
                    .as("type %d", unknown)
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("unknown peer message type");
        }
    }

    @Test
    void trailingBytesAfterAMessageAreRefused() {
        byte[] ack = PeerMessageCodec.encode(new PeerMessage.Ack(5));
        byte[] withExtra = Arrays.copyOf(ack, ack.length + 1);

        assertThatThrownBy(() -> PeerMessageCodec.decode(withExtra)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void anUnknownPeerStateIsRefused() {
        byte[] bytes = PeerMessageCodec.encode(
                new PeerMessage.Notification(PeerState.LEADING, 1, new Vote(1, 2, 3, 4, 5), new byte[] {1}));
        bytes[7] = 4; // the state int follows the type int; 4 is one past OBSERVING

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("peer state");
    }

    @Test
    void aNullBufferWhereBytesAreRequiredIsRefused() {
        byte[] bytes = new JuteWriter().writeInt(PeerMessageCodec.NEW_LEADER).writeLong(7).writeBuffer(null).toByteArray();

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void aTxnBodyWithBytesLeftOverIsRefused() {
        byte[] body = new JuteWriter().writeInt(-101).writeInt(0).toByteArray(); // an Error txn is one int
        JuteWriter w = new JuteWriter().writeInt(PeerMessageCodec.PROPOSAL);
        new TxnHeader(1, 2, 3, 4, OpCode.ERROR).write(w);
        byte[] bytes = w.writeBuffer(body).toByteArray();

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void aPingNamingOneSessionTwiceIsRefused() {
        byte[] bytes = new JuteWriter().writeInt(PeerMessageCodec.PING).writeInt(2)
                .writeLong(9).writeInt(100).writeLong(9).writeInt(200).toByteArray();

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("twice");
    }

    @Test
    void aPingCountingMoreSessionsThanItsBytesHoldIsRefusedBeforeReadingThem() {
        byte[] bytes = new JuteWriter().writeInt(PeerMessageCodec.PING).writeInt(Integer.MAX_VALUE)
                .writeLong(9).writeInt(100).toByteArray();

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("impossible session count");
    }

    @Test
    void pingSessionsAreEncodedInAscendingOrderWhateverTheInputOrder() {
        PeerMessage.Ping ping = PeerMessage.Ping.of(Map.of(30L, 3, 10L, 1, 20L, 2));

        assertThat(ping.sessionTimeouts().keySet()).containsExactly(10L, 20L, 30L);
        JuteReader r = new JuteReader(PeerMessageCodec.encode(ping));
        r.readInt();
        r.readInt();
        assertThat(r.readLong()).isEqualTo(10L);
    }

    @Test
    void aSnapshotKeepsItsOwnCopyOfNodesAndSessions() {
        List<NodeRecord> nodes = new ArrayList<>(List.of(node("/", null)));
        Map<Long, Integer> sessions = new HashMap<>(Map.of(30L, 3000, 10L, 1000));

        PeerMessage.Snap snap = new PeerMessage.Snap(9, nodes, ZabAction.sorted(sessions));
        nodes.add(node("/late", new byte[] {1}));
        sessions.put(20L, 2000);

        assertThat(snap.nodes()).extracting(NodeRecord::path).containsExactly("/");
        assertThat(snap.sessionTimeouts().keySet()).containsExactly(10L, 30L);
        assertThatThrownBy(() -> snap.nodes().add(node("/x", null))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snap.sessionTimeouts().put(1L, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSnapshotNodeWithoutDataKeepsNullData() {
        PeerMessage.Snap snap = new PeerMessage.Snap(9, List.of(node("/", null), node("/a", new byte[0])), new TreeMap<>());

        PeerMessage.Snap decoded = (PeerMessage.Snap) PeerMessageCodec.decode(PeerMessageCodec.encode(snap));

        assertThat(decoded.nodes().get(0).data()).isNull();
        assertThat(decoded.nodes().get(1).data()).isEmpty();
    }

    @Test
    void aSnapshotNodeWithANullPathIsRefused() {
        byte[] bytes = new JuteWriter().writeInt(PeerMessageCodec.SNAP).writeLong(9).writeInt(1)
                .writeString(null).toByteArray();

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("null node path");
    }

    @Test
    void aSnapshotNamingOneSessionTwiceIsRefused() {
        byte[] bytes = new JuteWriter().writeInt(PeerMessageCodec.SNAP).writeLong(9).writeInt(0)
                .writeInt(2).writeLong(5).writeInt(100).writeLong(5).writeInt(200).toByteArray();

        assertThatThrownBy(() -> PeerMessageCodec.decode(bytes))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("twice in a snapshot");
    }

    @Test
    void syncDoneUsesZooKeepersSyncPacketNumber() {
        byte[] bytes = PeerMessageCodec.encode(new PeerMessage.SyncDone(0x77L, 5, 0x3_0000_0009L));

        JuteReader r = new JuteReader(bytes);
        assertThat(r.readInt()).isEqualTo(7);
        assertThat(r.readLong()).isEqualTo(0x77L);
        assertThat(r.readInt()).isEqualTo(5);
        assertThat(r.readLong()).isEqualTo(0x3_0000_0009L);
    }

    private static NodeRecord node(String path, byte[] data) {
        return new NodeRecord(path, data, Acl.OPEN_ACL_UNSAFE, 1, 2, 3, 4, 5, 6, 7, 0, 8);
    }

    @Test
    void aProposalWhoseHeaderAndTxnDisagreeOnTheTypeCannotBeBuilt() {
        assertThatThrownBy(() -> new PeerMessage.Proposal(new TxnHeader(1, 2, 3, 4, OpCode.CREATE), new Txn.Error(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProposalCarriesItsZxidInItsHeader() {
        assertThat(proposal().zxid()).isEqualTo(0x5_0000_0003L);
    }

    private static PeerMessage.Proposal proposal() {
        return new PeerMessage.Proposal(new TxnHeader(1, 2, 0x5_0000_0003L, 4, OpCode.SET_DATA),
                new Txn.SetData("/a", new byte[] {1, 2}, 3));
    }
}
