package dev.flashsale.worker.decision;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.store.OrderBook;
import dev.flashsale.worker.store.OrderRow;
import dev.flashsale.worker.strategy.PurchaseStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides a poll against the database, with no knowledge of Kafka:
 *
 * <ol>
 *   <li>requests asking for more than the largest quantity become invalid requests;
 *   <li>the first record of each request id goes to the strategy, which writes each purchase with the stock it takes;
 *       later copies in the same poll get the same answer;
 *   <li>the refusals (the strategy's and the invalid requests') are written in one statement, after the strategy let
 *       go of every lock;
 *   <li>a request that already had a row (a redelivery, or another worker deciding it during a rebalance) is found by
 *       that row: the purchase statement fails on the primary key and changes nothing, the refusal is not inserted,
 *       and the stored rows of those requests are read once, at the end;
 *   <li>every answer is built from the row written or found, so the same request always gets the same answer.
 * </ol>
 *
 * Redeliveries are rare (a crash, a rebalance) and the primary key detects them anyway, so the poll's ids are not
 * looked up in advance: that saves a query on every poll and costs a rolled-back attempt per redelivered request. A
 * request id reused for a different purchase is answered {@code DUPLICATE_REQUEST} without touching the stored
 * decision. Failures propagate; whatever was decided before one is found stored when the poll is retried.
 */
public final class DecisionService implements Decider {

    private final PurchaseStrategy strategy;
    private final OrderBook orders;
    private final int maxQuantity;
    private final Clock clock;
    private final WorkerMetrics metrics;

    public DecisionService(
            PurchaseStrategy strategy, OrderBook orders, int maxQuantity, Clock clock, WorkerMetrics metrics) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.maxQuantity = maxQuantity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public List<Answer> decide(List<Incoming> polled) {
        List<Incoming> inputs = new ArrayList<>(polled.size());
        // The first record of a request id in this poll is the one decided; later copies reuse its row.
        Map<String, PurchaseRequest> fresh = new LinkedHashMap<>();
        Map<String, Incoming.Invalid> freshInvalid = new LinkedHashMap<>();
        for (Incoming incoming : polled) {
            Incoming input = withinLimits(incoming);
            inputs.add(input);
            if (input instanceof Incoming.Request request) {
                fresh.putIfAbsent(request.requestId(), request.request());
            } else if (input instanceof Incoming.Invalid invalid) {
                freshInvalid.putIfAbsent(invalid.requestId(), invalid);
            }
        }
        freshInvalid.keySet().removeAll(fresh.keySet());

        Set<String> found = new HashSet<>();
        Map<String, OrderRow> rows = decideFresh(new ArrayList<>(fresh.values()), freshInvalid.values(), found);

        List<Answer> answers = new ArrayList<>(inputs.size());
        for (Incoming input : inputs) {
            answers.add(answer(input, rows, found));
        }
        return answers;
    }

    /**
     * Decides the requests and records the refusals; returns the rows written or found for them, and adds to {@code
     * found} the ids whose row was already there.
     */
    private Map<String, OrderRow> decideFresh(
            List<PurchaseRequest> requests, Iterable<Incoming.Invalid> invalid, Set<String> found) {
        Map<String, OrderRow> rows = new HashMap<>();
        List<OrderBook.Refusal> refusals = new ArrayList<>();
        List<String> decidedElsewhere = new ArrayList<>();
        if (!requests.isEmpty()) {
            long start = System.nanoTime();
            List<Decision> decisions = strategy.decide(requests);
            metrics.batchDecided(Duration.ofNanos(System.nanoTime() - start));
            for (int i = 0; i < requests.size(); i++) {
                PurchaseRequest request = requests.get(i);
                Decision decision = decisions.get(i);
                if (decision instanceof Decision.Purchased purchase) {
                    rows.put(request.requestId(), orders.purchased(request, purchase));
                } else if (decision instanceof Decision.Refused refused) {
                    refusals.add(new OrderBook.Refusal(
                            request.requestId(),
                            request.userId(),
                            request.itemId(),
                            request.quantity(),
                            refused.reason()));
                } else {
                    decidedElsewhere.add(request.requestId());
                }
            }
        }
        for (Incoming.Invalid bad : invalid) {
            refusals.add(new OrderBook.Refusal(
                    bad.requestId(), bad.userId(), bad.itemId(), bad.quantity(), Reason.INVALID_REQUEST));
        }
        if (!refusals.isEmpty()) {
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            Map<String, OrderRow> written = orders.recordRefusals(refusals, now);
            rows.putAll(written);
            for (OrderBook.Refusal refusal : refusals) {
                if (!written.containsKey(refusal.requestId())) {
                    decidedElsewhere.add(refusal.requestId());
                }
            }
        }
        if (!decidedElsewhere.isEmpty()) {
            Map<String, OrderRow> stored = orders.find(decidedElsewhere);
            for (String requestId : decidedElsewhere) {
                if (!stored.containsKey(requestId)) {
                    throw new IllegalStateException(
                            "request " + requestId + " was found decided, yet no order row can be read for it");
                }
            }
            rows.putAll(stored);
            found.addAll(stored.keySet());
        }
        return rows;
    }

    private Incoming withinLimits(Incoming incoming) {
        if (incoming instanceof Incoming.Request valid && valid.request().quantity() > maxQuantity) {
            PurchaseRequest request = valid.request();
            return new Incoming.Invalid(
                    request.requestId(),
                    request.userId(),
                    request.itemId(),
                    request.quantity(),
                    "quantity must be between 1 and " + maxQuantity + ", got " + request.quantity());
        }
        return incoming;
    }

    private Answer answer(Incoming input, Map<String, OrderRow> rows, Set<String> found) {
        OrderRow row = rows.get(input.requestId());
        if (row == null) {
            throw new IllegalStateException("no order row for request " + input.requestId() + " after deciding it");
        }
        boolean republished = found.contains(input.requestId());
        if (input instanceof Incoming.Request request) {
            if (!row.samePurchase(request.request())) {
                // The id was already used for another purchase: answer this one without touching that decision.
                return new Answer(
                        PurchaseResult.of(request.request(), Reason.DUPLICATE_REQUEST, strategyId(), workerId(), now()),
                        false);
            }
            return new Answer(row.toResult(), republished);
        }
        Incoming.Invalid invalid = (Incoming.Invalid) input;
        if (row.reason() == Reason.INVALID_REQUEST) {
            return new Answer(row.toResult(), republished);
        }
        // The id belongs to a decided purchase; this record is a bad copy of it and is answered on its own.
        return new Answer(
                PurchaseResult.invalidRequest(
                        invalid.requestId(),
                        invalid.userId(),
                        invalid.itemId(),
                        invalid.quantity(),
                        strategyId(),
                        workerId(),
                        now()),
                false);
    }

    private String strategyId() {
        return orders.strategy();
    }

    private String workerId() {
        return orders.workerId();
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
