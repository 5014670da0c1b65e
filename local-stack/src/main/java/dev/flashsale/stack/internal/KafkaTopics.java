package dev.flashsale.stack.internal;

import dev.flashsale.stack.LocalStackException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics through one Kafka {@link Admin} client and waits until every partition has a leader, so a producer
 * or consumer started right after sees the whole topic.
 */
public final class KafkaTopics implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_INTERVAL_MS = 50;
    private final Admin admin;
    private final short replicationFactor;

    /** @param replicationFactor copies of each partition of the topics this creates */
    public KafkaTopics(String bootstrapServers, int replicationFactor) {
        this.replicationFactor = (short) replicationFactor;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "flashsale-local-stack-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(props);
    }

    /**
     * Creates the topics and waits until all their partitions have a leader.
     *
     * @throws LocalStackException naming the topics when creation fails or takes longer than 30 s
     */
    public void create(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(entry -> new NewTopic(entry.getKey(), entry.getValue(), replicationFactor))
                .toList();
        String names = String.join(", ", partitionsByTopic.keySet());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            admin.createTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(partitionsByTopic.keySet(), deadline);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("cannot create Kafka topics " + names, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating Kafka topics " + names, e);
        }
    }

    private void awaitLeaders(Collection<String> names, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (!allHaveLeaders(names)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + names + " still have no leader after " + TIMEOUT);
            }
            // the controller has created the topic; the broker applies that metadata a moment later
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MS);
        }
    }

    private boolean allHaveLeaders(Collection<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
        return descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(KafkaTopics::hasLeader);
    }

    private static boolean hasLeader(TopicPartitionInfo partition) {
        return partition.leader() != null && !partition.leader().isEmpty();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
