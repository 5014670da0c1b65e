package dev.flashsale.worker.kafka;

import dev.flashsale.worker.config.GroupProtocol;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings of a worker's consumer threads, in one place: what exactly-once consume-decide-produce
 * needs, plus the extra settings a deployment passes in (TLS, SASL, tuning), applied last.
 */
public final class KafkaClients {

    /**
     * How long the producer lets a batch of results fill before sending it. Results of one poll are sent together
     * anyway; a short linger lets one request carry several polls' results at moderate load.
     */
    public static final int PRODUCER_LINGER_MS = 2;

    /** Dead letters carry the original record, which may be larger than a result. */
    public static final int PRODUCER_MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    /**
     * Heartbeats go at this fraction of the session timeout (Kafka asks for at most a third). A member learns of a
     * rebalance from its next heartbeat, and a replacement's arrival starts one (its subscription carries a fresh
     * generation, so the coordinator does not hand it the old assignment silently); one heartbeat a second brings the
     * survivors to the rebalance sooner, for a request a second per consumer.
     */
    public static final int HEARTBEATS_PER_SESSION = 10;

    private final String bootstrapServers;
    private final String groupId;
    private final int maxPollRecords;
    private final Group group;
    private final Map<String, String> overrides;

    /**
     * How the consumers take part in the group.
     *
     * @param protocol the group protocol
     * @param sessionTimeout the classic protocol's session timeout (the consumer protocol's is set on the broker)
     * @param transactionTimeout the producers' transaction timeout
     */
    public record Group(GroupProtocol protocol, Duration sessionTimeout, Duration transactionTimeout) {}

    /**
     * @param groupId the consumer group every worker of the deployment shares
     * @param maxPollRecords records one poll returns at most
     * @param overrides extra client settings, applied after the worker's own
     */
    public KafkaClients(
            String bootstrapServers, String groupId, int maxPollRecords, Group group, Map<String, String> overrides) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.maxPollRecords = maxPollRecords;
        this.group = Objects.requireNonNull(group, "group");
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * A consumer of the group, committing nothing by itself and reading only committed transactions.
     *
     * @param instanceId the consumer's static identity in the group; a consumer started later with the same id (a
     *     replacement after a crash) takes over its partitions without a rebalance
     */
    public KafkaConsumer<byte[], byte[]> consumer(String clientId, String instanceId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, group.protocol().kafkaName());
        if (group.protocol() == GroupProtocol.CLASSIC) {
            // Incremental rebalances: a consumer that joins or leaves moves only the partitions that must move.
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                    group.sessionTimeout().toMillis());
            props.put(
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    (int) group.sessionTimeout().toMillis() / HEARTBEATS_PER_SESSION);
        }
        // Offsets are committed inside the producer's transactions, never by the consumer.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * An idempotent, transactional producer with the given transactional id; initialising it aborts whatever an
     * earlier producer with the same id left open, and fences that producer off.
     */
    public KafkaProducer<byte[], byte[]> producer(String clientId, String transactionalId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                group.transactionTimeout().toMillis());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, PRODUCER_MAX_REQUEST_BYTES);
        props.putAll(overrides);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
