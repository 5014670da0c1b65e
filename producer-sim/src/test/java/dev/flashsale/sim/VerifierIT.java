package dev.flashsale.sim;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static dev.flashsale.schema.db.Tables.ORDERS;
import static dev.flashsale.sim.verify.Fixtures.refused;
import static dev.flashsale.sim.verify.Fixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.schema.Migrations;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.SaleTopics;
import dev.flashsale.sim.kafka.SimHeaders;
import dev.flashsale.sim.kafka.TopicReader;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.SourcePosition;
import dev.flashsale.sim.verify.Verification;
import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.CloseableDSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier against a real database and results topic, each built by hand to contain exactly one violation, so
 * that each check is shown to catch what it claims to catch (and a clean sale to pass).
 *
 * <p>"Two order rows for one request" is not among the cases: the primary key on {@code orders.request_id} makes it
 * impossible, as {@link #twoOrderRowsForOneRequestCannotExist()} shows. Invariant 2's database side is therefore
 * checked as results versus order rows: an order row without a result, a result without an order row, and a result
 * that disagrees with its order row.
 */
class VerifierIT {

    private static final EventCodec CODEC = new EventCodec();

    private final LocalStack stack = LocalStack.shared();
    private final Endpoints endpoints = stack.endpoints();
    private SaleTopics topics;
    private CloseableDSLContext dsl;
    private KafkaProducer<byte[], byte[]> producer;
    private Expectations.Builder expected;

    @BeforeEach
    void freshSale() {
        String name = LocalStack.uniqueName("verify");
        topics = SaleTopics.named(name);
        stack.createTopic(topics.requests(), 1);
        stack.createTopic(topics.results(), 3);
        stack.createTopic(topics.deadLetters(), 1);
        String jdbcUrl = stack.newDatabase(name);
        Migrations.migrate(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
        dsl = DSL.using(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        expected = Expectations.builder("run-");
    }

    @AfterEach
    void close() {
        producer.close();
        dsl.close();
    }

    private void item(String itemId, int initialStock, int stock, Integer perUserLimit) {
        dsl.insertInto(ITEMS)
                .set(ITEMS.ITEM_ID, itemId)
                .set(ITEMS.NAME, itemId)
                .set(ITEMS.INITIAL_STOCK, initialStock)
                .set(ITEMS.STOCK, stock)
                .set(ITEMS.PER_USER_LIMIT, perUserLimit)
                .execute();
    }

    /** Stores the decision as a worker would: the order row the result was built from. */
    private void order(PurchaseResult result) {
        dsl.insertInto(ORDERS)
                .set(ORDERS.REQUEST_ID, result.requestId())
                .set(ORDERS.ORDER_ID, result.orderId() == null ? null : UUID.fromString(result.orderId()))
                .set(ORDERS.USER_ID, result.userId())
                .set(ORDERS.ITEM_ID, result.itemId())
                .set(ORDERS.QUANTITY, result.quantity())
                .set(ORDERS.STATUS, result.status().name())
                .set(
                        ORDERS.REASON,
                        result.reason() == null ? null : result.reason().name())
                .set(ORDERS.STRATEGY, result.strategy())
                .set(ORDERS.WORKER_ID, result.workerId())
                .execute();
    }

    private void publish(PurchaseResult result) {
        producer.send(new ProducerRecord<>(
                topics.results(), result.requestId().getBytes(StandardCharsets.UTF_8), CODEC.encode(result)));
        producer.flush();
    }

    /** A request that was sent once and decided: order row, result, expectation. */
    private void decided(PurchaseResult result) {
        order(result);
        publish(result);
        expected.request(result.requestId(), System.currentTimeMillis());
    }

    private void deadLetter(SourcePosition position) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SimHeaders.SOURCE_TOPIC, topics.requests().getBytes(StandardCharsets.UTF_8));
        headers.add(
                SimHeaders.SOURCE_PARTITION,
                Integer.toString(position.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(SimHeaders.SOURCE_OFFSET, Long.toString(position.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(
                topics.deadLetters(), null, (byte[]) null, "garbage".getBytes(StandardCharsets.UTF_8), headers));
        producer.flush();
    }

    private Verification verify() {
        return new Verifier(dsl, Verifier.DEFAULT_MAX_OFFENDERS)
                .verify(
                        expected.build(),
                        TopicReader.observations(
                                KafkaSettings.of(endpoints.kafkaBootstrapServers()), topics, Duration.ofSeconds(30)));
    }

    /** A small sale that keeps every invariant: two items, a per-user limit, an invalid request, a dead letter. */
    private void cleanSale() {
        item("sku-1", 3, 0, 2);
        item("sku-2", 5, 4, null);
        decided(succeeded("run-1", "user-1", "sku-1", 2, UUID.randomUUID()));
        decided(refused("run-2", "user-1", "sku-1", 1, Reason.LIMIT_EXCEEDED));
        decided(succeeded("run-3", "user-2", "sku-1", 1, UUID.randomUUID()));
        decided(refused("run-4", "user-3", "sku-1", 1, Reason.SOLD_OUT));
        decided(succeeded("run-5", "user-3", "sku-2", 1, UUID.randomUUID()));
        decided(PurchaseResult.invalidRequest("run-6", "atomic", "w1", java.time.Instant.now()));
        expected.unreadable(new SourcePosition(0, 7));
        deadLetter(new SourcePosition(0, 7));
    }

    @Test
    void aCleanSalePassesEveryCheck() {
        cleanSale();
        Verification verification = verify();
        assertThat(verification.checks())
                .allSatisfy(check -> assertThat(check.passed())
                        .as(check.check() + ": " + check.summary())
                        .isTrue());
        assertThat(verification.items()).extracting(i -> i.sold()).containsExactly(3L, 1L);
    }

    @Test
    void catchesAnOversoldItem() {
        cleanSale();
        item("sku-3", 2, 0, null);
        for (int i = 10; i < 13; i++) {
            decided(succeeded("run-" + i, "user-" + i, "sku-3", 1, UUID.randomUUID()));
        }
        Verification verification = verify();
        assertThat(verification.failed()).as("only oversell is broken").containsExactly(Check.NO_OVERSELL);
        assertThat(verification.result(Check.NO_OVERSELL).offenders())
                .containsExactly("sku-3: sold 3 of an initial stock of 2 (stock now 0)");
        assertThat(verification.oversoldUnits()).isEqualTo(1);
    }

    @Test
    void catchesAStockThatDisagreesWithTheOrders() {
        cleanSale();
        dsl.update(ITEMS).set(ITEMS.STOCK, 5).where(ITEMS.ITEM_ID.eq("sku-2")).execute();
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.NO_OVERSELL);
        assertThat(verification.result(Check.NO_OVERSELL).offenders())
                .containsExactly("sku-2: stock is 5 but initial 5 - sold 1 = 4");
    }

    @Test
    void catchesADuplicateResult() {
        cleanSale();
        publish(succeeded("run-1", "user-1", "sku-1", 2, UUID.randomUUID()));
        Verification verification = verify();
        assertThat(verification.failed())
                .as("a second, different result also disagrees with the order row")
                .containsExactlyInAnyOrder(Check.ONE_RESULT_PER_REQUEST, Check.RESULTS_MATCH_ORDERS);
        assertThat(verification.result(Check.ONE_RESULT_PER_REQUEST).offenders())
                .containsExactly("run-1: 2 results that differ");
    }

    @Test
    void catchesTheSameResultPublishedTwiceForOneRequest() {
        cleanSale();
        PurchaseResult again = refused("run-7", "user-7", "sku-2", 1, Reason.SOLD_OUT);
        decided(again);
        publish(again);
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.ONE_RESULT_PER_REQUEST);
        assertThat(verification.result(Check.ONE_RESULT_PER_REQUEST).offenders())
                .containsExactly("run-7: 2 identical results (duplicate) for 1 delivery");
    }

    @Test
    void catchesAMissingResult() {
        cleanSale();
        PurchaseResult unpublished = refused("run-8", "user-8", "sku-1", 1, Reason.SOLD_OUT);
        order(unpublished);
        expected.request("run-8", System.currentTimeMillis());
        expected.request("run-9", System.currentTimeMillis());
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.NOTHING_MISSING);
        assertThat(verification.result(Check.NOTHING_MISSING).offenders())
                .containsExactly(
                        "run-8: no result (an order row exists: decided but not published)",
                        "run-9: no result and no order row");
    }

    @Test
    void catchesAMissingDeadLetter() {
        cleanSale();
        expected.unreadable(new SourcePosition(0, 11));
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.NOTHING_MISSING);
        assertThat(verification.result(Check.NOTHING_MISSING).offenders())
                .containsExactly("record 0@11: unreadable, but no dead letter names it");
    }

    @Test
    void catchesAResultWithoutAnOrderRow() {
        cleanSale();
        PurchaseResult orphan = succeeded("run-20", "user-20", "sku-2", 1, UUID.randomUUID());
        publish(orphan);
        expected.request(orphan.requestId(), System.currentTimeMillis());
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.RESULTS_MATCH_ORDERS);
        assertThat(verification.result(Check.RESULTS_MATCH_ORDERS).offenders())
                .containsExactly("run-20: has a result but no order row");
    }

    @Test
    void catchesAResultThatDisagreesWithItsOrderRow() {
        cleanSale();
        order(refused("run-21", "user-21", "sku-1", 1, Reason.SOLD_OUT));
        publish(refused("run-21", "user-21", "sku-1", 1, Reason.LOCK_TIMEOUT));
        expected.request("run-21", System.currentTimeMillis());
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.RESULTS_MATCH_ORDERS);
        assertThat(verification.result(Check.RESULTS_MATCH_ORDERS).offenders())
                .containsExactly("run-21: result FAILED/LOCK_TIMEOUT/- but order row REJECTED/SOLD_OUT/-");
    }

    @Test
    void catchesAnExceededPerUserLimit() {
        cleanSale();
        item("sku-4", 10, 7, 2);
        decided(succeeded("run-30", "user-30", "sku-4", 2, UUID.randomUUID()));
        decided(succeeded("run-31", "user-30", "sku-4", 1, UUID.randomUUID()));
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.PER_USER_LIMIT);
        assertThat(verification.result(Check.PER_USER_LIMIT).offenders())
                .containsExactly("sku-4/user-30: bought 3, limit 2");
    }

    @Test
    void twoOrderRowsForOneRequestCannotExist() {
        cleanSale();
        assertThatThrownBy(() -> order(refused("run-1", "user-1", "sku-1", 1, Reason.SOLD_OUT)))
                .as("the primary key on orders.request_id refuses a second decision")
                .isInstanceOfSatisfying(
                        DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
    }
}
