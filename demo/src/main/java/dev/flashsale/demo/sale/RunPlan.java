package dev.flashsale.demo.sale;

import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of a sale: which decider, how many requests and how fast.
 *
 * @param name names the run (its topics, database, request ids, and its row in tables)
 * @param strategy the strategy the workers decide with; null for workers that answer without deciding (the Kafka
 *     ceiling)
 * @param ratePerSecond the rate requests are sent at; 0 sends as fast as possible (a peak run)
 * @param requests how many requests
 * @param warmup how long the same workers are sent requests first, unmeasured, for items of the run's own, so that
 *     the measurement does not include their JIT compilation or first connections; zero for none
 */
public record RunPlan(String name, StrategyName strategy, double ratePerSecond, int requests, Duration warmup) {

    public RunPlan {
        Objects.requireNonNull(name, "name");
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be zero or more, got " + ratePerSecond);
        }
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1, got " + requests);
        }
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must be zero or more, got " + warmup);
        }
    }

    /** A strategy's peak run: as fast as possible, no warm-up of its own. */
    public static RunPlan peak(StrategyName strategy, int requests) {
        return new RunPlan(strategy.id(), strategy, 0, requests, Duration.ZERO);
    }

    /** Whether the workers decide nothing. */
    public boolean kafkaOnly() {
        return strategy == null;
    }
}
