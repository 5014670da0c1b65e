package dev.flashsale.demo.bench;

import dev.flashsale.demo.process.ProcessCpu;
import dev.flashsale.worker.config.GroupProtocol;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.kafka.KafkaClients;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * An anchor for reading the benchmark: what one Kafka transaction of the workers' shape costs on this machine, measured
 * with one producer committing back to back (a result, the consumed offset, the commit), nothing else running. Every
 * consumer thread of a worker commits one such transaction per commit interval when it has records, so this cost,
 * times the transactions per second, is CPU the Kafka pipeline spends whatever it decides.
 *
 * @param transactions how many were committed
 * @param millisPerTransaction wall time of one
 * @param brokerCpuMillis broker CPU per transaction; NaN when the broker is not a process of its own here
 * @param clientCpuMillis this JVM's CPU per transaction (the producer's threads)
 */
public record TransactionCost(
        int transactions, double millisPerTransaction, double brokerCpuMillis, double clientCpuMillis) {

    /** Unmeasured transactions first, so that the measured ones run compiled code. */
    static final int WARMUP_TRANSACTIONS = 300;

    /**
     * Commits {@code transactions} transactions on {@code topic} (which must have a partition 0).
     *
     * @param brokerPids the broker's processes, empty when it runs in this JVM or elsewhere
     */
    public static TransactionCost measure(
            String bootstrapServers, String topic, int transactions, List<Long> brokerPids) {
        KafkaClients clients = new KafkaClients(
                bootstrapServers,
                "transaction-cost",
                1,
                new KafkaClients.Group(
                        GroupProtocol.CLASSIC,
                        WorkerConfig.DEFAULT_SESSION_TIMEOUT,
                        WorkerConfig.DEFAULT_TRANSACTION_TIMEOUT),
                Map.of());
        ConsumerGroupMetadata group = new ConsumerGroupMetadata("flashsale-transaction-cost");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer =
                clients.producer("flashsale-transaction-cost", "flashsale-transaction-cost-" + UUID.randomUUID())) {
            producer.initTransactions();
            commit(producer, group, partition, WARMUP_TRANSACTIONS);
            long self = ProcessHandle.current().pid();
            double broker0 = brokerPids.isEmpty() ? -1 : ProcessCpu.seconds(brokerPids, false);
            double client0 = ProcessCpu.seconds(self, false);
            long started = System.nanoTime();
            commit(producer, group, partition, transactions);
            double wall = (System.nanoTime() - started) / 1e6;
            double broker = brokerPids.isEmpty() || broker0 < 0
                    ? Double.NaN
                    : (ProcessCpu.seconds(brokerPids, false) - broker0) * 1000 / transactions;
            double client =
                    client0 < 0 ? Double.NaN : (ProcessCpu.seconds(self, false) - client0) * 1000 / transactions;
            return new TransactionCost(transactions, wall / transactions, broker, client);
        }
    }

    private static void commit(
            KafkaProducer<byte[], byte[]> producer, ConsumerGroupMetadata group, TopicPartition partition, int count) {
        byte[] result = new byte[200];
        for (int i = 0; i < count; i++) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null, result));
            producer.flush();
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(i)), group);
            producer.commitTransaction();
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "a Kafka transaction (a result, an offset, the commit; one producer, back to back) takes %.1f ms and"
                        + " costs %s ms of broker CPU and %.1f ms of client CPU (mean of %d)",
                millisPerTransaction,
                Double.isNaN(brokerCpuMillis) ? "?" : String.format(Locale.ROOT, "%.1f", brokerCpuMillis),
                clientCpuMillis,
                transactions);
    }
}
