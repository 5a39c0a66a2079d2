package io.paddock.compat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.ClientResponse;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jute.Record;
import org.apache.zookeeper.MultiResponse;

/**
 * Every reply body Paddock writes is byte for byte what ZooKeeper writes for the same values, and
 * ZooKeeper's client-side records decode it to those values. (Paddock has no reply decoder; equal bytes
 * make the other direction the same statement.)
 */
class ResponseCrossCheckTest {

    @Property(tries = 1500)
    void everyResponseMatchesZooKeepersRecord(@ForAll("responses") ClientResponse response) {
        byte[] ours = ZkJute.paddock(response::write);
        List<Record> theirs = ZkRecords.response(response);
        if (theirs.isEmpty()) {
            assertThat(ours).isEmpty();
        }
        for (Record record : theirs) {
            assertThat(ours).as("%s as %s", response, record.getClass().getSimpleName())
                    .isEqualTo(ZkJute.zookeeper(record));
            Record decoded = ZkJute.read(ours, () -> emptyLike(record));
            assertThat(comparable(decoded)).usingRecursiveComparison().isEqualTo(comparable(record));
        }
    }

    private static Object comparable(Record record) {
        return record instanceof MultiResponse multi ? multi.getResultList() : record;
    }

    private static Record emptyLike(Record record) {
        try {
            return record.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<ClientResponse> responses() {
        return Values.response();
    }
}
