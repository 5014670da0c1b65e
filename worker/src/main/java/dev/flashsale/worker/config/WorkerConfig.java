package dev.flashsale.worker.config;

import dev.flashsale.cli.DatabaseOptions;
import dev.flashsale.cli.DurationConverter;
import dev.flashsale.cli.KafkaConnectionOptions;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a worker process needs, immutable and validated once by {@link Builder#build()}. The command line fills
 * a builder from flags and {@code FLASHSALE_*} environment variables; tests and the demo start from {@link #builder()}
 * with the same named defaults.
 *
 * <p>Every setting is documented on its builder method. The defaults are the {@code DEFAULT_*} constants below, and
 * the command line shows those constants as its defaults.
 */
public final class WorkerConfig {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaConnectionOptions.DEFAULT_BOOTSTRAP_SERVERS;
    public static final String DEFAULT_GROUP_ID = "flashsale-workers";
    public static final int DEFAULT_CONSUMERS = 4;
    public static final String DEFAULT_STRATEGY_NAME = "atomic";
    public static final StrategyName DEFAULT_STRATEGY = StrategyName.parse(DEFAULT_STRATEGY_NAME);
    public static final String DEFAULT_DB_URL = DatabaseOptions.DEFAULT_URL;
    public static final String DEFAULT_DB_USER = DatabaseOptions.DEFAULT_USER;
    /** The pool size when none is given: one connection per consumer thread and one for the readiness check. */
    public static final int POOL_CONNECTIONS_BESIDES_CONSUMERS = 1;

    public static final String DEFAULT_REDIS_URL = "redis://localhost:6379";
    public static final String DEFAULT_LOCK_KEY_PREFIX = "flashsale";
    public static final String DEFAULT_LOCK_WAIT_TEXT = "2s";
    public static final Duration DEFAULT_LOCK_WAIT = DurationConverter.parse(DEFAULT_LOCK_WAIT_TEXT);
    public static final String DEFAULT_LOCK_LEASE_TEXT = "10s";
    public static final Duration DEFAULT_LOCK_LEASE = DurationConverter.parse(DEFAULT_LOCK_LEASE_TEXT);
    public static final int DEFAULT_OPTIMISTIC_MAX_ATTEMPTS = 10;
    public static final String DEFAULT_OPTIMISTIC_BACKOFF_TEXT = "2ms";
    public static final Duration DEFAULT_OPTIMISTIC_BACKOFF = DurationConverter.parse(DEFAULT_OPTIMISTIC_BACKOFF_TEXT);
    public static final String DEFAULT_ROW_LOCK_TIMEOUT_TEXT = "2s";
    public static final Duration DEFAULT_ROW_LOCK_TIMEOUT = DurationConverter.parse(DEFAULT_ROW_LOCK_TIMEOUT_TEXT);
    public static final int DEFAULT_MAX_QUANTITY = 10;
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final String DEFAULT_POLL_TIMEOUT_TEXT = "200ms";
    public static final Duration DEFAULT_POLL_TIMEOUT = DurationConverter.parse(DEFAULT_POLL_TIMEOUT_TEXT);
    /**
     * Chosen from the benchmark's half-peak runs (see the README): long enough that a half-loaded worker commits a
     * few large Kafka transactions instead of many tiny ones, short enough to add only a few milliseconds of latency.
     */
    public static final String DEFAULT_COMMIT_INTERVAL_TEXT = "20ms";

    public static final Duration DEFAULT_COMMIT_INTERVAL = DurationConverter.parse(DEFAULT_COMMIT_INTERVAL_TEXT);

    public static final int DEFAULT_COMMIT_MAX_RECORDS = 5_000;

    /**
     * How long the group waits for a silent consumer before giving its partitions to others; the brokers' default
     * lower bound is 6 s. Chosen from the chaos command's kill runs (see the README): a killed worker's replacement
     * takes its partitions back at once (static membership), so this bound matters only when no replacement comes.
     */
    public static final String DEFAULT_SESSION_TIMEOUT_TEXT = "10s";

    public static final Duration DEFAULT_SESSION_TIMEOUT = DurationConverter.parse(DEFAULT_SESSION_TIMEOUT_TEXT);
    /**
     * How long a transaction may stay open before the broker aborts it. A crashed worker's replacement aborts it at
     * once (same transactional id); this bound matters only when none comes. A poll decided while a transaction is
     * open must finish within it, or the transaction aborts and the poll is redelivered.
     */
    public static final String DEFAULT_TRANSACTION_TIMEOUT_TEXT = "20s";

    public static final Duration DEFAULT_TRANSACTION_TIMEOUT =
            DurationConverter.parse(DEFAULT_TRANSACTION_TIMEOUT_TEXT);
    public static final String DEFAULT_GROUP_PROTOCOL_NAME = "classic";
    public static final GroupProtocol DEFAULT_GROUP_PROTOCOL = GroupProtocol.parse(DEFAULT_GROUP_PROTOCOL_NAME);
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_SHUTDOWN_TIMEOUT_TEXT = "30s";
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = DurationConverter.parse(DEFAULT_SHUTDOWN_TIMEOUT_TEXT);

    private final String bootstrapServers;
    private final String groupId;
    private final String requestsTopic;
    private final String resultsTopic;
    private final String deadLetterTopic;
    private final int consumers;
    private final StrategyName strategy;
    private final String workerId;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int poolSize;
    private final String redisUrl;
    private final String redisPassword;
    private final String lockKeyPrefix;
    private final Duration lockWait;
    private final Duration lockLease;
    private final int optimisticMaxAttempts;
    private final Duration optimisticBackoff;
    private final Duration rowLockTimeout;
    private final int maxQuantity;
    private final int maxPollRecords;
    private final Duration pollTimeout;
    private final Duration commitInterval;
    private final int commitMaxRecords;
    private final Duration sessionTimeout;
    private final Duration transactionTimeout;
    private final GroupProtocol groupProtocol;
    private final int httpPort;
    private final Map<String, String> kafkaOverrides;
    private final Duration shutdownTimeout;

    private WorkerConfig(Builder b) {
        bootstrapServers = b.bootstrapServers;
        groupId = b.groupId;
        requestsTopic = b.requestsTopic;
        resultsTopic = b.resultsTopic;
        deadLetterTopic = b.deadLetterTopic;
        consumers = b.consumers;
        strategy = b.strategy;
        workerId = b.workerId;
        dbUrl = b.dbUrl;
        dbUser = b.dbUser;
        dbPassword = b.dbPassword == null ? "" : b.dbPassword;
        poolSize = b.poolSize == null ? b.consumers + POOL_CONNECTIONS_BESIDES_CONSUMERS : b.poolSize;
        redisUrl = b.redisUrl;
        redisPassword = b.redisPassword == null || b.redisPassword.isEmpty() ? null : b.redisPassword;
        lockKeyPrefix = b.lockKeyPrefix;
        lockWait = b.lockWait;
        lockLease = b.lockLease;
        optimisticMaxAttempts = b.optimisticMaxAttempts;
        optimisticBackoff = b.optimisticBackoff;
        rowLockTimeout = b.rowLockTimeout;
        maxQuantity = b.maxQuantity;
        maxPollRecords = b.maxPollRecords;
        pollTimeout = b.pollTimeout;
        commitInterval = b.commitInterval;
        commitMaxRecords = b.commitMaxRecords;
        sessionTimeout = b.sessionTimeout;
        transactionTimeout = b.transactionTimeout;
        groupProtocol = b.groupProtocol;
        httpPort = b.httpPort;
        kafkaOverrides = b.kafkaOverrides == null ? Map.of() : Map.copyOf(b.kafkaOverrides);
        shutdownTimeout = b.shutdownTimeout;
    }

    /** A builder holding every default; {@link Builder#build()} validates. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String groupId() {
        return groupId;
    }

    public String requestsTopic() {
        return requestsTopic;
    }

    public String resultsTopic() {
        return resultsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public int consumers() {
        return consumers;
    }

    public StrategyName strategy() {
        return strategy;
    }

    public String workerId() {
        return workerId;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public int poolSize() {
        return poolSize;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** The Redis password, or null when Redis needs none. */
    public String redisPassword() {
        return redisPassword;
    }

    public String lockKeyPrefix() {
        return lockKeyPrefix;
    }

    public Duration lockWait() {
        return lockWait;
    }

    public Duration lockLease() {
        return lockLease;
    }

    public int optimisticMaxAttempts() {
        return optimisticMaxAttempts;
    }

    public Duration optimisticBackoff() {
        return optimisticBackoff;
    }

    public Duration rowLockTimeout() {
        return rowLockTimeout;
    }

    public int maxQuantity() {
        return maxQuantity;
    }

    public int maxPollRecords() {
        return maxPollRecords;
    }

    public Duration pollTimeout() {
        return pollTimeout;
    }

    public Duration commitInterval() {
        return commitInterval;
    }

    public int commitMaxRecords() {
        return commitMaxRecords;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    public GroupProtocol groupProtocol() {
        return groupProtocol;
    }

    public int httpPort() {
        return httpPort;
    }

    public Map<String, String> kafkaOverrides() {
        return kafkaOverrides;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "WorkerConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", requestsTopic="
                + requestsTopic + ", resultsTopic=" + resultsTopic + ", deadLetterTopic=" + deadLetterTopic
                + ", consumers=" + consumers + ", strategy=" + strategy + ", workerId=" + workerId + ", dbUrl="
                + dbUrl + ", dbUser=" + dbUser + ", poolSize=" + poolSize + ", redisUrl=" + redisUrl
                + ", lockKeyPrefix=" + lockKeyPrefix + ", lockWait=" + lockWait + ", lockLease=" + lockLease
                + ", optimisticMaxAttempts=" + optimisticMaxAttempts + ", optimisticBackoff=" + optimisticBackoff
                + ", rowLockTimeout=" + rowLockTimeout + ", maxQuantity=" + maxQuantity + ", maxPollRecords="
                + maxPollRecords + ", pollTimeout=" + pollTimeout + ", commitInterval=" + commitInterval
                + ", commitMaxRecords=" + commitMaxRecords + ", sessionTimeout=" + sessionTimeout
                + ", transactionTimeout=" + transactionTimeout + ", groupProtocol=" + groupProtocol + ", httpPort="
                + httpPort + ", kafkaOverrides="
                + kafkaOverrides.keySet() + ", shutdownTimeout=" + shutdownTimeout + "]";
    }

    /** Collects settings; every field starts at its named default. Not thread-safe. */
    public static final class Builder {
        private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        private String groupId = DEFAULT_GROUP_ID;
        private String requestsTopic = dev.flashsale.schema.Topics.PURCHASE_REQUESTS;
        private String resultsTopic = dev.flashsale.schema.Topics.PURCHASE_RESULTS;
        private String deadLetterTopic = dev.flashsale.schema.Topics.PURCHASE_REQUESTS_DLT;
        private int consumers = DEFAULT_CONSUMERS;
        private StrategyName strategy = DEFAULT_STRATEGY;
        private String workerId;
        private String dbUrl = DEFAULT_DB_URL;
        private String dbUser = DEFAULT_DB_USER;
        private String dbPassword = "";
        private Integer poolSize;
        private String redisUrl = DEFAULT_REDIS_URL;
        private String redisPassword;
        private String lockKeyPrefix = DEFAULT_LOCK_KEY_PREFIX;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private Duration lockLease = DEFAULT_LOCK_LEASE;
        private int optimisticMaxAttempts = DEFAULT_OPTIMISTIC_MAX_ATTEMPTS;
        private Duration optimisticBackoff = DEFAULT_OPTIMISTIC_BACKOFF;
        private Duration rowLockTimeout = DEFAULT_ROW_LOCK_TIMEOUT;
        private int maxQuantity = DEFAULT_MAX_QUANTITY;
        private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private int commitMaxRecords = DEFAULT_COMMIT_MAX_RECORDS;
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private GroupProtocol groupProtocol = DEFAULT_GROUP_PROTOCOL;
        private int httpPort = DEFAULT_HTTP_PORT;
        private Map<String, String> kafkaOverrides = Map.of();
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {}

        private Builder(WorkerConfig c) {
            bootstrapServers = c.bootstrapServers;
            groupId = c.groupId;
            requestsTopic = c.requestsTopic;
            resultsTopic = c.resultsTopic;
            deadLetterTopic = c.deadLetterTopic;
            consumers = c.consumers;
            strategy = c.strategy;
            workerId = c.workerId;
            dbUrl = c.dbUrl;
            dbUser = c.dbUser;
            dbPassword = c.dbPassword;
            poolSize = c.poolSize;
            redisUrl = c.redisUrl;
            redisPassword = c.redisPassword;
            lockKeyPrefix = c.lockKeyPrefix;
            lockWait = c.lockWait;
            lockLease = c.lockLease;
            optimisticMaxAttempts = c.optimisticMaxAttempts;
            optimisticBackoff = c.optimisticBackoff;
            rowLockTimeout = c.rowLockTimeout;
            maxQuantity = c.maxQuantity;
            maxPollRecords = c.maxPollRecords;
            pollTimeout = c.pollTimeout;
            commitInterval = c.commitInterval;
            commitMaxRecords = c.commitMaxRecords;
            sessionTimeout = c.sessionTimeout;
            transactionTimeout = c.transactionTimeout;
            groupProtocol = c.groupProtocol;
            httpPort = c.httpPort;
            kafkaOverrides = c.kafkaOverrides;
            shutdownTimeout = c.shutdownTimeout;
        }

        /** Kafka bootstrap servers, {@code host:port[,host:port...]}. */
        public Builder bootstrapServers(String value) {
            bootstrapServers = value;
            return this;
        }

        /**
         * The consumer group every worker process of one deployment shares; scaling out is more processes with the
         * same group id.
         */
        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        /** The topic requests are read from. */
        public Builder requestsTopic(String value) {
            requestsTopic = value;
            return this;
        }

        /** The topic one result per request is written to, transactionally with the consumed offsets. */
        public Builder resultsTopic(String value) {
            resultsTopic = value;
            return this;
        }

        /** Where records without a readable request id are copied. */
        public Builder deadLetterTopic(String value) {
            deadLetterTopic = value;
            return this;
        }

        /**
         * Consumer threads in this process, each with its own consumer and transactional producer; more threads than
         * the topic has partitions sit idle.
         */
        public Builder consumers(int value) {
            consumers = value;
            return this;
        }

        /** The concurrency strategy every decision of this process uses. */
        public Builder strategy(StrategyName value) {
            strategy = value;
            return this;
        }

        /**
         * This process's id, recorded with its decisions and part of its Kafka client and transactional ids; two live
         * processes must not share it.
         */
        public Builder workerId(String value) {
            workerId = value;
            return this;
        }

        /** PostgreSQL JDBC URL. */
        public Builder dbUrl(String value) {
            dbUrl = value;
            return this;
        }

        /** PostgreSQL user. */
        public Builder dbUser(String value) {
            dbUser = value;
            return this;
        }

        /** PostgreSQL password; the command line reads it from the environment only. May be empty. */
        public Builder dbPassword(String value) {
            dbPassword = value;
            return this;
        }

        /**
         * HikariCP's maximum pool size. Each consumer thread uses one connection at a time and the readiness check
         * one more, so it must be at least {@code consumers + 1}; a smaller pool would show up as a database outage.
         * Default: exactly that.
         */
        public Builder poolSize(Integer value) {
            poolSize = value;
            return this;
        }

        /**
         * Redis URL ({@code redis://host:port}); required by the strategies that lock in Redis, otherwise unused.
         */
        public Builder redisUrl(String value) {
            redisUrl = value;
            return this;
        }

        /** Redis password, or null or empty for none; the command line reads it from the environment only. */
        public Builder redisPassword(String value) {
            redisPassword = value;
            return this;
        }

        /** Namespace of the Redis lock keys, so that separate sales sharing a Redis do not contend. */
        public Builder lockKeyPrefix(String value) {
            lockKeyPrefix = value;
            return this;
        }

        /**
         * How long a request waits for its item's Redis lock; a lock that another holder keeps that long answers
         * {@code FAILED/LOCK_TIMEOUT}.
         */
        public Builder lockWait(Duration value) {
            lockWait = value;
            return this;
        }

        /**
         * How long a Redis lock is held at most. It must outlast any decision, since a holder that outlives its lease
         * no longer excludes others (the hazard {@code distributed} shows and {@code combined} and {@code fenced}
         * survive).
         */
        public Builder lockLease(Duration value) {
            lockLease = value;
            return this;
        }

        /** Attempts of the optimistic strategy before {@code FAILED/CONFLICT}. */
        public Builder optimisticMaxAttempts(int value) {
            optimisticMaxAttempts = value;
            return this;
        }

        /** Base of the optimistic strategy's jittered exponential backoff between attempts. */
        public Builder optimisticBackoff(Duration value) {
            optimisticBackoff = value;
            return this;
        }

        /**
         * PostgreSQL {@code lock_timeout} of the row locks that {@code pessimistic} and {@code batched} take with
         * {@code SELECT ... FOR UPDATE}; a wait that long answers {@code FAILED/LOCK_TIMEOUT}.
         */
        public Builder rowLockTimeout(Duration value) {
            rowLockTimeout = value;
            return this;
        }

        /** The largest quantity one request may ask for; larger ones are {@code REJECTED/INVALID_REQUEST}. */
        public Builder maxQuantity(int value) {
            maxQuantity = value;
            return this;
        }

        /** Records one poll returns at most; a poll is decided as one batch. */
        public Builder maxPollRecords(int value) {
            maxPollRecords = value;
            return this;
        }

        /** How long one poll waits for records when none are there. */
        public Builder pollTimeout(Duration value) {
            pollTimeout = value;
            return this;
        }

        /**
         * How long a consumer thread may keep gathering polls into one Kafka transaction before committing it. Zero
         * commits after every poll. Longer intervals mean fewer, larger transactions (less broker work at moderate
         * load) and results that become visible later; decisions are durable in the database either way.
         */
        public Builder commitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        /** The most records one Kafka transaction gathers before it is committed, whatever the commit interval. */
        public Builder commitMaxRecords(int value) {
            commitMaxRecords = value;
            return this;
        }

        /**
         * How long the consumer group waits for a consumer that stopped heartbeating before it hands its partitions
         * to the others (the classic protocol's {@code session.timeout.ms}; heartbeats go at a tenth of it). Every
         * consumer of a worker is a static member named after the worker id, so a replacement with the same id takes
         * its place in the group as soon as it joins, without waiting for this timeout; the timeout bounds the wait
         * when no replacement comes (or when it dies too).
         */
        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        /**
         * How long a Kafka transaction may stay open before the broker aborts it ({@code transaction.timeout.ms}).
         * Transactional ids are derived from the worker id, so a replacement aborts its predecessor's open
         * transaction at once; this bound applies when no replacement comes.
         */
        public Builder transactionTimeout(Duration value) {
            transactionTimeout = value;
            return this;
        }

        /** The consumer group protocol; see {@link GroupProtocol} for why the classic one is the default. */
        public Builder groupProtocol(GroupProtocol value) {
            groupProtocol = value;
            return this;
        }

        /** Port of {@code /metrics} and {@code /health/*}; 0 picks a free one; -1 disables the server. */
        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        /** Extra Kafka client settings (TLS, SASL, tuning), applied to every consumer and producer last. */
        public Builder kafkaOverrides(Map<String, String> value) {
            kafkaOverrides = value;
            return this;
        }

        /** How long a graceful shutdown may take before the process gives up waiting. */
        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        /**
         * Checks every setting and builds the config.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public WorkerConfig build() {
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
            Objects.requireNonNull(strategy, () -> "strategy must be one of " + StrategyName.validNames());
            requireText("workerId", workerId);
            requireText("dbUrl", dbUrl);
            if (!dbUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "dbUrl must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got '" + dbUrl + "'");
            }
            requireText("dbUser", dbUser);
            if (poolSize != null) {
                requireRange("poolSize", poolSize, 1, 1000);
                int needed = consumers + POOL_CONNECTIONS_BESIDES_CONSUMERS;
                if (poolSize < needed) {
                    throw new IllegalArgumentException("poolSize must be at least consumers + "
                            + POOL_CONNECTIONS_BESIDES_CONSUMERS + " (" + needed + ") so that no consumer thread waits"
                            + " for a connection, got " + poolSize);
                }
            }
            if (strategy.usesRedis()) {
                requireText("redisUrl", redisUrl);
                if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
                    throw new IllegalArgumentException(
                            "redisUrl must start with redis:// or rediss://, got '" + redisUrl + "'");
                }
            }
            requireText("lockKeyPrefix", lockKeyPrefix);
            requireDuration("lockWait", lockWait, true);
            requireDuration("lockLease", lockLease, false);
            requireRange("optimisticMaxAttempts", optimisticMaxAttempts, 1, 1000);
            requireDuration("optimisticBackoff", optimisticBackoff, true);
            requireDuration("rowLockTimeout", rowLockTimeout, false);
            requireRange("maxQuantity", maxQuantity, 1, 1_000_000);
            requireRange("maxPollRecords", maxPollRecords, 1, 10_000);
            requireDuration("pollTimeout", pollTimeout, false);
            requireDuration("commitInterval", commitInterval, true);
            requireRange("commitMaxRecords", commitMaxRecords, 1, 1_000_000);
            if (commitMaxRecords < maxPollRecords) {
                throw new IllegalArgumentException("commitMaxRecords must be at least maxPollRecords (" + maxPollRecords
                        + "), since one poll always goes into one transaction, got " + commitMaxRecords);
            }
            requireDuration("sessionTimeout", sessionTimeout, false);
            requireDuration("transactionTimeout", transactionTimeout, false);
            if (transactionTimeout.compareTo(commitInterval.plus(pollTimeout)) <= 0) {
                throw new IllegalArgumentException(
                        "transactionTimeout must be longer than commitInterval + pollTimeout ("
                                + commitInterval.plus(pollTimeout) + "), or every transaction would be aborted, got "
                                + transactionTimeout);
            }
            Objects.requireNonNull(groupProtocol, "groupProtocol");
            if (groupProtocol == GroupProtocol.CONSUMER && kafkaOverrides != null) {
                List<String> classicOnly = kafkaOverrides.keySet().stream()
                        .filter(GroupProtocol.CLASSIC_ONLY_SETTINGS::contains)
                        .sorted()
                        .toList();
                if (!classicOnly.isEmpty()) {
                    throw new IllegalArgumentException("kafkaOverrides must not set " + classicOnly
                            + " with groupProtocol consumer: the broker sets them for that protocol");
                }
            }
            requireRange("httpPort", httpPort, -1, 65535);
            requireDuration("shutdownTimeout", shutdownTimeout, false);
            if (shutdownTimeout.compareTo(commitInterval.plus(pollTimeout)) <= 0) {
                throw new IllegalArgumentException("shutdownTimeout must be longer than commitInterval + pollTimeout ("
                        + commitInterval.plus(pollTimeout) + "), or a shutdown could not commit the work in hand, got "
                        + shutdownTimeout);
            }
            return new WorkerConfig(this);
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

        private static void requireDuration(String name, Duration value, boolean zeroAllowed) {
            if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
                throw new IllegalArgumentException(
                        name + " must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", got " + value);
            }
        }
    }
}
