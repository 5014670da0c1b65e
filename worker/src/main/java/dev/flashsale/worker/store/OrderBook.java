package dev.flashsale.worker.store;

import static dev.flashsale.schema.db.Tables.ORDERS;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.strategy.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code orders} table: one row per decided request, which is what makes every decision idempotent. A result is
 * always built from a row, so a redelivered request re-publishes exactly what was stored.
 */
public final class OrderBook {

    private final String strategy;
    private final String workerId;
    private final Clock clock;

    /**
     * @param strategy the strategy name stored with every decision this book records
     * @param workerId the worker id stored with every decision this book records
     */
    public OrderBook(String strategy, String workerId, Clock clock) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Inserts the row for {@code decision} inside the caller's transaction.
     *
     * @throws AlreadyDecidedException when the request id already has a row; the caller's transaction must roll back
     */
    public OrdersRecord record(DSLContext tx, PurchaseRequest request, Decision decision) {
        OrdersRecord row = tx.newRecord(ORDERS);
        row.setRequestId(request.requestId());
        row.setUserId(request.userId());
        row.setItemId(request.itemId());
        row.setQuantity(request.quantity());
        row.setStrategy(strategy);
        row.setWorkerId(workerId);
        row.setDecidedAt(now());
        if (decision instanceof Decision.Purchased purchased) {
            row.setStatus(Status.SUCCEEDED.name());
            row.setOrderId(purchased.orderId());
        } else if (decision instanceof Decision.Refused refused) {
            row.setStatus(refused.reason().status().name());
            row.setReason(refused.reason().name());
        } else {
            throw new IllegalArgumentException("not a recordable decision: " + decision);
        }
        int inserted = tx.insertInto(ORDERS).set(row).onConflictDoNothing().execute();
        if (inserted == 0) {
            throw new AlreadyDecidedException("request " + request.requestId());
        }
        return row;
    }

    /**
     * Inserts the rows for many decisions with one statement inside the caller's transaction.
     *
     * @throws AlreadyDecidedException when any of the request ids already has a row; the caller's transaction must
     *     roll back
     */
    public void recordAll(DSLContext tx, List<PurchaseRequest> requests, List<Decision> decisions) {
        if (requests.isEmpty()) {
            return;
        }
        OffsetDateTime decidedAt = now();
        var insert = tx.insertInto(
                ORDERS,
                ORDERS.REQUEST_ID,
                ORDERS.ORDER_ID,
                ORDERS.USER_ID,
                ORDERS.ITEM_ID,
                ORDERS.QUANTITY,
                ORDERS.STATUS,
                ORDERS.REASON,
                ORDERS.STRATEGY,
                ORDERS.WORKER_ID,
                ORDERS.DECIDED_AT);
        for (int i = 0; i < requests.size(); i++) {
            PurchaseRequest request = requests.get(i);
            Decision decision = decisions.get(i);
            UUID orderId = decision instanceof Decision.Purchased purchased ? purchased.orderId() : null;
            Reason reason = decision instanceof Decision.Refused refused ? refused.reason() : null;
            if (orderId == null && reason == null) {
                throw new IllegalArgumentException("not a recordable decision: " + decision);
            }
            insert = insert.values(
                    request.requestId(),
                    orderId,
                    request.userId(),
                    request.itemId(),
                    request.quantity(),
                    reason == null ? Status.SUCCEEDED.name() : reason.status().name(),
                    reason == null ? null : reason.name(),
                    strategy,
                    workerId,
                    decidedAt);
        }
        int inserted = insert.onConflictDoNothing().execute();
        if (inserted != requests.size()) {
            throw new AlreadyDecidedException(requests.size() - inserted + " of " + requests.size() + " requests");
        }
    }

    /** Each user's succeeded quantity of one item, for the users given; users without purchases are absent. */
    public Map<String, Integer> succeededQuantities(DSLContext tx, String itemId, Collection<String> userIds) {
        return tx.select(ORDERS.USER_ID, DSL.sum(ORDERS.QUANTITY).cast(Integer.class))
                .from(ORDERS)
                .where(ORDERS.ITEM_ID.eq(itemId))
                .and(ORDERS.USER_ID.in(userIds))
                .and(ORDERS.STATUS.eq(Status.SUCCEEDED.name()))
                .groupBy(ORDERS.USER_ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    private OffsetDateTime now() {
        // PostgreSQL keeps microseconds; truncating here makes the published result equal the stored row.
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /**
     * Records a request that failed validation but whose request id could be read. The fields that could not be read
     * are stored as null.
     *
     * @return the stored row: the new one, or the earlier decision when the request id was already used
     */
    public OrdersRecord recordInvalid(
            DSLContext dsl, String requestId, String userId, String itemId, Integer quantity) {
        OrdersRecord row = dsl.newRecord(ORDERS);
        row.setRequestId(requestId);
        row.setUserId(userId);
        row.setItemId(itemId);
        row.setQuantity(quantity);
        row.setStrategy(strategy);
        row.setWorkerId(workerId);
        row.setDecidedAt(now());
        row.setStatus(Status.REJECTED.name());
        row.setReason(Reason.INVALID_REQUEST.name());
        int inserted = dsl.insertInto(ORDERS).set(row).onConflictDoNothing().execute();
        return inserted == 1 ? row : find(dsl, List.of(requestId)).get(requestId);
    }

    /** The stored rows for the given request ids, by request id; ids without a row are absent. */
    public Map<String, OrdersRecord> find(DSLContext dsl, Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(ORDERS).where(ORDERS.REQUEST_ID.in(requestIds)).fetchMap(ORDERS.REQUEST_ID);
    }

    /**
     * Whether buying {@code request.quantity()} more would take the user past {@code perUserLimit} ({@code null}: no
     * limit). Exact only when the caller holds the item's row lock or an exclusive lock on the item, so that no other
     * purchase of the item commits meanwhile.
     */
    public boolean wouldExceedLimit(DSLContext tx, Integer perUserLimit, PurchaseRequest request) {
        if (perUserLimit == null) {
            return false;
        }
        if (request.quantity() > perUserLimit) {
            return true;
        }
        Integer bought = tx.select(DSL.coalesce(DSL.sum(ORDERS.QUANTITY), 0L).cast(Integer.class))
                .from(ORDERS)
                .where(ORDERS.ITEM_ID.eq(request.itemId()))
                .and(ORDERS.USER_ID.eq(request.userId()))
                .and(ORDERS.STATUS.eq(Status.SUCCEEDED.name()))
                .fetchOne(0, Integer.class);
        return bought + request.quantity() > perUserLimit;
    }

    /** The result a stored row stands for. */
    public static PurchaseResult toResult(OrdersRecord row) {
        UUID orderId = row.getOrderId();
        return new PurchaseResult(
                row.getRequestId(),
                row.getUserId(),
                row.getItemId(),
                row.getQuantity() == null ? 0 : row.getQuantity(),
                Status.valueOf(row.getStatus()),
                row.getReason() == null ? null : Reason.valueOf(row.getReason()),
                orderId == null ? null : orderId.toString(),
                row.getStrategy(),
                row.getWorkerId(),
                row.getDecidedAt().toInstant());
    }

    /** Whether a stored row was decided for the same purchase as {@code request} (a redelivery, not a reuse). */
    public static boolean samePurchase(OrdersRecord row, PurchaseRequest request) {
        return Objects.equals(row.getUserId(), request.userId())
                && Objects.equals(row.getItemId(), request.itemId())
                && Objects.equals(row.getQuantity(), request.quantity());
    }
}
