package dev.flashsale.demo.chaos;

import dev.flashsale.worker.strategy.StrategyName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The faults the chaos command injects into a running sale, each with the strategies it is run with by default. */
public enum Scenario {
    /** Repeated {@code kill -9} of a random worker process, each followed at once by a replacement with its worker id. */
    KILL("kill -9 of a worker, replaced at once", List.of(StrategyName.ATOMIC, StrategyName.BATCHED)),
    /** PostgreSQL stopped (open sessions cut) and started again. */
    POSTGRES_RESTART("PostgreSQL stopped and started", List.of(StrategyName.ATOMIC)),
    /** Redis stopped and started again empty (every lock lost), under a strategy that locks there. */
    REDIS_RESTART("Redis stopped and started, its locks lost", List.of(StrategyName.COMBINED)),
    /** The Kafka broker killed with SIGKILL and started again. */
    KAFKA_RESTART("the Kafka broker killed and started", List.of(StrategyName.ATOMIC)),
    /** A worker stopped with SIGSTOP past its lock lease, then let go on with SIGCONT. */
    STALL(
            "a worker stopped (SIGSTOP) past its lock lease",
            List.of(StrategyName.DISTRIBUTED, StrategyName.COMBINED, StrategyName.FENCED)),
    /** One node of a three-node Kafka cluster (replication factor 3, min.insync.replicas 2) killed and started. */
    BROKER_KILL("one of three Kafka nodes killed and started", List.of(StrategyName.ATOMIC));

    private final String description;
    private final List<StrategyName> strategies;

    Scenario(String description, List<StrategyName> strategies) {
        this.description = description;
        this.strategies = strategies;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    /** The strategies the scenario runs with unless others are asked for. */
    public List<StrategyName> defaultStrategies() {
        return strategies;
    }

    /** Whether the scenario needs its own three-node Kafka cluster. */
    public boolean needsThreeBrokers() {
        return this == BROKER_KILL;
    }

    public static Scenario parse(String value) {
        for (Scenario scenario : values()) {
            if (scenario.id().equalsIgnoreCase(value.trim())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("scenario must be one of " + ids() + ", got '" + value + "'");
    }

    public static String ids() {
        return Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
