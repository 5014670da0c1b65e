package dev.flashsale.worker;

import dev.flashsale.schema.Migrations;
import dev.flashsale.schema.Topics;
import dev.flashsale.worker.config.DurationConverter;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code worker} command line: flags and {@code FLASHSALE_*} variables into a validated {@link WorkerConfig}. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        version = "flashsale worker 0.1.0",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Consumes purchase requests from Kafka, decides each one against PostgreSQL under the chosen strategy,"
                    + " and publishes exactly one result per request, transactionally with the consumed offsets.",
            "Every option can also be set by the environment variable named in its description.",
            "The database password is read from FLASHSALE_DB_PASSWORD only (never a flag).",
            ""
        },
        subcommands = {WorkerCommand.Migrate.class},
        footer = {"", "Exit status: 0 after a clean shutdown (SIGTERM), 2 for invalid settings, 1 on a fatal error."})
public final class WorkerCommand implements Callable<Integer> {

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:FLASHSALE_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (FLASHSALE_KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(
            names = "--group-id",
            defaultValue = "${env:FLASHSALE_GROUP_ID:-" + WorkerConfig.DEFAULT_GROUP_ID + "}",
            description =
                    "Consumer group shared by all worker processes (FLASHSALE_GROUP_ID). Default: ${DEFAULT-VALUE}.")
    String groupId;

    @Option(
            names = "--requests-topic",
            defaultValue = "${env:FLASHSALE_REQUESTS_TOPIC:-" + Topics.PURCHASE_REQUESTS + "}",
            description = "Topic to read requests from (FLASHSALE_REQUESTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String requestsTopic;

    @Option(
            names = "--results-topic",
            defaultValue = "${env:FLASHSALE_RESULTS_TOPIC:-" + Topics.PURCHASE_RESULTS + "}",
            description = "Topic to publish results to (FLASHSALE_RESULTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String resultsTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "${env:FLASHSALE_DEAD_LETTER_TOPIC:-" + Topics.PURCHASE_REQUESTS_DLT + "}",
            description = "Topic for records without a readable request id (FLASHSALE_DEAD_LETTER_TOPIC)."
                    + " Default: ${DEFAULT-VALUE}.")
    String deadLetterTopic;

    @Option(
            names = "--consumers",
            defaultValue = "${env:FLASHSALE_CONSUMERS:-" + WorkerConfig.DEFAULT_CONSUMERS + "}",
            description = "Consumer threads in this process, each with its own transactional producer"
                    + " (FLASHSALE_CONSUMERS). Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(
            names = "--strategy",
            defaultValue = "${env:FLASHSALE_STRATEGY:-atomic}",
            description =
                    "Concurrency strategy: optimistic, pessimistic, distributed, combined, atomic, fenced, batched"
                            + " (FLASHSALE_STRATEGY). Default: ${DEFAULT-VALUE}.")
    String strategy;

    @Option(
            names = "--worker-id",
            defaultValue = "${env:FLASHSALE_WORKER_ID}",
            description = "Id recorded with this process's decisions; must be unique among live workers"
                    + " (FLASHSALE_WORKER_ID). Default: host name and process id.")
    String workerId;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(
            names = "--pool-size",
            defaultValue = "${env:FLASHSALE_POOL_SIZE:-" + WorkerConfig.DEFAULT_POOL_SIZE + "}",
            description = "Database connection pool size (FLASHSALE_POOL_SIZE). Default: ${DEFAULT-VALUE}.")
    int poolSize;

    @Option(
            names = "--redis-url",
            defaultValue = "${env:FLASHSALE_REDIS_URL:-redis://localhost:6379}",
            description = "Redis URL, used by distributed, combined and fenced (FLASHSALE_REDIS_URL);"
                    + " password from FLASHSALE_REDIS_PASSWORD. Default: ${DEFAULT-VALUE}.")
    String redisUrl;

    @Option(
            names = "--lock-key-prefix",
            defaultValue = "${env:FLASHSALE_LOCK_KEY_PREFIX:-" + WorkerConfig.DEFAULT_LOCK_KEY_PREFIX + "}",
            description = "Namespace of the Redis lock keys (FLASHSALE_LOCK_KEY_PREFIX). Default: ${DEFAULT-VALUE}.")
    String lockKeyPrefix;

    @Option(
            names = "--lock-wait",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_LOCK_WAIT:-2s}",
            description = "How long a request waits for its item's Redis lock before FAILED/LOCK_TIMEOUT"
                    + " (FLASHSALE_LOCK_WAIT). Default: ${DEFAULT-VALUE}.")
    Duration lockWait;

    @Option(
            names = "--lock-lease",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_LOCK_LEASE:-10s}",
            description = "Longest a Redis lock is held before Redis frees it (FLASHSALE_LOCK_LEASE)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration lockLease;

    @Option(
            names = "--optimistic-max-attempts",
            defaultValue =
                    "${env:FLASHSALE_OPTIMISTIC_MAX_ATTEMPTS:-" + WorkerConfig.DEFAULT_OPTIMISTIC_MAX_ATTEMPTS + "}",
            description = "Optimistic attempts before FAILED/CONFLICT (FLASHSALE_OPTIMISTIC_MAX_ATTEMPTS)."
                    + " Default: ${DEFAULT-VALUE}.")
    int optimisticMaxAttempts;

    @Option(
            names = "--optimistic-backoff",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_OPTIMISTIC_BACKOFF:-2ms}",
            description = "Base of the optimistic retries' jittered exponential backoff"
                    + " (FLASHSALE_OPTIMISTIC_BACKOFF). Default: ${DEFAULT-VALUE}.")
    Duration optimisticBackoff;

    @Option(
            names = "--pessimistic-lock-timeout",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_PESSIMISTIC_LOCK_TIMEOUT:-2s}",
            description = "PostgreSQL lock_timeout of the pessimistic row lock; past it FAILED/LOCK_TIMEOUT"
                    + " (FLASHSALE_PESSIMISTIC_LOCK_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration pessimisticLockTimeout;

    @Option(
            names = "--max-quantity",
            defaultValue = "${env:FLASHSALE_MAX_QUANTITY:-" + WorkerConfig.DEFAULT_MAX_QUANTITY + "}",
            description = "Largest quantity one request may ask for; more is REJECTED/INVALID_REQUEST"
                    + " (FLASHSALE_MAX_QUANTITY). Default: ${DEFAULT-VALUE}.")
    int maxQuantity;

    @Option(
            names = "--max-poll-records",
            defaultValue = "${env:FLASHSALE_MAX_POLL_RECORDS:-" + WorkerConfig.DEFAULT_MAX_POLL_RECORDS + "}",
            description = "Records per poll, hence per Kafka transaction (FLASHSALE_MAX_POLL_RECORDS)."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxPollRecords;

    @Option(
            names = "--http-port",
            defaultValue = "${env:FLASHSALE_HTTP_PORT:-" + WorkerConfig.DEFAULT_HTTP_PORT + "}",
            description = "Port of /metrics, /health/live and /health/ready; 0 picks a free port, -1 disables"
                    + " (FLASHSALE_HTTP_PORT). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(
            names = "--kafka-properties",
            defaultValue = "${env:FLASHSALE_KAFKA_PROPERTIES}",
            description = "Properties file of extra Kafka client settings such as TLS or SASL, applied to every"
                    + " consumer and producer (FLASHSALE_KAFKA_PROPERTIES).")
    Path kafkaProperties;

    @Option(
            names = "--shutdown-timeout",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_SHUTDOWN_TIMEOUT:-30s}",
            description =
                    "Longest a graceful shutdown may take (FLASHSALE_SHUTDOWN_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration shutdownTimeout;

    /** Builds and validates the configuration; the password comes from the environment only. */
    WorkerConfig toConfig() {
        return new WorkerConfig(
                        bootstrapServers,
                        groupId,
                        requestsTopic,
                        resultsTopic,
                        deadLetterTopic,
                        consumers,
                        StrategyName.parse(strategy),
                        workerId == null || workerId.isBlank() ? defaultWorkerId() : workerId,
                        database.dbUrl,
                        database.dbUser,
                        DatabaseOptions.password(),
                        poolSize,
                        redisUrl,
                        lockKeyPrefix,
                        lockWait,
                        lockLease,
                        optimisticMaxAttempts,
                        optimisticBackoff,
                        pessimisticLockTimeout,
                        maxQuantity,
                        maxPollRecords,
                        WorkerConfig.DEFAULT_POLL_TIMEOUT,
                        httpPort,
                        readKafkaProperties(kafkaProperties),
                        shutdownTimeout)
                .validate();
    }

    @Override
    public Integer call() throws InterruptedException {
        WorkerConfig config = toConfig();
        Worker worker = Worker.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    boolean clean = worker.stop();
                    stopped.countDown();
                    // The JVM would report SIGTERM as status 143; a worker that stopped cleanly exits 0.
                    Runtime.getRuntime().halt(clean ? 0 : 1);
                },
                "flashsale-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Returns when a consumer thread failed fatally; SIGTERM ends the process from the hook.
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (worker.failed()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                worker.stop();
                return 1;
            }
        }
        return 0;
    }

    static Map<String, String> readKafkaProperties(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("kafkaProperties: cannot read '" + file + "': " + e.getMessage(), e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((key, value) -> map.put(key.toString(), value.toString()));
        return map;
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "worker";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** Applies the database migrations and exits. */
    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Applies the flashsale schema migrations to the database and exits."
                    + " The password is read from FLASHSALE_DB_PASSWORD.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Override
        public Integer call() {
            Migrations.migrate(database.dbUrl, database.dbUser, DatabaseOptions.password());
            return 0;
        }
    }

    /** The database flags, shared by the worker and {@code migrate}; the password comes from the environment. */
    static final class DatabaseOptions {
        @Option(
                names = "--db-url",
                defaultValue = "${env:FLASHSALE_DB_URL:-jdbc:postgresql://localhost:5432/flashsale}",
                description = "PostgreSQL JDBC URL (FLASHSALE_DB_URL). Default: ${DEFAULT-VALUE}.")
        String dbUrl;

        @Option(
                names = "--db-user",
                defaultValue = "${env:FLASHSALE_DB_USER:-flashsale}",
                description = "PostgreSQL user (FLASHSALE_DB_USER); the password is read from FLASHSALE_DB_PASSWORD."
                        + " Default: ${DEFAULT-VALUE}.")
        String dbUser;

        static String password() {
            return Objects.requireNonNullElse(System.getenv("FLASHSALE_DB_PASSWORD"), "");
        }
    }

    /** The command line with its error handling: invalid settings exit with status 2. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new WorkerCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("worker: invalid setting: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
