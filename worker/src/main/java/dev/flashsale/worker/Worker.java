package dev.flashsale.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.http.HealthServer;
import dev.flashsale.worker.kafka.BatchDecider;
import dev.flashsale.worker.kafka.PurchaseLoop;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;
import dev.flashsale.worker.store.OrderBook;
import dev.flashsale.worker.strategy.ItemLocks;
import dev.flashsale.worker.strategy.PurchaseStrategy;
import dev.flashsale.worker.strategy.Strategies;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker process: the composition root that builds every component from a {@link WorkerConfig}, starts the
 * consumer threads and closes everything in reverse order. The command line and the tests both start workers here.
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<PurchaseLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** How often new Kafka client metrics (partition lag appears only after assignment) are picked up. */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry;
    private final ScheduledExecutorService kafkaMetricsScheduler;
    private final List<KafkaClientMetrics> kafkaMetrics = new CopyOnWriteArrayList<>();
    private final HikariDataSource dataSource;
    private final RedissonClient redisson;
    private final HealthServer http;

    private Worker(WorkerConfig config) {
        this.config = config.validate();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("worker", config.workerId());
        resources.push(registry::close);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        resources.push(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // One thread refreshes the Kafka client metrics of every consumer and producer of this process.
        kafkaMetricsScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flashsale-kafka-metrics");
            thread.setDaemon(true);
            return thread;
        });
        resources.push(kafkaMetricsScheduler::shutdownNow);
        resources.push(() -> kafkaMetrics.forEach(KafkaClientMetrics::close));

        dataSource = dataSource(config, registry);
        resources.push(dataSource);
        DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);

        redisson = config.strategy().usesRedis() ? redisson(config) : null;
        if (redisson != null) {
            resources.push(redisson::shutdown);
        }

        WorkerMetrics metrics = new WorkerMetrics(registry, config.strategy().id());
        OrderBook orders = new OrderBook(config.strategy().id(), config.workerId(), Clock.systemUTC());
        Ledger ledger = new Ledger(dsl, new Inventory(), orders);
        ItemLocks locks = redisson == null
                ? null
                : new ItemLocks(redisson, config.lockKeyPrefix(), config.lockWait(), config.lockLease(), metrics);
        PurchaseStrategy strategy = Strategies.create(
                config.strategy(),
                new Strategies.Settings(
                        config.optimisticMaxAttempts(), config.optimisticBackoff(), config.pessimisticLockTimeout()),
                ledger,
                locks,
                metrics);
        BatchDecider decider = new BatchDecider(
                new EventCodec(),
                strategy,
                orders,
                dsl,
                new BatchDecider.Topics(config.resultsTopic(), config.deadLetterTopic()),
                config.maxQuantity(),
                config.workerId(),
                Clock.systemUTC(),
                metrics);

        for (int i = 0; i < config.consumers(); i++) {
            String name = config.workerId() + "-" + i;
            loops.add(new PurchaseLoop(
                    name,
                    config.requestsTopic(),
                    () -> consumer(name),
                    () -> producer(name),
                    decider,
                    config.pollTimeout(),
                    metrics));
        }
        http = config.httpPort() < 0 ? null : new HealthServer(config.httpPort(), registry::scrape, this::ready);
        if (http != null) {
            resources.push(http);
        }
    }

    /** Builds a worker from {@code config} and starts its consumer threads. */
    public static Worker start(WorkerConfig config) {
        Worker worker = new Worker(config);
        try {
            worker.startLoops();
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        log.info(
                "worker {} started: strategy {}, {} consumers on {}, group {}{}",
                config.workerId(),
                config.strategy(),
                config.consumers(),
                config.requestsTopic(),
                config.groupId(),
                worker.http == null ? "" : ", http port " + worker.http.port());
        return worker;
    }

    private void startLoops() {
        for (PurchaseLoop loop : loops) {
            Thread thread = new Thread(loop, "flashsale-" + loop.name());
            threads.add(thread);
            thread.start();
        }
    }

    public WorkerConfig config() {
        return config;
    }

    /** The bound HTTP port, or -1 when the server is disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** True while every consumer thread consumes and the database (and Redis, when used) answer. */
    public boolean ready() {
        for (PurchaseLoop loop : loops) {
            if (loop.state() != PurchaseLoop.State.CONSUMING) {
                return false;
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(1)) {
                return false;
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        if (redisson != null) {
            try {
                redisson.getBucket(config.lockKeyPrefix() + ":health").isExists();
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** Partitions of the requests topic currently assigned to this process's consumers. */
    public int assignedPartitions() {
        return loops.stream().mapToInt(PurchaseLoop::assignedPartitions).sum();
    }

    /** Whether any consumer thread stopped on a fatal error. */
    public boolean failed() {
        return loops.stream().anyMatch(loop -> loop.state() == PurchaseLoop.State.FAILED);
    }

    /**
     * Stops polling, lets each thread commit the poll in hand, then closes everything in reverse order of creation.
     * Returns whether the threads stopped within the configured shutdown timeout.
     */
    public boolean stop() {
        log.info("worker {} stopping", config.workerId());
        loops.forEach(PurchaseLoop::stop);
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        boolean clean = true;
        for (PurchaseLoop loop : loops) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                clean &= loop.awaitStop(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clean = false;
                break;
            }
        }
        if (!clean) {
            log.warn("worker {}: consumer threads did not stop within {}", config.workerId(), config.shutdownTimeout());
        }
        closeResources();
        log.info("worker {} stopped", config.workerId());
        return clean;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void closeResources() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("worker {}: error while closing: {}", config.workerId(), e.toString());
            }
        }
    }

    private Consumer<byte[], byte[]> consumer(String name) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.putAll(config.kafkaOverrides());
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        bind(new KafkaClientMetrics(consumer, List.of(), kafkaMetricsScheduler, KAFKA_METRICS_REFRESH));
        return consumer;
    }

    private Producer<byte[], byte[]> producer(String name) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-producer");
        // One transactional id per consumer thread of this process; the group generation carried by
        // sendOffsetsToTransaction fences a zombie that lost its partitions.
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "flashsale-" + config.groupId() + "-" + name);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // Dead letters carry the original record, which may be larger than a result.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        props.putAll(config.kafkaOverrides());
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        bind(new KafkaClientMetrics(producer, List.of(), kafkaMetricsScheduler, KAFKA_METRICS_REFRESH));
        return producer;
    }

    private void bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        kafkaMetrics.add(metrics);
    }

    private static HikariDataSource dataSource(WorkerConfig config, PrometheusMeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("flashsale-" + config.workerId());
        hikari.setJdbcUrl(config.dbUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(3_000);
        hikari.setValidationTimeout(1_000);
        // Start even while the database is down: the loops pause until it answers.
        hikari.setInitializationFailTimeout(-1);
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(hikari);
    }

    private static RedissonClient redisson(WorkerConfig config) {
        Config redis = new Config();
        redis.useSingleServer()
                .setAddress(config.redisUrl())
                .setPassword(System.getenv("FLASHSALE_REDIS_PASSWORD"))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(Math.max(2, config.consumers() * 2))
                .setTimeout(3_000)
                .setConnectTimeout(3_000);
        return Redisson.create(redis);
    }
}
