package dev.flashsale.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.Unavailable;
import dev.flashsale.worker.store.OrderBook;
import dev.flashsale.worker.store.OrderRow;
import dev.flashsale.worker.strategy.PurchaseStrategy;
import dev.flashsale.worker.strategy.StrategyName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The decision service's own logic (dedupe, limits, refusals, redeliveries, reused ids) over an in-memory order book
 * and a strategy that sells from an in-memory stock; the SQL behind them is covered by the integration tests.
 */
class DecisionServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final int MAX_QUANTITY = 5;

    private final MemoryOrderBook book = new MemoryOrderBook();
    private final StockStrategy strategy = new StockStrategy(book);
    private final DecisionService service = new DecisionService(
            strategy, book, MAX_QUANTITY, CLOCK, new WorkerMetrics(new SimpleMeterRegistry(), "atomic"));

    @Test
    void sellsUntilTheStockIsGoneThenRefusesAndRecordsTheRefusalsTogether() {
        strategy.stock.put("sku", 2);

        List<Answer> answers = service.decide(List.of(
                request("r1", "u1", 1), request("r2", "u2", 1), request("r3", "u3", 1), request("r4", "u4", 1)));

        assertThat(answers)
                .extracting(a -> a.result().status())
                .containsExactly(Status.SUCCEEDED, Status.SUCCEEDED, Status.REJECTED, Status.REJECTED);
        assertThat(answers.get(2).result().reason()).isEqualTo(Reason.SOLD_OUT);
        assertThat(answers).noneMatch(Answer::republished);
        assertThat(book.refusalStatements).as("both refusals in one statement").isEqualTo(1);
        assertThat(book.rows).containsOnlyKeys("r1", "r2", "r3", "r4");
        assertThat(answers.get(0).result().orderId())
                .isEqualTo(book.rows.get("r1").orderId().toString());
    }

    @Test
    void copiesOfARequestInOnePollAreDecidedOnceAndAnsweredAlike() {
        strategy.stock.put("sku", 10);

        List<Answer> answers = service.decide(List.of(request("r1", "u1", 1), request("r1", "u1", 1)));

        assertThat(strategy.decided).containsExactly("r1");
        assertThat(answers.get(0).result()).isEqualTo(answers.get(1).result());
        assertThat(strategy.stock).containsEntry("sku", 9);
    }

    @Test
    void aQuantityAboveTheMaximumIsAnInvalidRequestThatKeepsItsFieldsAndNeverReachesTheStrategy() {
        strategy.stock.put("sku", 10);

        PurchaseResult result = service.decide(List.of(request("r1", "u1", MAX_QUANTITY + 1)))
                .get(0)
                .result();

        assertThat(strategy.decided).isEmpty();
        assertThat(result.reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(result.userId()).isEqualTo("u1");
        assertThat(result.quantity()).isEqualTo(MAX_QUANTITY + 1);
        assertThat(book.rows.get("r1").reason()).isEqualTo(Reason.INVALID_REQUEST);
    }

    @Test
    void aRedeliveredRequestIsAnsweredWithTheStoredDecisionAndTakesNothing() {
        strategy.stock.put("sku", 10);
        PurchaseResult first =
                service.decide(List.of(request("r1", "u1", 2))).get(0).result();

        Answer again = service.decide(List.of(request("r1", "u1", 2))).get(0);

        assertThat(again.republished()).isTrue();
        assertThat(again.result()).isEqualTo(first);
        assertThat(strategy.stock).containsEntry("sku", 8);
    }

    @Test
    void aRedeliveredRefusalIsNotRecordedTwice() {
        strategy.stock.put("sku", 0);
        PurchaseResult first =
                service.decide(List.of(request("r1", "u1", 1))).get(0).result();

        Answer again = service.decide(List.of(request("r1", "u1", 1))).get(0);

        assertThat(again.republished()).isTrue();
        assertThat(again.result()).isEqualTo(first);
        assertThat(book.rows).hasSize(1);
    }

    @Test
    void aReusedRequestIdIsADuplicateAndLeavesTheStoredDecisionAlone() {
        strategy.stock.put("sku", 10);
        service.decide(List.of(request("r1", "u1", 1)));
        OrderRow stored = book.rows.get("r1");

        Answer reused = service.decide(List.of(request("r1", "u2", 3))).get(0);

        assertThat(reused.result().reason()).isEqualTo(Reason.DUPLICATE_REQUEST);
        assertThat(reused.result().userId()).isEqualTo("u2");
        assertThat(reused.republished()).isFalse();
        assertThat(book.rows.get("r1")).isEqualTo(stored);
        assertThat(strategy.stock).containsEntry("sku", 9);
    }

    @Test
    void anInvalidCopyOfADecidedPurchaseIsAnsweredOnItsOwn() {
        strategy.stock.put("sku", 10);
        service.decide(List.of(request("r1", "u1", 1)));

        Answer invalid = service.decide(List.of(new Incoming.Invalid("r1", "u1", null, null, "itemId is missing")))
                .get(0);

        assertThat(invalid.result().reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(invalid.republished()).isFalse();
        assertThat(book.rows.get("r1").status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aValidRecordWinsOverAnInvalidOneWithTheSameIdInOnePoll() {
        strategy.stock.put("sku", 10);

        List<Answer> answers = service.decide(
                List.of(new Incoming.Invalid("r1", null, null, null, "not JSON"), request("r1", "u1", 1)));

        assertThat(book.rows.get("r1").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(answers.get(0).result().reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(answers.get(1).result().status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void anOutageInTheStrategyPropagatesAndRecordsNoRefusals() {
        strategy.failWith = new Unavailable("database", "deciding", new RuntimeException("connection refused"));

        assertThatThrownBy(() -> service.decide(List.of(request("r1", "u1", 1), request("r2", "u2", 99))))
                .isSameAs(strategy.failWith);
        assertThat(book.rows).isEmpty();
    }

    private static Incoming request(String requestId, String userId, int quantity) {
        return new Incoming.Request(new PurchaseRequest(requestId, userId, "sku", quantity));
    }

    /** Order rows in a map, as the orders table would hold them: the first row of a request id wins. */
    private static final class MemoryOrderBook implements OrderBook {
        final Map<String, OrderRow> rows = new LinkedHashMap<>();
        int refusalStatements;

        @Override
        public Map<String, OrderRow> find(Collection<String> requestIds) {
            Map<String, OrderRow> found = new HashMap<>();
            requestIds.stream().filter(rows::containsKey).forEach(id -> found.put(id, rows.get(id)));
            return found;
        }

        @Override
        public Map<String, OrderRow> recordRefusals(List<Refusal> refusals, Instant decidedAt) {
            refusalStatements++;
            Map<String, OrderRow> written = new HashMap<>();
            for (Refusal refusal : refusals) {
                if (!rows.containsKey(refusal.requestId())) {
                    OrderRow row = refusal.row(strategy(), workerId(), decidedAt);
                    rows.put(refusal.requestId(), row);
                    written.put(refusal.requestId(), row);
                }
            }
            return written;
        }

        @Override
        public String strategy() {
            return "atomic";
        }

        @Override
        public String workerId() {
            return "w-1";
        }
    }

    /**
     * Sells from a stock map and writes each purchase's row into the book, as a real strategy writes it with the stock
     * it takes; a request id that already has a row was decided elsewhere.
     */
    private static final class StockStrategy implements PurchaseStrategy {
        final Map<String, Integer> stock = new HashMap<>();
        final List<String> decided = new ArrayList<>();
        final MemoryOrderBook book;
        RuntimeException failWith;

        StockStrategy(MemoryOrderBook book) {
            this.book = book;
        }

        @Override
        public StrategyName name() {
            return StrategyName.ATOMIC;
        }

        @Override
        public List<Decision> decide(List<PurchaseRequest> requests) {
            if (failWith != null) {
                throw failWith;
            }
            List<Decision> decisions = new ArrayList<>();
            for (PurchaseRequest request : requests) {
                decided.add(request.requestId());
                if (book.rows.containsKey(request.requestId())) {
                    decisions.add(new Decision.DecidedElsewhere());
                    continue;
                }
                int left = stock.getOrDefault(request.itemId(), 0);
                if (left < request.quantity()) {
                    decisions.add(new Decision.Refused(left == 0 ? Reason.SOLD_OUT : Reason.INSUFFICIENT_STOCK));
                    continue;
                }
                stock.put(request.itemId(), left - request.quantity());
                Decision.Purchased purchase = new Decision.Purchased(UUID.randomUUID(), Instant.now(CLOCK));
                book.rows.put(request.requestId(), book.purchased(request, purchase));
                decisions.add(purchase);
            }
            return decisions;
        }
    }
}
