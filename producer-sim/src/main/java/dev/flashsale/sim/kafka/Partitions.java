package dev.flashsale.sim.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Partition bookkeeping shared by the readers. */
final class Partitions {

    private Partitions() {}

    /** Every partition of {@code topics}; a topic that does not exist is an error naming it. */
    static List<TopicPartition> of(Consumer<?, ?> consumer, Duration timeout, String... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /**
     * Polls until every partition's position has reached {@code end} (for a read_committed consumer, the last stable
     * offset at the time {@code end} was taken), handing each record to {@code handler}.
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}
     */
    static void readUpTo(
            Consumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> end,
            Duration timeout,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (behind(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + end.keySet() + " to its end within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(handler);
        }
    }

    private static boolean behind(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return true;
            }
        }
        return false;
    }
}
