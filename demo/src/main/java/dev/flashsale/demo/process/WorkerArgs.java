package dev.flashsale.demo.process;

import dev.flashsale.worker.config.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A {@link WorkerConfig} as the worker's own command line: what a forked worker is started with, so that it runs
 * exactly as a user would run it. Passwords are not arguments; they go in the environment.
 */
final class WorkerArgs {

    private WorkerArgs() {}

    /**
     * The arguments; extra Kafka client settings are written to {@code propertiesFile}, which {@code
     * --kafka-properties} names.
     */
    static List<String> of(WorkerConfig config, Path propertiesFile) {
        List<String> args = new ArrayList<>();
        add(args, "--bootstrap-servers", config.bootstrapServers());
        add(args, "--group-id", config.groupId());
        add(args, "--requests-topic", config.requestsTopic());
        add(args, "--results-topic", config.resultsTopic());
        add(args, "--dead-letter-topic", config.deadLetterTopic());
        add(args, "--consumers", config.consumers());
        add(args, "--strategy", config.strategy().id());
        add(args, "--worker-id", config.workerId());
        add(args, "--db-url", config.dbUrl());
        add(args, "--db-user", config.dbUser());
        add(args, "--pool-size", config.poolSize());
        add(args, "--redis-url", config.redisUrl());
        add(args, "--lock-key-prefix", config.lockKeyPrefix());
        add(args, "--lock-wait", config.lockWait());
        add(args, "--lock-lease", config.lockLease());
        add(args, "--optimistic-max-attempts", config.optimisticMaxAttempts());
        add(args, "--optimistic-backoff", config.optimisticBackoff());
        add(args, "--row-lock-timeout", config.rowLockTimeout());
        add(args, "--max-quantity", config.maxQuantity());
        add(args, "--max-poll-records", config.maxPollRecords());
        add(args, "--poll-timeout", config.pollTimeout());
        add(args, "--commit-interval", config.commitInterval());
        add(args, "--commit-max-records", config.commitMaxRecords());
        add(args, "--session-timeout", config.sessionTimeout());
        add(args, "--transaction-timeout", config.transactionTimeout());
        add(args, "--group-protocol", config.groupProtocol().kafkaName());
        add(args, "--http-port", config.httpPort());
        add(args, "--shutdown-timeout", config.shutdownTimeout());
        if (!config.kafkaOverrides().isEmpty()) {
            Properties properties = new Properties();
            properties.putAll(config.kafkaOverrides());
            try {
                Files.createDirectories(propertiesFile.toAbsolutePath().getParent());
                try (Writer out = Files.newBufferedWriter(propertiesFile)) {
                    properties.store(out, "extra Kafka client settings of worker " + config.workerId());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + propertiesFile, e);
            }
            add(args, "--kafka-properties", propertiesFile.toString());
        }
        return args;
    }

    private static void add(List<String> args, String flag, Object value) {
        args.add(flag);
        // ISO-8601 for durations, which the worker's converter reads as well as 250ms or 2s.
        args.add(value instanceof Duration duration ? duration.toString() : String.valueOf(value));
    }
}
