package dev.flashsale.worker;

import dev.flashsale.cli.DatabaseOptions;
import dev.flashsale.cli.DurationConverter;
import dev.flashsale.cli.KafkaConnectionOptions;
import dev.flashsale.cli.TopicOptions;
import dev.flashsale.schema.Migrations;
import dev.flashsale.worker.config.GroupProtocol;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code worker} command line: flags and {@code FLASHSALE_*} variables into a validated {@link WorkerConfig}. Every
 * default shown here is one of {@link WorkerConfig}'s named constants.
 */
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
            "Passwords are read from FLASHSALE_DB_PASSWORD and FLASHSALE_REDIS_PASSWORD only (never flags).",
            ""
        },
        subcommands = {WorkerCommand.Migrate.class},
        footer = {"", "Exit status: 0 after a clean shutdown (SIGTERM), 2 for invalid settings, 1 on a fatal error."})
public final class WorkerCommand implements Callable<Integer> {

    /** Wires a worker from its config; the standard wiring unless a caller runs the command with another. */
    private final Function<WorkerConfig, WorkerModule> modules;

    WorkerCommand() {
        this(WorkerModule::new);
    }

    private WorkerCommand(Function<WorkerConfig, WorkerModule> modules) {
        this.modules = modules;
    }

    @Mixin
    KafkaConnectionOptions kafka = new KafkaConnectionOptions();

    @Option(
            names = "--group-id",
            defaultValue = "${env:FLASHSALE_GROUP_ID:-" + WorkerConfig.DEFAULT_GROUP_ID + "}",
            description =
                    "Consumer group shared by all worker processes (FLASHSALE_GROUP_ID). Default: ${DEFAULT-VALUE}.")
    String groupId;

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Option(
            names = "--consumers",
            defaultValue = "${env:FLASHSALE_CONSUMERS:-" + WorkerConfig.DEFAULT_CONSUMERS + "}",
            description = "Consumer threads in this process, each with its own transactional producer"
                    + " (FLASHSALE_CONSUMERS). Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(
            names = "--strategy",
            defaultValue = "${env:FLASHSALE_STRATEGY:-" + WorkerConfig.DEFAULT_STRATEGY_NAME + "}",
            description = "Concurrency strategy, one of: ${COMPLETION-CANDIDATES} (FLASHSALE_STRATEGY)."
                    + " Default: ${DEFAULT-VALUE}.",
            completionCandidates = StrategyName.Ids.class)
    String strategy;

    @Option(
            names = "--worker-id",
            defaultValue = "${env:FLASHSALE_WORKER_ID}",
            description = "Id recorded with this process's decisions; must be unique among live workers. Give each"
                    + " replica slot its own, and a replacement the id of the worker it replaces: it then takes over"
                    + " the partitions and fences the open transactions at once (FLASHSALE_WORKER_ID). Default: host"
                    + " name and process id.")
    String workerId;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(
            names = "--pool-size",
            defaultValue = "${env:FLASHSALE_POOL_SIZE}",
            description = "Database connection pool size, at least consumers + "
                    + WorkerConfig.POOL_CONNECTIONS_BESIDES_CONSUMERS + " (FLASHSALE_POOL_SIZE)."
                    + " Default: consumers + " + WorkerConfig.POOL_CONNECTIONS_BESIDES_CONSUMERS + ".")
    Integer poolSize;

    @Option(
            names = "--redis-url",
            defaultValue = "${env:FLASHSALE_REDIS_URL:-" + WorkerConfig.DEFAULT_REDIS_URL + "}",
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
            defaultValue = "${env:FLASHSALE_LOCK_WAIT:-" + WorkerConfig.DEFAULT_LOCK_WAIT_TEXT + "}",
            description = "How long a request waits for its item's Redis lock; a lock held elsewhere that long"
                    + " answers FAILED/LOCK_TIMEOUT (FLASHSALE_LOCK_WAIT). Default: ${DEFAULT-VALUE}.")
    Duration lockWait;

    @Option(
            names = "--lock-lease",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_LOCK_LEASE:-" + WorkerConfig.DEFAULT_LOCK_LEASE_TEXT + "}",
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
            defaultValue = "${env:FLASHSALE_OPTIMISTIC_BACKOFF:-" + WorkerConfig.DEFAULT_OPTIMISTIC_BACKOFF_TEXT + "}",
            description = "Base of the optimistic retries' jittered exponential backoff"
                    + " (FLASHSALE_OPTIMISTIC_BACKOFF). Default: ${DEFAULT-VALUE}.")
    Duration optimisticBackoff;

    @Option(
            names = {"--row-lock-timeout", "--pessimistic-lock-timeout"},
            converter = DurationConverter.class,
            // The earlier name of the setting, FLASHSALE_PESSIMISTIC_LOCK_TIMEOUT, still works.
            defaultValue = "${env:FLASHSALE_ROW_LOCK_TIMEOUT:-${env:FLASHSALE_PESSIMISTIC_LOCK_TIMEOUT:-"
                    + WorkerConfig.DEFAULT_ROW_LOCK_TIMEOUT_TEXT + "}}",
            description = "PostgreSQL lock_timeout of the row locks pessimistic and batched wait for; past it"
                    + " FAILED/LOCK_TIMEOUT (FLASHSALE_ROW_LOCK_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration rowLockTimeout;

    @Option(
            names = "--max-quantity",
            defaultValue = "${env:FLASHSALE_MAX_QUANTITY:-" + WorkerConfig.DEFAULT_MAX_QUANTITY + "}",
            description = "Largest quantity one request may ask for; more is REJECTED/INVALID_REQUEST"
                    + " (FLASHSALE_MAX_QUANTITY). Default: ${DEFAULT-VALUE}.")
    int maxQuantity;

    @Option(
            names = "--max-poll-records",
            defaultValue = "${env:FLASHSALE_MAX_POLL_RECORDS:-" + WorkerConfig.DEFAULT_MAX_POLL_RECORDS + "}",
            description = "Records per poll, decided as one batch (FLASHSALE_MAX_POLL_RECORDS)."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxPollRecords;

    @Option(
            names = "--poll-timeout",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_POLL_TIMEOUT:-" + WorkerConfig.DEFAULT_POLL_TIMEOUT_TEXT + "}",
            description = "How long one poll waits when no records are there (FLASHSALE_POLL_TIMEOUT)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration pollTimeout;

    @Option(
            names = "--commit-interval",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_COMMIT_INTERVAL:-" + WorkerConfig.DEFAULT_COMMIT_INTERVAL_TEXT + "}",
            description = "How long a consumer thread gathers polls into one Kafka transaction; 0 commits every"
                    + " poll on its own (FLASHSALE_COMMIT_INTERVAL). Default: ${DEFAULT-VALUE}.")
    Duration commitInterval;

    @Option(
            names = "--commit-max-records",
            defaultValue = "${env:FLASHSALE_COMMIT_MAX_RECORDS:-" + WorkerConfig.DEFAULT_COMMIT_MAX_RECORDS + "}",
            description = "Most records one Kafka transaction gathers before it commits, whatever the interval"
                    + " (FLASHSALE_COMMIT_MAX_RECORDS). Default: ${DEFAULT-VALUE}.")
    int commitMaxRecords;

    @Option(
            names = "--session-timeout",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_SESSION_TIMEOUT:-" + WorkerConfig.DEFAULT_SESSION_TIMEOUT_TEXT + "}",
            description = "How long the consumer group waits for a silent worker before moving its partitions; a"
                    + " replacement with the same --worker-id takes its place as soon as it joins, without that wait"
                    + " (FLASHSALE_SESSION_TIMEOUT)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration sessionTimeout;

    @Option(
            names = "--transaction-timeout",
            converter = DurationConverter.class,
            defaultValue =
                    "${env:FLASHSALE_TRANSACTION_TIMEOUT:-" + WorkerConfig.DEFAULT_TRANSACTION_TIMEOUT_TEXT + "}",
            description = "How long a Kafka transaction may stay open before the broker aborts it; a replacement with"
                    + " the same --worker-id aborts its predecessor's at once (FLASHSALE_TRANSACTION_TIMEOUT)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration transactionTimeout;

    @Option(
            names = "--group-protocol",
            defaultValue = "${env:FLASHSALE_GROUP_PROTOCOL:-" + WorkerConfig.DEFAULT_GROUP_PROTOCOL_NAME + "}",
            description = "Consumer group protocol: classic (cooperative-sticky, static members) or consumer (KIP-848;"
                    + " its session timeout is the broker's) (FLASHSALE_GROUP_PROTOCOL). Default: ${DEFAULT-VALUE}.")
    String groupProtocol;

    @Option(
            names = "--http-port",
            defaultValue = "${env:FLASHSALE_HTTP_PORT:-" + WorkerConfig.DEFAULT_HTTP_PORT + "}",
            description = "Port of /metrics, /health/live and /health/ready; 0 picks a free port, -1 disables"
                    + " (FLASHSALE_HTTP_PORT). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(
            names = "--shutdown-timeout",
            converter = DurationConverter.class,
            defaultValue = "${env:FLASHSALE_SHUTDOWN_TIMEOUT:-" + WorkerConfig.DEFAULT_SHUTDOWN_TIMEOUT_TEXT + "}",
            description =
                    "Longest a graceful shutdown may take (FLASHSALE_SHUTDOWN_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration shutdownTimeout;

    /** Builds and validates the configuration; passwords come from the environment only. */
    WorkerConfig toConfig() {
        return WorkerConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId(groupId)
                .requestsTopic(topics.requestsTopic())
                .resultsTopic(topics.resultsTopic())
                .deadLetterTopic(topics.deadLetterTopic())
                .consumers(consumers)
                .strategy(StrategyName.parse(strategy))
                .workerId(workerId == null || workerId.isBlank() ? defaultWorkerId() : workerId)
                .dbUrl(database.url())
                .dbUser(database.user())
                .dbPassword(database.password())
                .poolSize(poolSize)
                .redisUrl(redisUrl)
                .redisPassword(System.getenv("FLASHSALE_REDIS_PASSWORD"))
                .lockKeyPrefix(lockKeyPrefix)
                .lockWait(lockWait)
                .lockLease(lockLease)
                .optimisticMaxAttempts(optimisticMaxAttempts)
                .optimisticBackoff(optimisticBackoff)
                .rowLockTimeout(rowLockTimeout)
                .maxQuantity(maxQuantity)
                .maxPollRecords(maxPollRecords)
                .pollTimeout(pollTimeout)
                .commitInterval(commitInterval)
                .commitMaxRecords(commitMaxRecords)
                .sessionTimeout(sessionTimeout)
                .transactionTimeout(transactionTimeout)
                .groupProtocol(GroupProtocol.parse(groupProtocol))
                .httpPort(httpPort)
                .kafkaOverrides(kafka.overrides())
                .shutdownTimeout(shutdownTimeout)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        WorkerConfig config = toConfig();
        Worker worker = Worker.start(modules.apply(config));
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
            database.validate();
            Migrations.migrate(database.url(), database.user(), database.password());
            return 0;
        }
    }

    /** The command line with its error handling: invalid settings exit with status 2. */
    static CommandLine commandLine() {
        return commandLine(WorkerModule::new);
    }

    private static CommandLine commandLine(Function<WorkerConfig, WorkerModule> modules) {
        CommandLine commandLine = new CommandLine(new WorkerCommand(modules));
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

    /**
     * Runs the worker command line, with its options, variables and exit statuses, on workers wired by {@code
     * modules} instead of the standard {@link WorkerModule}; returns the exit status. For variants such as the
     * benchmark's Kafka-only worker.
     */
    public static int run(String[] args, Function<WorkerConfig, WorkerModule> modules) {
        return commandLine(modules).execute(args);
    }
}
