package dev.flashsale.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Exercises the shared stack of this JVM: the servers work, and the embedded ones survive stop/start. */
class LocalStackIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
    }

    @Test
    void kafkaTopicWithThreePartitionsCarriesARecord() throws Exception {
        String topic = LocalStack.uniqueName("orders");

        stack.createTopic(topic, 3);

        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).as("partitions of %s", topic).hasSize(3);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(topic, "item-1", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties("read_uncommitted"))) {
            consumer.subscribe(List.of(topic));
            List<String> values = pollUntil(consumer, 1);
            assertThat(values).as("records consumed from %s", topic).containsExactly("hello");
        }
    }

    @Test
    void readCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
        String topic = LocalStack.uniqueName("results");
        // one partition, so the order of the three records is the order they were written
        stack.createTopic(topic, 1);

        Properties transactional = producerProperties();
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, LocalStack.uniqueName("tx"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "r1", "committed"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "r2", "aborted"));
            producer.flush();
            producer.abortTransaction();

            // a later commit proves the consumer has read past the aborted record
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "r3", "committed-after-abort"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties("read_committed"))) {
            consumer.subscribe(List.of(topic));
            List<String> values = pollUntil(consumer, 2);
            assertThat(values)
                    .as("read_committed sees the committed records only, never the aborted one")
                    .containsExactly("committed", "committed-after-abort");
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties("read_uncommitted"))) {
            consumer.subscribe(List.of(topic));
            List<String> values = pollUntil(consumer, 3);
            assertThat(values)
                    .as("the aborted record was written to the log (read_uncommitted sees it)")
                    .containsExactly("committed", "aborted", "committed-after-abort");
        }
    }

    @Test
    void kafkaWorksAfterBrokerRestart() throws Exception {
        assumeEmbedded(Service.KAFKA);
        String topic = LocalStack.uniqueName("restart");
        stack.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(topic, "k", "before")).get();
        }

        try {
            stack.stopKafka();
        } finally {
            stack.startKafka();
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(topic, "k", "after")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties("read_committed"))) {
            consumer.subscribe(List.of(topic));
            assertThat(pollUntil(consumer, 2))
                    .as("records written before the restart are kept, and new ones are accepted")
                    .containsExactly("before", "after");
        }
    }

    @Test
    void newDatabaseReturnsAWorkingUrlOfItsOwn() throws SQLException {
        String jdbcUrl = stack.newDatabase("orders");
        String other = stack.newDatabase("orders");

        assertThat(jdbcUrl).as("each call gives a different database").isNotEqualTo(other);
        try (Connection connection = connect(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id TEXT PRIMARY KEY, stock INT NOT NULL CHECK (stock >= 0))");
            statement.execute("INSERT INTO item VALUES ('sku-1', 5)");
            try (ResultSet rs = statement.executeQuery("SELECT current_database(), stock FROM item")) {
                assertThat(rs.next()).as("one row").isTrue();
                assertThat(jdbcUrl).as("URL names the database it connects to").endsWith("/" + rs.getString(1));
                assertThat(rs.getInt(2)).as("stock read back").isEqualTo(5);
            }
        }
    }

    @Test
    void postgresRestartKeepsUrlAndData() throws SQLException {
        assumeEmbedded(Service.POSTGRES);
        String jdbcUrl = stack.newDatabase("restart");
        try (Connection connection = connect(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id INT)");
            statement.execute("INSERT INTO marker VALUES (42)");
        }
        try (Connection open = connect(jdbcUrl)) {
            stack.stopPostgres();

            assertThat(open.isValid(2))
                    .as("a connection opened before the stop is cut")
                    .isFalse();
            assertThatThrownBy(() -> connect(jdbcUrl).close())
                    .as("no new connection while stopped")
                    .isInstanceOf(SQLException.class);

            stack.startPostgres();
        }

        try (Connection connection = connect(jdbcUrl);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM marker")) {
            assertThat(rs.next()).as("row written before the restart").isTrue();
            assertThat(rs.getInt(1))
                    .as("data survives the restart on the same URL")
                    .isEqualTo(42);
        }
    }

    @Test
    void redisLockIsExclusiveAcrossThreads() throws Exception {
        RedissonClient redisson = redisson();
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try {
            RLock lock = redisson.getLock(LocalStack.uniqueName("item_lock"));

            lock.lock();
            boolean takenWhileHeld =
                    otherThread.submit(() -> lock.tryLock(0, TimeUnit.SECONDS)).get();
            lock.unlock();
            boolean takenAfterRelease = otherThread
                    .submit(() -> {
                        boolean taken = lock.tryLock(0, TimeUnit.SECONDS);
                        if (taken) {
                            lock.unlock();
                        }
                        return taken;
                    })
                    .get();

            assertThat(takenWhileHeld)
                    .as("another thread cannot take the lock while it is held")
                    .isFalse();
            assertThat(takenAfterRelease)
                    .as("another thread takes the lock once it is released")
                    .isTrue();
        } finally {
            otherThread.shutdownNow();
            redisson.shutdown();
        }
    }

    @Test
    void redisWorksAfterRestartAndStartsEmpty() {
        assumeEmbedded(Service.REDIS);
        RedissonClient redisson = redisson();
        try {
            String key = LocalStack.uniqueName("key");
            redisson.<String>getBucket(key).set("before");

            try {
                stack.stopRedis();
            } finally {
                stack.startRedis();
            }

            // the client reconnects by itself; give it the time its retry policy needs
            await().atMost(WAIT)
                    .ignoreExceptions()
                    .untilAsserted(
                            () -> assertThat(redisson.<String>getBucket(key).isExists())
                                    .as("keys are gone: embedded Redis runs without persistence")
                                    .isFalse());
            redisson.<String>getBucket(key).set("after");
            assertThat(redisson.<String>getBucket(key).get())
                    .as("value written after the restart")
                    .isEqualTo("after");
        } finally {
            redisson.shutdown();
        }
    }

    @Test
    void closingTheSharedStackDoesNotStopIt() throws SQLException {
        stack.close();

        try (Connection connection = connect(stack.endpoints().jdbcUrl())) {
            assertThat(connection.isValid(2))
                    .as("shared stack still serves after close()")
                    .isTrue();
        }
    }

    private static void assumeEmbedded(Service service) {
        assumeTrue(
                stack.origin(service) == Origin.EMBEDDED,
                () -> service.displayName() + " is " + stack.origin(service) + ", not embedded: stop/start not tested");
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Endpoints endpoints = stack.endpoints();
        return DriverManager.getConnection(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
    }

    private static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress(stack.endpoints().redisUrl());
        return Redisson.create(config);
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static Properties consumerProperties(String isolationLevel) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, LocalStack.uniqueName("group"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** Polls until {@code count} records arrived, and returns their values in the order read. */
    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
            return values.size() >= count;
        });
        // one more poll: anything beyond the expected records would show up here
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
        return values;
    }
}
