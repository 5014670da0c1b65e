package dev.flashsale.worker;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flashsale.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Proves the stack the other tests stand on is real: PostgreSQL, Kafka transactions and Redis locks. */
class StackSmokeIT {

    @Test
    void migratedSchemaGuardsTheStockAndTheCheckIsTheLastLineOfDefence() {
        try (SaleFixture sale = new SaleFixture("smoke-db")) {
            sale.seed("sku", 2, null);
            int guarded = sale.dsl
                    .update(ITEMS)
                    .set(ITEMS.STOCK, ITEMS.STOCK.minus(3))
                    .where(ITEMS.ITEM_ID.eq("sku"))
                    .and(ITEMS.STOCK.ge(3))
                    .execute();
            assertThat(guarded)
                    .as("the guarded decrement refuses to take 3 of 2")
                    .isZero();
            assertThatThrownBy(() -> sale.dsl
                            .update(ITEMS)
                            .set(ITEMS.STOCK, ITEMS.STOCK.minus(3))
                            .where(ITEMS.ITEM_ID.eq("sku"))
                            .execute())
                    .as("an unguarded decrement below zero is rejected by CHECK (stock >= 0)")
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("items_stock_not_negative");
            assertThat(sale.stock("sku")).isEqualTo(2);
        }
    }

    @Test
    void readCommittedConsumerNeverSeesAnAbortedRecord() {
        LocalStack stack = LocalStack.shared();
        String topic = LocalStack.uniqueName("smoke-txn");
        stack.createTopic(topic, 1);
        String bootstrap = stack.endpoints().kafkaBootstrapServers();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        topic + "-tx"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("aborted")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("committed")));
            producer.commitTransaction();
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await("the committed record")
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            seen.add(new String(record.value(), StandardCharsets.UTF_8));
                        }
                        return seen.contains("committed");
                    });
        }
        assertThat(seen).as("only the committed record is visible").containsExactly("committed");
    }

    @Test
    void redissonLockExcludesOtherThreadsUntilReleased() throws Exception {
        Config config = new Config();
        config.useSingleServer().setAddress(LocalStack.shared().endpoints().redisUrl());
        RedissonClient redisson = Redisson.create(config);
        try {
            RLock lock = redisson.getLock(LocalStack.uniqueName("smoke-lock"));
            assertThat(lock.tryLock(1, 10, TimeUnit.SECONDS))
                    .as("first holder takes the lock")
                    .isTrue();
            boolean otherWhileHeld =
                    CompletableFuture.supplyAsync(() -> tryLockNow(lock)).get(10, TimeUnit.SECONDS);
            assertThat(otherWhileHeld)
                    .as("another thread cannot take it while held")
                    .isFalse();
            lock.unlock();
            boolean otherAfterRelease =
                    CompletableFuture.supplyAsync(() -> tryLockNow(lock)).get(10, TimeUnit.SECONDS);
            assertThat(otherAfterRelease)
                    .as("another thread takes it once released")
                    .isTrue();
        } finally {
            redisson.shutdown();
        }
    }

    private static boolean tryLockNow(RLock lock) {
        try {
            boolean taken = lock.tryLock(0, 10, TimeUnit.SECONDS);
            if (taken) {
                lock.unlock();
            }
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
