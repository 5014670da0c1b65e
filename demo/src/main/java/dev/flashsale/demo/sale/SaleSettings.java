package dev.flashsale.demo.sale;

import dev.flashsale.sim.workload.ItemCatalog;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.sim.workload.Workload;
import java.time.Duration;
import java.util.Objects;

/**
 * One flash sale as the demo and the benchmark run it under each strategy: what is on sale, what the crowd sends, and
 * how many workers answer.
 *
 * @param items number of items
 * @param stock initial stock of each item
 * @param perUserLimit per-user limit of each item, or null for none
 * @param requests requests sent
 * @param users distinct buyers
 * @param keyMode record key of the requests
 * @param popularity how requests spread over items
 * @param quantity units per request
 * @param seed seed of the workload; the same for every strategy, so each answers the very same requests
 * @param workers worker instances, started in this process
 * @param consumersPerWorker consumer threads per worker
 * @param partitions partitions of the requests and results topics
 * @param resultTimeout how long to wait for the last results of a strategy's run
 */
public record SaleSettings(
        int items,
        int stock,
        Integer perUserLimit,
        int requests,
        int users,
        KeyMode keyMode,
        Popularity popularity,
        QuantityRange quantity,
        long seed,
        int workers,
        int consumersPerWorker,
        int partitions,
        Duration resultTimeout) {

    public SaleSettings {
        requireRange("items", items, 1, ItemCatalog.MAX_ITEMS);
        requireRange("stock", stock, 0, Integer.MAX_VALUE);
        if (perUserLimit != null) {
            requireRange("perUserLimit", perUserLimit, 1, Integer.MAX_VALUE);
        }
        requireRange("requests", requests, 1, Workload.MAX_REQUESTS);
        requireRange("users", users, 1, Workload.MAX_USERS);
        Objects.requireNonNull(keyMode, "keyMode");
        Objects.requireNonNull(popularity, "popularity");
        Objects.requireNonNull(quantity, "quantity");
        requireRange("workers", workers, 1, 32);
        requireRange("consumersPerWorker", consumersPerWorker, 1, 64);
        requireRange("partitions", partitions, 1, 1000);
        if (resultTimeout == null || resultTimeout.isNegative() || resultTimeout.isZero()) {
            throw new IllegalArgumentException("resultTimeout must be more than zero, got " + resultTimeout);
        }
    }

    /** The same sale with another number of requests. */
    public SaleSettings withRequests(int otherRequests) {
        return new SaleSettings(
                items,
                stock,
                perUserLimit,
                otherRequests,
                users,
                keyMode,
                popularity,
                quantity,
                seed,
                workers,
                consumersPerWorker,
                partitions,
                resultTimeout);
    }

    /** Consumer threads over all workers: the parallelism the workers bring (bounded by the partitions). */
    public int totalConsumers() {
        return workers * consumersPerWorker;
    }

    public ItemCatalog catalog() {
        return new ItemCatalog(ItemCatalog.DEFAULT_SKU_PREFIX, items);
    }

    /** The workload of one run; {@code runId} only changes the request ids, not the sequence of choices. */
    public Workload workload(String runId) {
        return new Workload(runId, seed, requests, users, catalog(), popularity, keyMode, quantity, 0);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
