package io.paddock.compat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.JuteReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jute.Record;
import org.apache.zookeeper.MultiOperationRecord;

/** Every request body: Paddock's bytes are ZooKeeper's bytes, and each side decodes the other's. */
class RequestCrossCheckTest {

    @Property(tries = 1500)
    void everyRequestMatchesZooKeepersRecord(@ForAll("requests") ClientRequest request) {
        check(request);
    }

    @Property(tries = 500)
    void multiAndMultiReadWithEveryOpType(@ForAll("multis") ClientRequest multi) {
        check(multi);
    }

    private static void check(ClientRequest request) {
        byte[] ours = ZkJute.paddock(request::write);
        Record theirs = ZkRecords.request(request);
        if (theirs == null) {
            assertThat(ours).as("%s has no body", request).isEmpty();
            assertThat(ClientRequest.decode(request.opCode(), new JuteReader(ours))).isEqualTo(request);
            return;
        }
        byte[] zkBytes = ZkJute.zookeeper(theirs);
        assertThat(ours).as("bytes of %s", request).isEqualTo(zkBytes);

        Record decodedByZooKeeper = ZkJute.read(ours, () -> emptyLike(theirs));
        assertThat(comparable(decodedByZooKeeper)).as("ZooKeeper decoding %s", Arrays.toString(ours))
                .usingRecursiveComparison().isEqualTo(comparable(theirs));

        JuteReader reader = new JuteReader(zkBytes);
        ClientRequest decodedByPaddock = ClientRequest.decode(request.opCode(), reader);
        assertThat(decodedByPaddock).usingRecursiveComparison().isEqualTo(request);
        assertThat(reader.hasRemaining()).isFalse();
    }

    /** A multi compares as its ops' types and request records (what the server acts on). */
    private static Object comparable(Record record) {
        if (record instanceof MultiOperationRecord multi) {
            return StreamSupport.stream(multi.spliterator(), false)
                    .map(op -> List.of(op.getType(), op.getPath(), op.toRequestRecord())).toList();
        }
        return record;
    }

    private static Record emptyLike(Record record) {
        try {
            return record.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<ClientRequest> requests() {
        return Values.request();
    }

    @Provide
    Arbitrary<ClientRequest> multis() {
        return Values.multi();
    }
}
