package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.kafka.PollHandler;
import dev.flashsale.worker.strategy.StrategyName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every kind of bad record is answered or dead-lettered, and the worker keeps serving afterwards. */
class BadInputIT {

    @Test
    void badRecordsAreAnsweredOrDeadLetteredAndNeverStopTheWorker() throws Exception {
        try (SaleFixture sale = new SaleFixture("bad-input")) {
            sale.seed("item", 10, null);
            Worker worker = sale.startWorker(sale.config(StrategyName.ATOMIC, "w", 2));

            // Readable request id: answered REJECTED/INVALID_REQUEST.
            sendJson(sale, "{\"requestId\":\"missing-qty\",\"userId\":\"u1\",\"itemId\":\"item\"}");
            sendJson(sale, "{\"requestId\":\"string-qty\",\"userId\":\"u1\",\"itemId\":\"item\",\"quantity\":\"two\"}");
            sendJson(sale, "{\"requestId\":\"zero-qty\",\"userId\":\"u1\",\"itemId\":\"item\",\"quantity\":0}");
            sendJson(sale, "{\"requestId\":\"huge-qty\",\"userId\":\"u1\",\"itemId\":\"item\",\"quantity\":11}");
            sendJson(sale, "{\"requestId\":\"numeric-user\",\"userId\":7,\"itemId\":\"item\",\"quantity\":1}");
            sendJson(sale, "{\"requestId\":\"bad-05\",\"userId\":\"u5\",\"itemId\":\"ACC-1\",\"quantity\":-1}");
            // Valid but unknown item.
            sale.sendByUser(List.of(new PurchaseRequest("unknown", "u2", "no-such-item", 1)));
            // The same request twice (a client retry) and the id reused for another purchase.
            PurchaseRequest original = new PurchaseRequest("dup", "u3", "item", 1);
            // One key for all three, so they share a partition and arrive in this order.
            for (PurchaseRequest request : List.of(original, original, new PurchaseRequest("dup", "u4", "item", 2))) {
                sale.sendRaw(SaleFixture.utf8("dup"), sale.codec.encode(request));
            }
            // No readable request id: dead-lettered.
            sendJson(sale, "this is not json");
            sendJson(sale, "{\"requestId\":\"truncated\",\"userId\":\"u1\",");
            sendJson(sale, "[1,2,3]");
            sale.sendRaw(SaleFixture.utf8("k"), new byte[0]);
            sale.sendRaw(SaleFixture.utf8("k"), null);
            sendJson(sale, "{\"requestId\":\"oversized\",\"pad\":\"" + "x".repeat(100_000) + "\"}");
            // After all that, an ordinary purchase still succeeds.
            sale.sendByUser(List.of(new PurchaseRequest("after", "u5", "item", 1)));

            List<PurchaseResult> results = sale.awaitResults(11, Duration.ofMinutes(1));
            Map<String, List<PurchaseResult>> byId =
                    results.stream().collect(Collectors.groupingBy(PurchaseResult::requestId));

            for (String id : List.of("missing-qty", "string-qty", "zero-qty", "huge-qty", "numeric-user", "bad-05")) {
                assertThat(byId.get(id))
                        .as("invalid request %s is answered once, REJECTED/INVALID_REQUEST", id)
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(r.status()).isEqualTo(Status.REJECTED);
                            assertThat(r.reason()).isEqualTo(Reason.INVALID_REQUEST);
                        });
            }
            assertThat(byId.get("bad-05"))
                    .as("an invalid request keeps the fields that were readable, as sent")
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.userId()).isEqualTo("u5");
                        assertThat(r.itemId()).isEqualTo("ACC-1");
                        assertThat(r.quantity()).isEqualTo(-1);
                    });
            assertThat(byId.get("numeric-user"))
                    .as("a user id of the wrong type is left out, the rest kept")
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.userId()).isNull();
                        assertThat(r.itemId()).isEqualTo("item");
                        assertThat(r.quantity()).isEqualTo(1);
                    });
            assertThat(byId.get("huge-qty"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.quantity()).isEqualTo(11));
            OrdersRecord badRow = sale.orders().stream()
                    .filter(row -> row.getRequestId().equals("bad-05"))
                    .findFirst()
                    .orElseThrow();
            assertThat(badRow.getUserId())
                    .as("the order row keeps the readable fields too")
                    .isEqualTo("u5");
            assertThat(badRow.getItemId()).isEqualTo("ACC-1");
            assertThat(badRow.getQuantity()).isEqualTo(-1);
            OrdersRecord textQuantityRow = sale.orders().stream()
                    .filter(row -> row.getRequestId().equals("string-qty"))
                    .findFirst()
                    .orElseThrow();
            assertThat(textQuantityRow.getQuantity())
                    .as("a quantity that was not a number is NULL")
                    .isNull();
            assertThat(textQuantityRow.getUserId()).isEqualTo("u1");
            assertThat(byId.get("unknown"))
                    .singleElement()
                    .extracting(PurchaseResult::reason)
                    .isEqualTo(Reason.UNKNOWN_ITEM);
            List<PurchaseResult> dup = byId.get("dup");
            assertThat(dup)
                    .as("original, its retry and the reuse each get an answer")
                    .hasSize(3);
            assertThat(dup.get(0)).as("a retry gets the stored decision again").isEqualTo(dup.get(1));
            assertThat(dup.get(0).status()).isEqualTo(Status.SUCCEEDED);
            assertThat(dup.get(2).reason()).as("the reuse is refused").isEqualTo(Reason.DUPLICATE_REQUEST);
            assertThat(byId.get("after"))
                    .as("the worker still serves after the bad input")
                    .singleElement()
                    .extracting(PurchaseResult::status)
                    .isEqualTo(Status.SUCCEEDED);
            assertThat(sale.stock("item"))
                    .as("only the two real purchases took stock")
                    .isEqualTo(8);

            await("six dead letters")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> sale.readCommitted(sale.deadLetterTopic).size() >= 6);
            List<ConsumerRecord<byte[], byte[]>> dead = sale.readCommitted(sale.deadLetterTopic);
            assertThat(dead)
                    .as("records without a readable id are dead-lettered")
                    .hasSize(6);
            assertThat(dead)
                    .as("dead letters say what went wrong and where the record came from")
                    .allSatisfy(record -> {
                        assertThat(header(record, PollHandler.HEADER_ERROR_KIND))
                                .isNotBlank();
                        assertThat(header(record, PollHandler.HEADER_ERROR_MESSAGE))
                                .isNotBlank();
                        assertThat(header(record, PollHandler.HEADER_SOURCE_TOPIC))
                                .isEqualTo(sale.requestsTopic);
                        assertThat(header(record, PollHandler.HEADER_SOURCE_PARTITION))
                                .matches("\\d+");
                        assertThat(header(record, PollHandler.HEADER_SOURCE_OFFSET))
                                .matches("\\d+");
                    });
            assertThat(dead.stream().map(r -> header(r, PollHandler.HEADER_ERROR_KIND)))
                    .contains("NOT_JSON", "OVERSIZED", "EMPTY");

            await("ready").atMost(Duration.ofSeconds(30)).until(worker::ready);
            assertThat(get(worker, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(worker, "/health/live").statusCode()).isEqualTo(200);
            String metrics = get(worker, "/metrics").body();
            assertThat(metrics)
                    .as("the scrape carries the documented meters")
                    .contains("flashsale_decisions_total{")
                    .contains("reason=\"INVALID_REQUEST\"")
                    .contains("flashsale_dead_letters_total{")
                    .contains("flashsale_decision_batch_duration_seconds_bucket{")
                    .contains("flashsale_request_latency_seconds_bucket{")
                    .contains("flashsale_batch_size_records_bucket{")
                    .contains("hikaricp_connections")
                    .contains("kafka_consumer_")
                    .contains("jvm_memory_used_bytes");
        }
    }

    private static HttpResponse<String> get(Worker worker, String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.httpPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void sendJson(SaleFixture sale, String json) {
        sale.sendRaw(SaleFixture.utf8("k"), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
