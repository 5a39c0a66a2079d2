package io.paddock.compat.curator;

import static io.paddock.compat.curator.Curators.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.PerKindServers;
import io.paddock.compat.support.PerKindServers.KindServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.state.ConnectionState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class DistributedQueueTest {

    private static final QueueSerializer<Integer> INTS = new QueueSerializer<>() {
        @Override
        public byte[] serialize(Integer item) {
            return item.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Integer deserialize(byte[] bytes) {
            return Integer.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    };

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void aSingleConsumerTakesItemsInOrderEachOnce(KindServer server) throws Exception {
        int items = 20;
        try (Curators curators = new Curators(server)) {
            List<Integer> consumed = new CopyOnWriteArrayList<>();
            DistributedQueue<Integer> producer = queue(curators, curators.client(), "/queue-ordered", null);
            for (int i = 0; i < items; i++) {
                producer.put(i);
            }
            queue(curators, curators.client(), "/queue-ordered", consumed::add);

            eventually().until(() -> consumed.size() >= items);
            assertThat(consumed).containsExactlyElementsOf(IntStream.range(0, items).boxed().toList());
            CuratorFramework observer = curators.client();
            eventually().until(() -> Curators.childrenOrNoneIfCollected(observer, "/queue-ordered").isEmpty());
            assertThat(consumed).hasSize(items);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(PerKindServers.class)
    void competingConsumersShareItemsWithoutDuplicates(KindServer server) throws Exception {
        int items = 30;
        try (Curators curators = new Curators(server)) {
            List<List<Integer>> perConsumer = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                List<Integer> mine = new CopyOnWriteArrayList<>();
                perConsumer.add(mine);
                queue(curators, curators.client(), "/queue-shared", mine::add);
            }
            DistributedQueue<Integer> producer = queue(curators, curators.client(), "/queue-shared", null);
            for (int i = 0; i < items; i++) {
                producer.put(i);
            }

            eventually().until(() -> perConsumer.get(0).size() + perConsumer.get(1).size() >= items);
            List<Integer> all = new ArrayList<>(perConsumer.get(0));
            all.addAll(perConsumer.get(1));
            assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, items).boxed().toList());
            // Each consumer walks the queue in sequence order.
            for (List<Integer> mine : perConsumer) {
                assertThat(mine).isSorted();
            }
        }
    }

    private static DistributedQueue<Integer> queue(Curators curators, CuratorFramework client, String path,
                                                   java.util.function.Consumer<Integer> sink) throws Exception {
        QueueConsumer<Integer> consumer = sink == null ? null : new QueueConsumer<>() {
            @Override
            public void consumeMessage(Integer item) {
                sink.accept(item);
            }

            @Override
            public void stateChanged(CuratorFramework c, ConnectionState newState) {
            }
        };
        DistributedQueue<Integer> queue = curators.closeLater(QueueBuilder.builder(client, consumer, INTS, path).buildQueue());
        queue.start();
        return queue;
    }
}
