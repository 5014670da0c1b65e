package dev.flashsale.worker;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static dev.flashsale.schema.db.Tables.ORDERS;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flashsale.schema.Migrations;
import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One isolated flash sale on the shared local stack: its own topics, consumer group, database and Redis key prefix,
 * so tests never see each other's data whatever order they run in.
 */
final class SaleFixture implements AutoCloseable {

    static final int PARTITIONS = 12;

    final LocalStack stack = LocalStack.shared();
    final Endpoints endpoints = stack.endpoints();
    final String name;
    final String requestsTopic;
    final String resultsTopic;
    final String deadLetterTopic;
    final String groupId;
    final String jdbcUrl;
    final DSLContext dsl;
    final EventCodec codec = new EventCodec();

    private final HikariDataSource dataSource;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Worker> workers = new ArrayList<>();
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> seen =
            new java.util.concurrent.ConcurrentHashMap<>();

    SaleFixture(String prefix) {
        name = LocalStack.uniqueName(prefix);
        requestsTopic = name + ".requests";
        resultsTopic = name + ".results";
        deadLetterTopic = name + ".requests.DLT";
        groupId = name + ".workers";
        stack.createTopic(requestsTopic, PARTITIONS);
        stack.createTopic(resultsTopic, PARTITIONS);
        stack.createTopic(deadLetterTopic, 1);
        jdbcUrl = stack.newDatabase(name);
        Migrations.migrate(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(endpoints.dbUser());
        hikari.setPassword(endpoints.dbPassword());
        hikari.setMaximumPoolSize(2);
        hikari.setInitializationFailTimeout(-1);
        dataSource = new HikariDataSource(hikari);
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        endpoints.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    void seed(String itemId, int stock, Integer perUserLimit) {
        dsl.insertInto(ITEMS)
                .set(ITEMS.ITEM_ID, itemId)
                .set(ITEMS.NAME, "Item " + itemId)
                .set(ITEMS.INITIAL_STOCK, stock)
                .set(ITEMS.STOCK, stock)
                .set(ITEMS.PER_USER_LIMIT, perUserLimit)
                .execute();
    }

    WorkerConfig config(StrategyName strategy, String workerId, int consumers) {
        return WorkerConfig.builder()
                .bootstrapServers(endpoints.kafkaBootstrapServers())
                .groupId(groupId)
                .requestsTopic(requestsTopic)
                .resultsTopic(resultsTopic)
                .deadLetterTopic(deadLetterTopic)
                .consumers(consumers)
                .strategy(strategy)
                .workerId(name + "-" + workerId)
                .dbUrl(jdbcUrl)
                .dbUser(endpoints.dbUser())
                .dbPassword(endpoints.dbPassword())
                .redisUrl(endpoints.redisUrl())
                .lockKeyPrefix(name)
                .lockWait(Duration.ofSeconds(5))
                .rowLockTimeout(Duration.ofSeconds(5))
                .pollTimeout(Duration.ofMillis(100))
                .httpPort(0)
                .build();
    }

    Worker startWorker(WorkerConfig config) {
        Worker worker = Worker.start(config);
        workers.add(worker);
        return worker;
    }

    /** Sends requests keyed by user and waits until the broker has them all. */
    void sendByUser(List<PurchaseRequest> requests) {
        for (PurchaseRequest request : requests) {
            producer.send(new ProducerRecord<>(requestsTopic, utf8(request.userId()), codec.encode(request)));
        }
        producer.flush();
    }

    void sendRaw(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(requestsTopic, key, value));
        producer.flush();
    }

    /** Everything on {@code topic} that a read_committed consumer sees, read from the beginning. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = seen.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        endpoints.kafkaBootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>();
            await("reading " + topic + " to its end")
                    .atMost(Duration.ofSeconds(20))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(fresh::add);
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                    });
            records.clear();
            records.addAll(fresh);
        }
        return records;
    }

    /** Decoded results on the results topic, as a read_committed consumer sees them. */
    List<PurchaseResult> results() {
        List<PurchaseResult> results = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(resultsTopic)) {
            Decoded<PurchaseResult> decoded = codec.decodeResult(record.value());
            if (!(decoded instanceof Decoded.Ok<PurchaseResult> ok)) {
                throw new AssertionError("undecodable result: " + new String(record.value(), StandardCharsets.UTF_8));
            }
            results.add(ok.value());
        }
        return results;
    }

    /** Waits until at least {@code count} results are committed, then returns all of them. */
    List<PurchaseResult> awaitResults(int count, Duration timeout) {
        await("at least " + count + " results on " + resultsTopic)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> results().size() >= count);
        return results();
    }

    int stock(String itemId) {
        return dsl.select(ITEMS.STOCK)
                .from(ITEMS)
                .where(ITEMS.ITEM_ID.eq(itemId))
                .fetchOne(ITEMS.STOCK);
    }

    List<OrdersRecord> orders() {
        return dsl.selectFrom(ORDERS).fetch();
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.close();
        }
        producer.close();
        dataSource.close();
    }
}
