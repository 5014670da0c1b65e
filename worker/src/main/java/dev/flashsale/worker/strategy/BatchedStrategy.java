package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.PurchaseRule;
import dev.flashsale.worker.model.PurchaseRule.ItemView;
import dev.flashsale.worker.store.AlreadyDecidedException;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.LockTimeoutException;
import dev.flashsale.worker.store.OrderBook;
import dev.flashsale.worker.store.Purchases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Decides a whole poll in one transaction: lock every item row the poll asks for, in item id order (so two workers
 * can never deadlock), walk the requests in arrival order against the stock and per-user limits, then take every
 * item's total and write every purchase in one statement, and commit. A hot item costs one row lock per poll instead
 * of one per request; the order of requests within a poll is the order of sale.
 *
 * <p>What it keeps from deciding request by request: a request another worker decided meanwhile (a rebalance overlap)
 * keeps that decision and the rest is decided again; a row lock that cannot be had within {@code lock_timeout}
 * refuses only the requests for that item ({@code LOCK_TIMEOUT}), found by deciding the poll item by item.
 */
public final class BatchedStrategy implements PurchaseStrategy {

    private final Database database;
    private final Items items;
    private final Purchases purchases;
    private final OrderBook orders;
    private final Clock clock;

    public BatchedStrategy(Database database, Items items, Purchases purchases, OrderBook orders, Clock clock) {
        this.database = database;
        this.items = items;
        this.purchases = purchases;
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public StrategyName name() {
        return StrategyName.BATCHED;
    }

    @Override
    public List<Decision> decide(List<PurchaseRequest> requests) {
        Map<PurchaseRequest, Decision> decided = new IdentityHashMap<>();
        try {
            decideTogether(requests, decided);
        } catch (LockTimeoutException heldElsewhere) {
            // Some item's row stayed locked past lock_timeout. Deciding item by item refuses only that item's requests.
            for (List<PurchaseRequest> group : byItem(requests).values()) {
                try {
                    decideTogether(group, decided);
                } catch (LockTimeoutException itemHeldElsewhere) {
                    group.forEach(request -> decided.put(request, Decision.refused(Reason.LOCK_TIMEOUT)));
                }
            }
        }
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (PurchaseRequest request : requests) {
            decisions.add(decided.get(request));
        }
        return decisions;
    }

    /** Decides {@code requests} in one transaction; requests another worker decided meanwhile keep that decision. */
    private void decideTogether(List<PurchaseRequest> requests, Map<PurchaseRequest, Decision> decided) {
        List<PurchaseRequest> pending = requests;
        while (!pending.isEmpty()) {
            // Everything that does not depend on the locked rows is ready before the first lock.
            Batch batch = new Batch(pending, clock);
            try {
                List<Decision> decisions =
                        database.transaction(batch.description(), connection -> decideLocked(connection, batch));
                for (int i = 0; i < pending.size(); i++) {
                    decided.put(pending.get(i), decisions.get(i));
                }
                return;
            } catch (AlreadyDecidedException raced) {
                List<PurchaseRequest> attempt = pending;
                Set<String> stored = orders.find(
                                attempt.stream().map(PurchaseRequest::requestId).toList())
                        .keySet();
                List<PurchaseRequest> rest = new ArrayList<>();
                for (PurchaseRequest request : attempt) {
                    if (stored.contains(request.requestId())) {
                        decided.put(request, new Decision.DecidedElsewhere());
                    } else {
                        rest.add(request);
                    }
                }
                pending = rest;
            }
        }
    }

    private List<Decision> decideLocked(Connection connection, Batch batch) throws SQLException {
        Map<String, ItemView> locked = items.lockAll(connection, batch.itemIds);
        Map<String, Integer> bought = batch.boughtOfLimited(connection, locked);
        Map<String, Integer> left = new HashMap<>();
        locked.forEach((itemId, item) -> left.put(itemId, item.stock()));

        List<Decision> decisions = new ArrayList<>(batch.requests.size());
        Map<String, Integer> sold = new LinkedHashMap<>();
        List<PurchaseRequest> purchased = new ArrayList<>();
        List<Decision.Purchased> purchases = new ArrayList<>();
        for (int i = 0; i < batch.requests.size(); i++) {
            PurchaseRequest request = batch.requests.get(i);
            ItemView item = locked.get(request.itemId());
            String pair = Items.pairKey(request.itemId(), request.userId());
            Reason refusal = item == null
                    ? Reason.UNKNOWN_ITEM
                    : PurchaseRule.refusal(
                            new ItemView(left.get(request.itemId()), item.perUserLimit()),
                            request.quantity(),
                            bought.getOrDefault(pair, 0));
            if (refusal != null) {
                decisions.add(Decision.refused(refusal));
                continue;
            }
            left.merge(request.itemId(), -request.quantity(), Integer::sum);
            bought.merge(pair, request.quantity(), Integer::sum);
            sold.merge(request.itemId(), request.quantity(), Integer::sum);
            Decision.Purchased purchase = batch.purchases.get(i);
            decisions.add(purchase);
            purchased.add(request);
            purchases.add(purchase);
        }
        if (!purchased.isEmpty()) {
            List<Purchases.Sold> totals = new ArrayList<>();
            sold.forEach((itemId, quantity) -> totals.add(new Purchases.Sold(itemId, quantity)));
            this.purchases.takeAllLocked(connection, totals, purchased, purchases, batch.decidedAt);
        }
        return decisions;
    }

    private static Map<String, List<PurchaseRequest>> byItem(List<PurchaseRequest> requests) {
        Map<String, List<PurchaseRequest>> byItem = new LinkedHashMap<>();
        for (PurchaseRequest request : requests) {
            byItem.computeIfAbsent(request.itemId(), item -> new ArrayList<>()).add(request);
        }
        return byItem;
    }

    /** A poll's requests with everything about them that can be known before any row is locked. */
    private final class Batch {
        final List<PurchaseRequest> requests;
        final Set<String> itemIds = new TreeSet<>();
        final List<Decision.Purchased> purchases;
        final Instant decidedAt;

        Batch(List<PurchaseRequest> requests, Clock clock) {
            this.requests = requests;
            this.decidedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            this.purchases = new ArrayList<>(requests.size());
            for (PurchaseRequest request : requests) {
                itemIds.add(request.itemId());
                purchases.add(new Decision.Purchased(UUID.randomUUID(), decidedAt));
            }
        }

        String description() {
            return "deciding " + requests.size() + " requests for " + itemIds.size() + " item(s)"
                    + (itemIds.size() == 1 ? " " + itemIds.iterator().next() : "");
        }

        /** The users' purchases of the locked items that have a per-user limit; read under the row locks. */
        Map<String, Integer> boughtOfLimited(Connection connection, Map<String, ItemView> locked) throws SQLException {
            Set<String> pairs = new LinkedHashSet<>();
            List<String> pairItems = new ArrayList<>();
            List<String> pairUsers = new ArrayList<>();
            for (PurchaseRequest request : requests) {
                ItemView item = locked.get(request.itemId());
                if (item != null && item.limited() && pairs.add(Items.pairKey(request.itemId(), request.userId()))) {
                    pairItems.add(request.itemId());
                    pairUsers.add(request.userId());
                }
            }
            return pairs.isEmpty() ? new HashMap<>() : items.boughtAll(connection, pairItems, pairUsers);
        }
    }
}
