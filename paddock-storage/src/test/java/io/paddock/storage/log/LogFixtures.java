package io.paddock.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.Txn;
import io.paddock.core.tree.TxnHeader;
import io.paddock.core.wire.Acl;
import io.paddock.core.wire.ErrorCode;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.JuteWriter;
import io.paddock.core.wire.OpCode;
import io.paddock.core.wire.Perms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Txns of every kind, and the record layout computed independently of the production code. */
final class LogFixtures {
    static final long SESSION = 0x1000000abcdL;
    static final long TIME_BASE = 1_700_000_000_000L;
    static final int SEGMENT_HEADER = 16;
    static final int RECORD_OVERHEAD = 16; // length, crc, zxid

    private LogFixtures() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One txn of every kind the tree knows, multis included. */
    static List<Txn> everyKind() {
        List<Acl> open = Acl.OPEN_ACL_UNSAFE;
        List<Acl> digest = List.of(new Acl(Perms.READ | Perms.ADMIN, new Id("digest", "alice:hash")));
        return List.of(
                new Txn.Create(OpCode.CREATE, "/app", utf8("hello"), open, false, 1),
                new Txn.Create(OpCode.CREATE2, "/app/eph", null, digest, true, 2),
                new Txn.Create(OpCode.CREATE, "/app/bin", new byte[] {0, -1, 7}, open, false, 3),
                new Txn.CreateContainer("/box", utf8(""), open, 4),
                new Txn.CreateTtl("/ttl", utf8("t"), open, 5, 60_000L),
                new Txn.Delete(OpCode.DELETE, "/app/eph"),
                new Txn.Delete(OpCode.DELETE_CONTAINER, "/box"),
                new Txn.SetData("/app", utf8("x".repeat(300)), 2),
                new Txn.SetAcl("/app", digest, 1),
                new Txn.CheckVersion("/app", 2),
                new Txn.CreateSession(30_000),
                new Txn.CloseSession(List.of("/app/a", "/app/b")),
                new Txn.CloseSession(List.of()),
                new Txn.Error(ErrorCode.NO_NODE),
                new Txn.Multi(List.of(
                        new Txn.Create(OpCode.CREATE, "/m", utf8("1"), open, false, 6),
                        new Txn.SetData("/m", utf8("2"), 1),
                        new Txn.CheckVersion("/m", 1),
                        new Txn.Delete(OpCode.DELETE, "/m"))),
                new Txn.Multi(List.of(new Txn.Error(ErrorCode.OK), new Txn.Error(ErrorCode.BAD_VERSION))));
    }

    static LoggedTxn logged(long zxid, Txn txn) {
        return new LoggedTxn(new TxnHeader(SESSION, (int) (zxid & 0xffff), zxid, TIME_BASE + zxid, txn.type()), txn);
    }

    /** Txns with zxids first, first + step, ... cycling through every kind. */
    static List<LoggedTxn> txns(long first, int count, long step) {
        List<Txn> kinds = everyKind();
        List<LoggedTxn> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(logged(first + i * step, kinds.get(i % kinds.size())));
        }
        return out;
    }

    static byte[] payload(LoggedTxn txn) {
        JuteWriter w = new JuteWriter();
        txn.header().write(w);
        txn.txn().write(w);
        return w.toByteArray();
    }

    static int recordBytes(LoggedTxn txn) {
        return RECORD_OVERHEAD + payload(txn).length;
    }

    /** A record built by hand from the contract: length, crc32c, zxid, payload. */
    static byte[] record(LoggedTxn txn) {
        byte[] payload = payload(txn);
        ByteBuffer covered = ByteBuffer.allocate(8 + payload.length).putLong(txn.zxid()).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(covered.array());
        return ByteBuffer.allocate(RECORD_OVERHEAD + payload.length).putInt(8 + payload.length)
                .putInt((int) crc.getValue()).put(covered.array()).array();
    }

    /** Offsets of the records of a segment holding {@code txns}, plus the end of the last one. */
    static long[] recordOffsets(List<LoggedTxn> txns) {
        long[] offsets = new long[txns.size() + 1];
        offsets[0] = SEGMENT_HEADER;
        for (int i = 0; i < txns.size(); i++) {
            offsets[i + 1] = offsets[i] + recordBytes(txns.get(i));
        }
        return offsets;
    }

    /** Where segments must start, computed from record sizes alone: a record starts a new segment when the
     *  current one's data has reached the maximum. */
    static List<Long> expectedFirstZxids(List<LoggedTxn> txns, long segmentMax) {
        List<Long> firsts = new ArrayList<>();
        long position = Long.MAX_VALUE;
        for (LoggedTxn t : txns) {
            if (position >= segmentMax) {
                firsts.add(t.zxid());
                position = SEGMENT_HEADER;
            }
            position += recordBytes(t);
        }
        return firsts;
    }

    /** Txns compare by what they encode to: records holding byte[] have no value equality. */
    static void assertSameTxns(List<LoggedTxn> actual, List<LoggedTxn> expected) {
        assertThat(actual.stream().map(LoggedTxn::zxid).toList())
                .isEqualTo(expected.stream().map(LoggedTxn::zxid).toList());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(payload(actual.get(i))).as("txn %d", i).isEqualTo(payload(expected.get(i)));
        }
    }
}
