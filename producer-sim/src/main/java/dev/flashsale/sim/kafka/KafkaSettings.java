package dev.flashsale.sim.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How the simulator reaches Kafka.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param overrides extra client settings (TLS, SASL), applied last to every producer and consumer
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> overrides) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty, got '" + bootstrapServers + "'");
        }
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** Settings of the request producer: durable ({@code acks=all}, idempotent) and batching a little. */
    Map<String, Object> producer(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.putAll(overrides);
        return props;
    }

    /**
     * Settings of a reader that assigns partitions itself (no group, nothing committed) and sees only committed
     * transactions, as a client of the results topic must.
     */
    Map<String, Object> reader(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.putAll(overrides);
        return props;
    }

    /** Overrides may hold credentials; only their names are printed. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", overrides=" + overrides.keySet() + "]";
    }
}
