package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.worker.config.GroupProtocol;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class WorkerCommandTest {

    private static WorkerCommand parse(String... args) {
        WorkerCommand command = new WorkerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsMakeAValidConfig() {
        WorkerConfig config = parse().toConfig();
        assertThat(config.strategy()).isEqualTo(StrategyName.ATOMIC);
        assertThat(config.requestsTopic()).isEqualTo("purchase-requests");
        assertThat(config.resultsTopic()).isEqualTo("purchase-results");
        assertThat(config.deadLetterTopic()).isEqualTo("purchase-requests.DLT");
        assertThat(config.lockWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.workerId()).as("a default worker id").isNotBlank();
    }

    @Test
    void flagsReachTheConfig() {
        WorkerConfig config = parse(
                        "--strategy", "Pessimistic",
                        "--consumers", "6",
                        "--lock-wait", "250ms",
                        "--optimistic-max-attempts", "3",
                        "--worker-id", "w-1")
                .toConfig();
        assertThat(config.strategy()).isEqualTo(StrategyName.PESSIMISTIC);
        assertThat(config.consumers()).isEqualTo(6);
        assertThat(config.lockWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.optimisticMaxAttempts()).isEqualTo(3);
        assertThat(config.workerId()).isEqualTo("w-1");
    }

    @Test
    void unknownStrategyIsRejectedWithTheValidNames() {
        assertThatThrownBy(() -> parse("--strategy", "yolo").toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yolo")
                .hasMessageContaining("optimistic, pessimistic, distributed, combined, atomic, fenced, batched");
    }

    @ParameterizedTest
    @CsvSource({
        "--consumers, 0, consumers must be between 1 and 256, got 0",
        "--pool-size, 0, poolSize must be between 1 and 1000, got 0",
        "--commit-interval, PT-1S, commitInterval must be zero or more, got PT-1S",
        "--poll-timeout, 0ms, pollTimeout must be more than zero, got PT0S",
        "--max-quantity, -1, maxQuantity must be between 1 and 1000000, got -1",
        "--optimistic-max-attempts, 0, optimisticMaxAttempts must be between 1 and 1000, got 0",
        "--lock-lease, 0s, lockLease must be more than zero, got PT0S",
        "--db-url, mysql://x, dbUrl must be a PostgreSQL JDBC URL",
        "--http-port, 70000, httpPort must be between -1 and 65535, got 70000",
    })
    void badValuesAreNamedWithTheValue(String flag, String value, String message) {
        assertThatThrownBy(() -> parse(flag, value).toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void redisUrlIsCheckedOnlyForStrategiesThatLock() {
        assertThat(parse("--strategy", "atomic", "--redis-url", "nonsense")
                        .toConfig()
                        .redisUrl())
                .isEqualTo("nonsense");
        assertThatThrownBy(() -> parse("--strategy", "combined", "--redis-url", "nonsense")
                        .toConfig())
                .hasMessageContaining("redisUrl must start with redis://");
    }

    @Test
    void kafkaPropertiesFileIsReadAndAMissingOneNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/etc/ts.jks\n");
        assertThat(parse("--kafka-properties", file.toString()).toConfig().kafkaOverrides())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/ts.jks");
        assertThatThrownBy(
                        () -> parse("--kafka-properties", dir.resolve("missing").toString())
                                .toConfig())
                .hasMessageContaining("kafkaProperties: cannot read");
    }

    @Test
    void configToStringHidesThePasswords() {
        WorkerConfig withPasswords = parse().toConfig().toBuilder()
                .dbPassword("s3cret")
                .redisPassword("r3dis")
                .build();
        assertThat(withPasswords.toString()).doesNotContain("s3cret").doesNotContain("r3dis");
    }

    @Test
    void commandLineDefaultsAreTheConfigDefaults() {
        WorkerConfig fromCommandLine = parse("--worker-id", "w").toConfig();
        WorkerConfig fromBuilder = WorkerConfig.builder().workerId("w").build();
        assertThat(fromCommandLine.toString())
                .as("no default of the command line drifts from the named constants")
                .isEqualTo(fromBuilder.toString());
        assertThat(fromCommandLine.poolSize()).isEqualTo(WorkerConfig.DEFAULT_CONSUMERS + 1);
        assertThat(fromCommandLine.commitInterval()).isEqualTo(WorkerConfig.DEFAULT_COMMIT_INTERVAL);
    }

    @Test
    void aPoolTooSmallForTheConsumersIsRefused() {
        assertThatThrownBy(() -> parse("--consumers", "8", "--pool-size", "6").toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolSize must be at least consumers + 1 (9)")
                .hasMessageContaining("got 6");
        assertThat(parse("--consumers", "8").toConfig().poolSize())
                .as("without --pool-size the pool fits the consumers")
                .isEqualTo(9);
    }

    @Test
    void commitSettingsAreCheckedAgainstEachOther() {
        assertThatThrownBy(() -> parse("--commit-max-records", "100").toConfig())
                .hasMessageContaining("commitMaxRecords must be at least maxPollRecords (500)");
        assertThatThrownBy(() -> parse("--commit-interval", "40s").toConfig())
                .hasMessageContaining("transactionTimeout must be longer than commitInterval + pollTimeout");
        assertThatThrownBy(() -> parse("--commit-interval", "40s", "--transaction-timeout", "1m")
                        .toConfig())
                .hasMessageContaining("shutdownTimeout must be longer than commitInterval + pollTimeout");
        assertThat(parse("--commit-interval", "0ms", "--poll-timeout", "50ms")
                        .toConfig()
                        .commitInterval())
                .isZero();
    }

    @Test
    void failoverSettingsHaveFlagsVariablesAndNamedDefaults() {
        WorkerConfig defaults = parse().toConfig();
        assertThat(defaults.sessionTimeout()).isEqualTo(WorkerConfig.DEFAULT_SESSION_TIMEOUT);
        assertThat(defaults.transactionTimeout()).isEqualTo(WorkerConfig.DEFAULT_TRANSACTION_TIMEOUT);
        assertThat(defaults.groupProtocol().name()).isEqualToIgnoringCase(WorkerConfig.DEFAULT_GROUP_PROTOCOL_NAME);

        WorkerConfig chosen = parse(
                        "--session-timeout", "6s", "--transaction-timeout", "15s", "--group-protocol", "consumer")
                .toConfig();
        assertThat(chosen.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(chosen.transactionTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(chosen.groupProtocol()).isEqualTo(GroupProtocol.CONSUMER);

        assertThatThrownBy(() -> defaults.toBuilder()
                        .groupProtocol(GroupProtocol.CONSUMER)
                        .kafkaOverrides(java.util.Map.of("heartbeat.interval.ms", "250"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeat.interval.ms")
                .hasMessageContaining("groupProtocol consumer");

        assertThatThrownBy(() -> parse("--group-protocol", "gossip").toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gossip")
                .hasMessageContaining("classic");
    }

    @Test
    void helpExplainsEveryOptionAndItsVariable() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new WorkerCommand());
        commandLine.setOut(new PrintWriter(out));
        int exit = commandLine.execute("--help");
        assertThat(exit).isZero();
        for (var option : commandLine.getCommandSpec().options()) {
            if (option.longestName().equals("--help") || option.longestName().equals("--version")) {
                continue;
            }
            assertThat(out.toString()).contains(option.longestName());
            assertThat(String.join(" ", option.description()))
                    .as("%s names its environment variable", option.longestName())
                    .contains("FLASHSALE_");
        }
        assertThat(out.toString()).contains("FLASHSALE_DB_PASSWORD").contains("migrate");
    }

    @Test
    void invalidSettingExitsWithStatusTwoAndNamesIt() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = WorkerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        // Nothing listens on this port: the status proves validation failed before any connection was tried.
        int exit = commandLine.execute("--bootstrap-servers", "127.0.0.1:1", "--consumers", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("consumers must be between 1 and 256, got 0");
    }

    @Test
    void malformedNumberIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = WorkerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--consumers", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--consumers").contains("many");
    }
}
