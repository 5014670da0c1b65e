package dev.flashsale.worker.strategy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.store.AlreadyDecidedException;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;
import dev.flashsale.worker.store.OrderBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Decides a poll's requests per item in one transaction each: lock the item row once, walk the item's requests in
 * arrival order against the stock (and per-user limits), then write one stock decrement and one multi-row insert of
 * the orders. Under a hot item this replaces a transaction per request with a transaction per poll; the row lock is
 * held for the whole group, so the order of requests within a poll is the order of sale.
 */
public final class BatchedStrategy implements PurchaseStrategy {

    private final Ledger ledger;
    private final Duration lockTimeout;

    public BatchedStrategy(Ledger ledger, Duration lockTimeout) {
        this.ledger = ledger;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public StrategyName name() {
        return StrategyName.BATCHED;
    }

    @Override
    public List<Decision> decide(List<PurchaseRequest> requests) {
        Map<String, List<PurchaseRequest>> byItem = new LinkedHashMap<>();
        for (PurchaseRequest request : requests) {
            byItem.computeIfAbsent(request.itemId(), item -> new ArrayList<>()).add(request);
        }
        Map<PurchaseRequest, Decision> decided = new IdentityHashMap<>();
        for (List<PurchaseRequest> group : byItem.values()) {
            decideGroup(group, decided);
        }
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (PurchaseRequest request : requests) {
            decisions.add(decided.get(request));
        }
        return decisions;
    }

    private void decideGroup(List<PurchaseRequest> group, Map<PurchaseRequest, Decision> decided) {
        List<PurchaseRequest> pending = group;
        while (!pending.isEmpty()) {
            try {
                List<PurchaseRequest> attempt = pending;
                List<Decision> decisions = ledger.transaction(tx -> decideLocked(tx, attempt));
                for (int i = 0; i < attempt.size(); i++) {
                    decided.put(attempt.get(i), decisions.get(i));
                }
                return;
            } catch (AlreadyDecidedException raced) {
                // Another worker decided some of these meanwhile (a rebalance overlap): leave those to their stored
                // rows and decide the rest again.
                Set<String> stored = ledger.orders()
                        .find(
                                ledger.dsl(),
                                pending.stream().map(PurchaseRequest::requestId).toList())
                        .keySet();
                List<PurchaseRequest> rest = new ArrayList<>();
                for (PurchaseRequest request : pending) {
                    if (stored.contains(request.requestId())) {
                        decided.put(request, new Decision.DecidedElsewhere());
                    } else {
                        rest.add(request);
                    }
                }
                pending = rest;
            } catch (DataAccessException e) {
                if (!Inventory.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                    throw e;
                }
                for (PurchaseRequest request : pending) {
                    decided.put(request, ledger.recordAlone(request, Decision.refused(Reason.LOCK_TIMEOUT)));
                }
                return;
            }
        }
    }

    private List<Decision> decideLocked(DSLContext tx, List<PurchaseRequest> group) {
        String itemId = group.get(0).itemId();
        Inventory inventory = ledger.inventory();
        OrderBook orders = ledger.orders();
        ItemsRecord item = inventory.lockForUpdate(tx, itemId, lockTimeout);
        Map<String, Integer> bought = item == null || item.getPerUserLimit() == null
                ? new HashMap<>()
                : new HashMap<>(orders.succeededQuantities(
                        tx, itemId, group.stream().map(PurchaseRequest::userId).collect(Collectors.toSet())));
        int stock = item == null ? 0 : item.getStock();
        int sold = 0;
        List<Decision> decisions = new ArrayList<>(group.size());
        for (PurchaseRequest request : group) {
            int left = stock - sold;
            Reason refusal;
            if (item == null) {
                refusal = Reason.UNKNOWN_ITEM;
            } else if (left <= 0) {
                refusal = Reason.SOLD_OUT;
            } else if (left < request.quantity()) {
                refusal = Reason.INSUFFICIENT_STOCK;
            } else if (item.getPerUserLimit() != null
                    && bought.getOrDefault(request.userId(), 0) + request.quantity() > item.getPerUserLimit()) {
                refusal = Reason.LIMIT_EXCEEDED;
            } else {
                refusal = null;
            }
            if (refusal == null) {
                sold += request.quantity();
                bought.merge(request.userId(), request.quantity(), Integer::sum);
                decisions.add(Decision.purchased());
            } else {
                decisions.add(Decision.refused(refusal));
            }
        }
        if (sold > 0) {
            inventory.decrement(tx, itemId, sold);
        }
        orders.recordAll(tx, group, decisions);
        return decisions;
    }
}
