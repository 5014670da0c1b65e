package dev.flashsale.worker.config;

import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a worker process needs, immutable and validated once at start-up by {@link #validate()}. The command
 * line fills it from flags and {@code FLASHSALE_*} environment variables; tests build it directly.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param groupId the consumer group every worker process of one deployment shares; scaling out is more processes
 *     with the same group id
 * @param requestsTopic the topic requests are read from
 * @param resultsTopic the topic one result per request is written to, transactionally
 * @param deadLetterTopic where records without a readable request id are copied
 * @param consumers consumer threads in this process, each with its own consumer and transactional producer; more
 *     threads than the topic has partitions sit idle
 * @param strategy the concurrency strategy every decision of this process uses
 * @param workerId this process's id, recorded with its decisions and part of its transactional ids; two live processes
 *     must not share it
 * @param dbUrl PostgreSQL JDBC URL
 * @param dbUser PostgreSQL user
 * @param dbPassword PostgreSQL password, from the environment only; may be empty
 * @param poolSize HikariCP maximum pool size; one connection per consumer thread is used at a time, plus health checks
 * @param redisUrl Redis URL ({@code redis://host:port}); required by the strategies that lock in Redis, otherwise
 *     unused and may be null
 * @param lockKeyPrefix namespace of the Redis lock keys
 * @param lockWait how long a request waits for its item's Redis lock before failing with {@code LOCK_TIMEOUT}
 * @param lockLease how long a Redis lock is held at most; longer than any decision should take, since a holder that
 *     outlives it no longer excludes others
 * @param optimisticMaxAttempts attempts of the optimistic strategy before {@code FAILED/CONFLICT}
 * @param optimisticBackoff base of the optimistic strategy's jittered exponential backoff
 * @param pessimisticLockTimeout PostgreSQL {@code lock_timeout} for the pessimistic strategy's row lock
 * @param maxQuantity the largest quantity one request may ask for; larger ones are {@code REJECTED/INVALID_REQUEST}
 * @param maxPollRecords records per poll, so per Kafka transaction
 * @param pollTimeout how long one poll waits for records
 * @param httpPort port of {@code /metrics} and {@code /health/*}; 0 picks a free one; -1 disables the server
 * @param kafkaOverrides extra Kafka client settings (TLS, SASL), applied to consumers and producers last
 * @param shutdownTimeout how long a graceful shutdown may take before the process gives up waiting
 */
public record WorkerConfig(
        String bootstrapServers,
        String groupId,
        String requestsTopic,
        String resultsTopic,
        String deadLetterTopic,
        int consumers,
        StrategyName strategy,
        String workerId,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int poolSize,
        String redisUrl,
        String lockKeyPrefix,
        Duration lockWait,
        Duration lockLease,
        int optimisticMaxAttempts,
        Duration optimisticBackoff,
        Duration pessimisticLockTimeout,
        int maxQuantity,
        int maxPollRecords,
        Duration pollTimeout,
        int httpPort,
        Map<String, String> kafkaOverrides,
        Duration shutdownTimeout) {

    public static final String DEFAULT_GROUP_ID = "flashsale-workers";
    public static final int DEFAULT_CONSUMERS = 4;
    public static final int DEFAULT_POOL_SIZE = 6;
    public static final String DEFAULT_LOCK_KEY_PREFIX = "flashsale";
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(10);
    public static final int DEFAULT_OPTIMISTIC_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_OPTIMISTIC_BACKOFF = Duration.ofMillis(2);
    public static final Duration DEFAULT_PESSIMISTIC_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_QUANTITY = 10;
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public WorkerConfig {
        kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
        dbPassword = dbPassword == null ? "" : dbPassword;
    }

    /**
     * Checks every setting and returns this config.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public WorkerConfig validate() {
        requireText("bootstrapServers", bootstrapServers);
        requireText("groupId", groupId);
        requireText("requestsTopic", requestsTopic);
        requireText("resultsTopic", resultsTopic);
        requireText("deadLetterTopic", deadLetterTopic);
        if (requestsTopic.equals(resultsTopic) || requestsTopic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException(
                    "resultsTopic and deadLetterTopic must differ from requestsTopic, got '" + requestsTopic + "'");
        }
        requireRange("consumers", consumers, 1, 256);
        Objects.requireNonNull(strategy, "strategy must be one of " + StrategyName.validNames());
        requireText("workerId", workerId);
        requireText("dbUrl", dbUrl);
        if (!dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "dbUrl must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got '" + dbUrl + "'");
        }
        requireText("dbUser", dbUser);
        requireRange("poolSize", poolSize, 1, 1000);
        if (strategy.usesRedis()) {
            requireText("redisUrl", redisUrl);
            if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
                throw new IllegalArgumentException(
                        "redisUrl must start with redis:// or rediss://, got '" + redisUrl + "'");
            }
        }
        requireText("lockKeyPrefix", lockKeyPrefix);
        requirePositive("lockWait", lockWait, true);
        requirePositive("lockLease", lockLease, false);
        requireRange("optimisticMaxAttempts", optimisticMaxAttempts, 1, 1000);
        requirePositive("optimisticBackoff", optimisticBackoff, true);
        requirePositive("pessimisticLockTimeout", pessimisticLockTimeout, false);
        requireRange("maxQuantity", maxQuantity, 1, 1_000_000);
        requireRange("maxPollRecords", maxPollRecords, 1, 10_000);
        requirePositive("pollTimeout", pollTimeout, false);
        requireRange("httpPort", httpPort, -1, 65535);
        requirePositive("shutdownTimeout", shutdownTimeout, false);
        return this;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty, got '" + value + "'");
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(
                    name + " must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", got " + value);
        }
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "WorkerConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", requestsTopic="
                + requestsTopic + ", resultsTopic=" + resultsTopic + ", deadLetterTopic=" + deadLetterTopic
                + ", consumers=" + consumers + ", strategy=" + strategy + ", workerId=" + workerId + ", dbUrl="
                + dbUrl + ", dbUser=" + dbUser + ", poolSize=" + poolSize + ", redisUrl=" + redisUrl
                + ", lockKeyPrefix=" + lockKeyPrefix + ", lockWait=" + lockWait + ", lockLease=" + lockLease
                + ", optimisticMaxAttempts=" + optimisticMaxAttempts + ", optimisticBackoff=" + optimisticBackoff
                + ", pessimisticLockTimeout=" + pessimisticLockTimeout + ", maxQuantity=" + maxQuantity
                + ", maxPollRecords=" + maxPollRecords + ", pollTimeout=" + pollTimeout + ", httpPort=" + httpPort
                + ", kafkaOverrides=" + kafkaOverrides.keySet() + ", shutdownTimeout=" + shutdownTimeout + "]";
    }
}
