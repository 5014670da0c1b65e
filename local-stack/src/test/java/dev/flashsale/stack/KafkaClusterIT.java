package dev.flashsale.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka in JVMs of its own: a three-node cluster keeps every acknowledged record and keeps taking writes with one node
 * killed (SIGKILL), and the node comes back with its data.
 */
class KafkaClusterIT {

    @Test
    void threeNodesSurviveTheLossOfOne() throws Exception {
        try (LocalStack stack = LocalStack.start(StackOptions.threeKafkaNodes())) {
            List<OptionalLong> pids = stack.kafkaNodePids();
            assertThat(pids).as("three nodes, each its own process").hasSize(3).allMatch(OptionalLong::isPresent);
            assertThat(pids.stream().mapToLong(OptionalLong::getAsLong).distinct())
                    .doesNotContain(ProcessHandle.current().pid())
                    .hasSize(3);
            String topic = LocalStack.uniqueName("replicated");
            stack.createTopic(topic, 3);
            String bootstrap = stack.endpoints().kafkaBootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic);
                assertThat(description.partitions())
                        .as("every partition on all three nodes")
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }

            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i))
                            .get(30, TimeUnit.SECONDS);
                }
                stack.stopKafkaNode(0, true);
                assertThat(stack.kafkaNodePids().get(0)).as("node 1 is gone").isEmpty();
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "during-" + i))
                            .get(60, TimeUnit.SECONDS);
                }
                stack.startKafkaNode(0);
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "after-" + i))
                            .get(30, TimeUnit.SECONDS);
                }
            }

            assertThat(readAll(bootstrap, topic))
                    .as("every acknowledged record, before, during and after the loss of a node")
                    .hasSize(300)
                    .contains("before-0", "during-99", "after-50");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            await("reading " + topic + " to its end")
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
            return values;
        }
    }
}
