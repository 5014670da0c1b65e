package dev.flashsale.worker.strategy;

import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.Orders;
import dev.flashsale.worker.store.Purchases;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Builds the strategy a name stands for; the one place that knows how strategies compose. */
public final class Strategies {

    /**
     * What strategies are built from.
     *
     * @param locks item locks of the kind {@link StrategyName#lockKind()} asks for; null for the others
     */
    public record Parts(
            Database database,
            Items items,
            Purchases purchases,
            Orders orders,
            ItemLocks locks,
            Clock clock,
            WorkerMetrics metrics) {}

    /** The optimistic strategy's settings. */
    public record Optimism(int maxAttempts, Duration backoff) {}

    private Strategies() {}

    public static PurchaseStrategy create(StrategyName name, Optimism optimism, Parts parts) {
        if (name.lockKind() != StrategyName.LockKind.NONE) {
            Objects.requireNonNull(parts.locks(), () -> "strategy " + name + " needs Redis item locks");
        }
        return switch (name) {
            case OPTIMISTIC -> optimistic(name, optimism, parts);
            case PESSIMISTIC ->
                new PessimisticStrategy(parts.database(), parts.items(), parts.purchases(), parts.clock());
            case ATOMIC -> new AtomicStrategy(parts.database(), parts.items(), parts.purchases(), parts.clock());
            case DISTRIBUTED ->
                new LockedStrategy(
                        name,
                        parts.locks(),
                        new ReadCheckWrite(parts.database(), parts.items(), parts.purchases(), parts.clock()));
            case COMBINED -> new LockedStrategy(name, parts.locks(), optimistic(name, optimism, parts));
            case FENCED ->
                new LockedStrategy(
                        name,
                        parts.locks(),
                        new FencedWrite(parts.database(), parts.items(), parts.purchases(), parts.clock()));
            case BATCHED ->
                new BatchedStrategy(parts.database(), parts.items(), parts.purchases(), parts.orders(), parts.clock());
        };
    }

    private static OptimisticStrategy optimistic(StrategyName name, Optimism optimism, Parts parts) {
        return new OptimisticStrategy(
                name,
                parts.database(),
                parts.items(),
                parts.purchases(),
                parts.clock(),
                optimism.maxAttempts(),
                optimism.backoff(),
                parts.metrics());
    }
}
