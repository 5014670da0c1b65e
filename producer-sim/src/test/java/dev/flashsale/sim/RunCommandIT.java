package dev.flashsale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.sim.cli.ExitStatus;
import dev.flashsale.sim.kafka.SaleTopics;
import dev.flashsale.sim.kafka.SimHeaders;
import dev.flashsale.sim.workload.ItemCatalog;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.PlannedRecord;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.sim.workload.RequestPlan;
import dev.flashsale.sim.workload.Workload;
import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.Worker;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's command line end to end against real workers: {@code seed}, then {@code run} with 5% deliberately
 * invalid records, then {@code verify} re-deriving the run from the requests topic, and finally {@code verify}
 * catching a request nobody answered.
 */
class RunCommandIT {

    private static final int REQUESTS = 1_000;
    private static final long SEED = 7;

    private final LocalStack stack = LocalStack.shared();
    private final Endpoints endpoints = stack.endpoints();

    @TempDir
    Path reports;

    @Test
    void everyValidRequestIsAnsweredAndEveryInvalidOneRejectedOrDeadLettered() throws IOException {
        String name = LocalStack.uniqueName("simrun");
        SaleTopics topics = SaleTopics.named(name);
        stack.createTopic(topics.requests(), 6);
        stack.createTopic(topics.results(), 6);
        stack.createTopic(topics.deadLetters(), 1);
        String jdbcUrl = stack.newDatabase(name);
        List<String> connection = List.of(
                "--bootstrap-servers", endpoints.kafkaBootstrapServers(),
                "--requests-topic", topics.requests(),
                "--results-topic", topics.results(),
                "--dead-letter-topic", topics.deadLetters(),
                "--db-url", jdbcUrl,
                "--db-user", endpoints.dbUser());
        String runId = name.replace('_', '-');

        assertThat(execute(
                        "seed",
                        "--db-url",
                        jdbcUrl,
                        "--db-user",
                        endpoints.dbUser(),
                        "--items",
                        "5",
                        "--stock",
                        "40",
                        "--per-user-limit",
                        "2",
                        "--reset"))
                .as("seed exit status")
                .isZero();

        List<Worker> workers = new ArrayList<>();
        try {
            for (int w = 0; w < 2; w++) {
                workers.add(Worker.start(workerConfig(topics, jdbcUrl, name + "-w" + w, name)));
            }
            Path json = reports.resolve("run.json");
            int status = execute(with(
                    connection,
                    "run",
                    "--requests",
                    Integer.toString(REQUESTS),
                    "--users",
                    "100",
                    "--items",
                    "5",
                    "--popularity",
                    "zipf",
                    "--key",
                    "user",
                    "--quantity",
                    "1-2",
                    "--invalid-share",
                    "0.05",
                    "--seed",
                    Long.toString(SEED),
                    "--run-id",
                    runId,
                    "--result-timeout",
                    "90s",
                    "--progress",
                    "plain",
                    "--json-report",
                    json.toString()));
            JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
            assertThat(status).as("run exit status; report: " + report).isEqualTo(ExitStatus.OK);

            // What the run must have sent, from the same seed: the plan decides which records have a readable id.
            List<PlannedRecord> plan = RequestPlan.generate(new Workload(
                    runId,
                    SEED,
                    REQUESTS,
                    100,
                    new ItemCatalog("sku", 5),
                    new Popularity.Zipf(1.0),
                    KeyMode.USER,
                    QuantityRange.parse("1-2"),
                    0.05));
            long invalidWithId =
                    plan.stream().filter(r -> !r.valid() && r.expectsResult()).count();
            long unreadable = plan.stream().filter(r -> !r.expectsResult()).count();
            assertThat(invalidWithId).as("invalid records with a readable id").isPositive();
            assertThat(unreadable).as("records without a readable id").isPositive();

            assertThat(report.get("recordsSent").asLong()).isEqualTo(REQUESTS);
            assertThat(report.get("expectedResults").asLong()).isEqualTo(REQUESTS - unreadable);
            assertThat(report.get("answered").asLong())
                    .as("every request with a readable id answered")
                    .isEqualTo(REQUESTS - unreadable);
            assertThat(report.get("deadLettered").asLong())
                    .as("every record without one dead-lettered")
                    .isEqualTo(unreadable);
            assertThat(report.get("byReason").get("REJECTED/INVALID_REQUEST").asLong())
                    .as("invalid records with an id are rejected as invalid")
                    .isEqualTo(invalidWithId);
            assertThat(report.get("complete").asBoolean()).isTrue();
            assertThat(report.get("passed").asBoolean()).isTrue();
            assertThat(report.get("checks"))
                    .allSatisfy(check -> assertThat(check.get("passed").asBoolean())
                            .as(check.toString())
                            .isTrue());
            long sold = 0;
            for (JsonNode item : report.get("items")) {
                sold += item.get("sold").asLong();
                assertThat(item.get("sold").asLong()).isLessThanOrEqualTo(40);
            }
            assertThat(report.get("byStatus").get("SUCCEEDED").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(sold);

            assertThat(execute(with(connection, "verify", "--run-id", runId)))
                    .as("verify re-derives the run from the requests topic and agrees")
                    .isZero();
        } finally {
            workers.forEach(Worker::close);
        }

        // With the workers gone, a request of the run that nobody answers is missing.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(SimHeaders.SIM_RUN, runId.getBytes(StandardCharsets.UTF_8));
            PurchaseRequest unanswered = new PurchaseRequest(runId + "-late", "user-1", "sku-1", 1);
            producer.send(new ProducerRecord<>(
                    topics.requests(), null, (byte[]) null, new EventCodec().encode(unanswered), headers));
        }
        assertThat(execute(with(connection, "verify", "--run-id", runId, "--read-timeout", "30s")))
                .as("verify fails on the unanswered request")
                .isEqualTo(ExitStatus.INVARIANT_BROKEN);
    }

    private WorkerConfig workerConfig(SaleTopics topics, String jdbcUrl, String workerId, String lockPrefix) {
        return WorkerConfig.builder()
                .bootstrapServers(endpoints.kafkaBootstrapServers())
                .groupId(topics.requests() + ".workers")
                .requestsTopic(topics.requests())
                .resultsTopic(topics.results())
                .deadLetterTopic(topics.deadLetters())
                .consumers(2)
                .strategy(StrategyName.ATOMIC)
                .workerId(workerId)
                .dbUrl(jdbcUrl)
                .dbUser(endpoints.dbUser())
                .dbPassword(endpoints.dbPassword())
                .redisUrl(endpoints.redisUrl())
                .lockKeyPrefix(lockPrefix)
                .pollTimeout(Duration.ofMillis(100))
                .httpPort(-1)
                .build();
    }

    private static String[] with(List<String> connection, String subcommand, String... options) {
        List<String> args = new ArrayList<>();
        args.add(subcommand);
        args.addAll(connection);
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static int execute(String... args) {
        return SimCommand.commandLine().execute(args);
    }
}
