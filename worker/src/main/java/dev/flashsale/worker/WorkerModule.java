package dev.flashsale.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.decision.Decider;
import dev.flashsale.worker.decision.DecisionService;
import dev.flashsale.worker.kafka.KafkaClients;
import dev.flashsale.worker.kafka.PollHandler;
import dev.flashsale.worker.kafka.PurchaseLoop;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.Orders;
import dev.flashsale.worker.store.Purchases;
import dev.flashsale.worker.strategy.ItemLocks;
import dev.flashsale.worker.strategy.PurchaseStrategy;
import dev.flashsale.worker.strategy.RedisItemLocks;
import dev.flashsale.worker.strategy.Strategies;
import dev.flashsale.worker.strategy.StrategyName;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component of a worker from its {@link WorkerConfig}, each once, on first use, by
 * one accessor per component. {@link Worker} asks it for the consume loops and runs them; tests and the benchmark
 * override an accessor to swap one part (a decider without a database, say) and keep the rest of the wiring.
 *
 * <p>Components that hold resources are closed by {@link #close()}, in reverse order of creation. Accessors are
 * thread-safe.
 */
public class WorkerModule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerModule.class);

    /** How often new Kafka client metrics (partition lag appears only after assignment) are picked up. */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    /** How long a request for a pooled connection waits before the database counts as unavailable. */
    static final Duration DB_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    static final Duration DB_VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration REDIS_TIMEOUT = Duration.ofSeconds(3);
    /** Redis connections per consumer thread: one for commands, one spare while a lock notification is awaited. */
    static final int REDIS_CONNECTIONS_PER_CONSUMER = 2;

    private final WorkerConfig config;
    private final Map<String, Object> built = new HashMap<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    public WorkerModule(WorkerConfig config) {
        this.config = config;
    }

    public WorkerConfig config() {
        return config;
    }

    public Clock clock() {
        return once("clock", Clock::systemUTC);
    }

    public PrometheusMeterRegistry registry() {
        return once("registry", () -> {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            closing(registry::close);
            registry.config().commonTags("worker", config.workerId());
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(registry);
            closing(gc);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            return registry;
        });
    }

    public WorkerMetrics metrics() {
        return once(
                "metrics", () -> new WorkerMetrics(registry(), config.strategy().id()));
    }

    /** One thread refreshes the Kafka client metrics of every consumer and producer of this process. */
    protected ScheduledExecutorService kafkaMetricsScheduler() {
        return once("kafkaMetricsScheduler", () -> {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "flashsale-kafka-metrics");
                thread.setDaemon(true);
                return thread;
            });
            closing(scheduler::shutdownNow);
            return scheduler;
        });
    }

    public HikariDataSource dataSource() {
        return once("dataSource", () -> {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("flashsale-" + config.workerId());
            hikari.setJdbcUrl(config.dbUrl());
            hikari.setUsername(config.dbUser());
            hikari.setPassword(config.dbPassword());
            hikari.setMaximumPoolSize(config.poolSize());
            hikari.setConnectionTimeout(DB_CONNECTION_TIMEOUT.toMillis());
            hikari.setValidationTimeout(DB_VALIDATION_TIMEOUT.toMillis());
            // Start even while the database is down: the loops pause until it answers.
            hikari.setInitializationFailTimeout(-1);
            hikari.addDataSourceProperty("ApplicationName", "flashsale-worker " + config.workerId());
            if (config.strategy().waitsForRowLocks()) {
                // Bounds every wait for a row lock of this pool's sessions; set once per connection, not per request.
                hikari.addDataSourceProperty(
                        "options", "-c lock_timeout=" + config.rowLockTimeout().toMillis());
            }
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry()));
            HikariDataSource dataSource = new HikariDataSource(hikari);
            closing(dataSource);
            return dataSource;
        });
    }

    public Database database() {
        return once("database", () -> new Database(dataSource()));
    }

    public Items items() {
        return once("items", Items::new);
    }

    public Orders orders() {
        return once("orders", () -> new Orders(database(), config.strategy().id(), config.workerId()));
    }

    public Purchases purchases() {
        return once("purchases", () -> new Purchases(orders()));
    }

    /** The Redis client, for the strategies that lock in Redis. */
    public RedissonClient redisson() {
        return once("redisson", () -> {
            Config redis = new Config();
            redis.useSingleServer()
                    .setAddress(config.redisUrl())
                    .setPassword(config.redisPassword())
                    .setConnectionMinimumIdleSize(1)
                    .setConnectionPoolSize(Math.max(2, config.consumers() * REDIS_CONNECTIONS_PER_CONSUMER))
                    .setTimeout((int) REDIS_TIMEOUT.toMillis())
                    .setConnectTimeout((int) REDIS_TIMEOUT.toMillis());
            RedissonClient client = Redisson.create(redis);
            closing(client::shutdown);
            return client;
        });
    }

    /** Item locks of the kind the strategy takes, or {@code null} for the strategies that take none. */
    public ItemLocks itemLocks() {
        StrategyName.LockKind kind = config.strategy().lockKind();
        if (kind == StrategyName.LockKind.NONE) {
            return null;
        }
        return once(
                "itemLocks",
                () -> new RedisItemLocks(
                        redisson(),
                        config.lockKeyPrefix(),
                        config.lockWait(),
                        config.lockLease(),
                        kind == StrategyName.LockKind.FENCED,
                        metrics()));
    }

    public PurchaseStrategy strategy() {
        return once(
                "strategy",
                () -> Strategies.create(
                        config.strategy(),
                        new Strategies.Optimism(config.optimisticMaxAttempts(), config.optimisticBackoff()),
                        new Strategies.Parts(
                                database(), items(), purchases(), orders(), itemLocks(), clock(), metrics())));
    }

    /** Answers each poll; the database-backed {@link DecisionService} unless overridden. */
    public Decider decider() {
        return once(
                "decider", () -> new DecisionService(strategy(), orders(), config.maxQuantity(), clock(), metrics()));
    }

    public EventCodec codec() {
        return once("codec", EventCodec::new);
    }

    public PollHandler pollHandler() {
        return once(
                "pollHandler",
                () -> new PollHandler(codec(), decider(), config.resultsTopic(), config.deadLetterTopic()));
    }

    public KafkaClients kafkaClients() {
        return once(
                "kafkaClients",
                () -> new KafkaClients(
                        config.bootstrapServers(),
                        config.groupId(),
                        config.maxPollRecords(),
                        new KafkaClients.Group(
                                config.groupProtocol(), config.sessionTimeout(), config.transactionTimeout()),
                        config.kafkaOverrides()));
    }

    /**
     * The name of consumer thread {@code index}: its static member id in the group and part of its client ids and
     * transactional id. It depends only on the worker id and the index, so a worker restarted with the same id (a
     * replacement in the same replica slot) takes over its predecessor's partitions and fences its predecessor's
     * transactions at once.
     */
    public String loopName(int index) {
        return config.workerId() + "-" + index;
    }

    /** A new consumer for consumer thread {@code index}, its client metrics bound to the registry. */
    public Consumer<byte[], byte[]> newConsumer(int index) {
        KafkaConsumer<byte[], byte[]> consumer =
                kafkaClients().consumer(loopName(index) + "-consumer", loopName(index));
        bindMetrics(new KafkaClientMetrics(consumer, List.of(), kafkaMetricsScheduler(), KAFKA_METRICS_REFRESH));
        return consumer;
    }

    /**
     * A new transactional producer for consumer thread {@code index}. The transactional id belongs to this thread of
     * this worker id: a replacement with the same id aborts whatever its predecessor left open when it starts. The
     * group generation carried by {@code sendOffsetsToTransaction} fences a zombie that lost its partitions.
     */
    public Producer<byte[], byte[]> newProducer(int index) {
        String name = loopName(index);
        KafkaProducer<byte[], byte[]> producer =
                kafkaClients().producer(name + "-producer", "flashsale-" + config.groupId() + "-" + name);
        bindMetrics(new KafkaClientMetrics(producer, List.of(), kafkaMetricsScheduler(), KAFKA_METRICS_REFRESH));
        return producer;
    }

    private void bindMetrics(KafkaClientMetrics clientMetrics) {
        clientMetrics.bindTo(registry());
        closing(clientMetrics);
    }

    /** One loop per consumer thread. */
    public List<PurchaseLoop> purchaseLoops() {
        return once("purchaseLoops", () -> {
            PurchaseLoop.Batching batching =
                    new PurchaseLoop.Batching(config.pollTimeout(), config.commitInterval(), config.commitMaxRecords());
            List<PurchaseLoop> loops = new ArrayList<>();
            for (int i = 0; i < config.consumers(); i++) {
                int index = i;
                loops.add(new PurchaseLoop(
                        loopName(i),
                        config.requestsTopic(),
                        config.resultsTopic(),
                        () -> newConsumer(index),
                        () -> newProducer(index),
                        pollHandler(),
                        batching,
                        metrics()));
            }
            return List.copyOf(loops);
        });
    }

    /**
     * What must answer for the worker to be ready, besides its consumer threads: the database, and Redis when the
     * strategy locks there.
     */
    public List<ReadinessCheck> readinessChecks() {
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(this::databaseProblem);
        if (config.strategy().usesRedis()) {
            checks.add(this::redisProblem);
        }
        return checks;
    }

    private Optional<String> databaseProblem() {
        try (Connection connection = dataSource().getConnection()) {
            return connection.isValid((int) DB_VALIDATION_TIMEOUT.toSeconds())
                    ? Optional.empty()
                    : Optional.of("database: connection not valid within " + DB_VALIDATION_TIMEOUT.toSeconds() + " s");
        } catch (SQLException | RuntimeException e) {
            return Optional.of("database: " + rootMessage(e));
        }
    }

    private Optional<String> redisProblem() {
        try {
            redisson().getBucket(config.lockKeyPrefix() + ":health").isExists();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("redis: " + rootMessage(e));
        }
    }

    /** The innermost cause's message, which names what actually failed (refused, timed out, unknown host). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Registers something to close with the module. */
    protected final synchronized void closing(AutoCloseable closeable) {
        closeables.push(closeable);
    }

    /** Builds a component once; later calls return the same instance. */
    @SuppressWarnings("unchecked")
    protected final synchronized <T> T once(String name, Supplier<T> make) {
        Object existing = built.get(name);
        if (existing != null) {
            return (T) existing;
        }
        T made = make.get();
        built.put(name, made);
        return made;
    }

    /** Closes everything built, in reverse order of creation; failures are logged, not thrown. */
    @Override
    public synchronized void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("worker {}: error while closing: {}", config.workerId(), e.toString());
            }
        }
    }
}
