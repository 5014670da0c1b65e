package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.stack.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The worker as an operator runs it: {@code java -jar} on the packaged jar, configured by flags and environment,
 * stopped by SIGTERM.
 */
class WorkerProcessIT {

    @Test
    void sigtermCommitsAndExitsZeroWithinTheBound() throws Exception {
        try (SaleFixture sale = new SaleFixture("process")) {
            sale.seed("item", 100, null);
            int port = FreePorts.next();
            Path log = Files.createTempFile("flashsale-worker", ".log");
            // The runnable jar `package` made, started the way the README starts it.
            Path jar = Path.of("target", "flashsale-worker.jar");
            assertThat(jar).as("the package phase builds the runnable jar").exists();
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString(),
                    "--bootstrap-servers",
                    sale.endpoints.kafkaBootstrapServers(),
                    "--group-id",
                    sale.groupId,
                    "--requests-topic",
                    sale.requestsTopic,
                    "--results-topic",
                    sale.resultsTopic,
                    "--dead-letter-topic",
                    sale.deadLetterTopic,
                    "--db-url",
                    sale.jdbcUrl,
                    "--db-user",
                    sale.endpoints.dbUser(),
                    "--strategy",
                    "pessimistic",
                    "--consumers",
                    "2",
                    "--http-port",
                    Integer.toString(port),
                    "--shutdown-timeout",
                    "20s");
            builder.environment().put("FLASHSALE_DB_PASSWORD", sale.endpoints.dbPassword());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process worker = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await("the worker process reports ready")
                        .atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() -> http.send(
                                                HttpRequest.newBuilder(URI.create(
                                                                "http://127.0.0.1:" + port + "/health/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200);
                List<PurchaseRequest> requests = IntStream.range(0, 50)
                        .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                        .toList();
                sale.sendByUser(requests);
                sale.awaitResults(requests.size(), Duration.ofMinutes(1));

                long start = System.nanoTime();
                worker.destroy(); // SIGTERM
                boolean exited = worker.waitFor(30, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(exited)
                        .as("exited within 30 s of SIGTERM, took %s", took)
                        .isTrue();
                assertThat(worker.exitValue())
                        .as("a clean shutdown exits 0; log:%n%s", Files.readString(log))
                        .isZero();
                assertThat(Files.readString(log)).contains("stopped");
            } finally {
                worker.destroyForcibly();
                Files.deleteIfExists(log);
            }
        }
    }
}
