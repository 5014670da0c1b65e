package dev.flashsale.demo.bench;

import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import java.time.Duration;

/** The named workloads of the benchmark. */
public enum BenchWorkload {
    /** One item everybody wants: 10,000 units, 50,000 requests keyed by user, so every consumer meets on one row. */
    HOT(1, 10_000, 50_000, 20_000, KeyMode.USER, new Popularity.Hot()),
    /**
     * A catalogue: 1,000 items of 50 units, 100,000 Zipf-distributed requests keyed by item, so each item's requests
     * queue on one partition.
     */
    SPREAD(1_000, 50, 100_000, 20_000, KeyMode.ITEM, new Popularity.Zipf(1.0));

    private final int items;
    private final int stock;
    private final int requests;
    private final int users;
    private final KeyMode keyMode;
    private final Popularity popularity;

    BenchWorkload(int items, int stock, int requests, int users, KeyMode keyMode, Popularity popularity) {
        this.items = items;
        this.stock = stock;
        this.requests = requests;
        this.users = users;
        this.keyMode = keyMode;
        this.popularity = popularity;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int defaultRequests() {
        return requests;
    }

    /** The sale, with {@code requestsOverride} requests when it is positive. */
    public SaleSettings settings(
            int requestsOverride, long seed, int workers, int consumers, int partitions, Duration resultTimeout) {
        return new SaleSettings(
                items,
                stock,
                null,
                requestsOverride > 0 ? requestsOverride : requests,
                users,
                keyMode,
                popularity,
                QuantityRange.fixed(1),
                seed,
                workers,
                consumers,
                partitions,
                resultTimeout);
    }

    @Override
    public String toString() {
        return id();
    }
}
