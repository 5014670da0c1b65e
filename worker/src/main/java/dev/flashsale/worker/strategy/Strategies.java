package dev.flashsale.worker.strategy;

import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.Ledger;
import java.time.Duration;
import java.util.Objects;

/** Builds the strategy a name stands for; the one place that knows how strategies compose. */
public final class Strategies {

    /** The strategy settings, validated by the worker's configuration. */
    public record Settings(int optimisticMaxAttempts, Duration optimisticBackoff, Duration pessimisticLockTimeout) {}

    private Strategies() {}

    /**
     * @param locks Redis item locks; required by the strategies whose {@link StrategyName#usesRedis()} is true, ignored
     *     by the others
     */
    public static PurchaseStrategy create(
            StrategyName name, Settings settings, Ledger ledger, ItemLocks locks, WorkerMetrics metrics) {
        if (name.usesRedis()) {
            Objects.requireNonNull(locks, () -> "strategy " + name + " needs Redis locks");
        }
        return switch (name) {
            case OPTIMISTIC -> optimistic(name, settings, ledger, metrics);
            case PESSIMISTIC -> new PessimisticStrategy(ledger, settings.pessimisticLockTimeout());
            case ATOMIC -> new AtomicStrategy(ledger);
            case DISTRIBUTED -> new RedisLockedStrategy(name, new ReadCheckWriteStrategy(name, ledger), locks, ledger);
            case COMBINED -> new RedisLockedStrategy(name, optimistic(name, settings, ledger, metrics), locks, ledger);
            case FENCED -> new FencedStrategy(locks, ledger);
            case BATCHED -> new BatchedStrategy(ledger, settings.pessimisticLockTimeout());
        };
    }

    private static OptimisticStrategy optimistic(
            StrategyName name, Settings settings, Ledger ledger, WorkerMetrics metrics) {
        return new OptimisticStrategy(
                name, ledger, settings.optimisticMaxAttempts(), settings.optimisticBackoff(), metrics);
    }
}
