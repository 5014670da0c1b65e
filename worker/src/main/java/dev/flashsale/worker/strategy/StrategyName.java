package dev.flashsale.worker.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The strategies a worker can run, by the name used on the command line, in order rows and in results. */
public enum StrategyName {
    /** The article's optimistic locking: the stock is the version; bounded, jittered retries on conflict. */
    OPTIMISTIC(false),
    /** The article's pessimistic locking: {@code SELECT ... FOR UPDATE} with a bounded lock timeout. */
    PESSIMISTIC(false),
    /**
     * The article's distributed lock: a Redis lock per item around a plain read-check-write. Unsafe when a holder
     * outlives its lease; kept to show that failure.
     */
    DISTRIBUTED(true),
    /** A Redis lock per item around the optimistic database guard: the lock reduces conflicts, the guard keeps safety. */
    COMBINED(true),
    /** One guarded statement: {@code UPDATE ... WHERE stock >= q RETURNING stock}. No retries, no locks held by the app. */
    ATOMIC(false),
    /** A Redis fenced lock; the item row remembers the highest token and refuses writes from older holders. */
    FENCED(true),
    /**
     * A poll's requests grouped per item: one row lock, one decrement and one multi-row order insert per item per
     * transaction.
     */
    BATCHED(false);

    private final boolean usesRedis;

    StrategyName(boolean usesRedis) {
        this.usesRedis = usesRedis;
    }

    /** Whether this strategy needs a Redis connection. */
    public boolean usesRedis() {
        return usesRedis;
    }

    /** The lower-case name used in configuration, order rows and results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured name, case-insensitively; an unknown name is rejected with the list of valid ones. */
    public static StrategyName parse(String value) {
        for (StrategyName candidate : values()) {
            if (candidate.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("strategy must be one of " + validNames() + ", got '" + value + "'");
    }

    /** The valid names, comma separated, for error messages and help. */
    public static String validNames() {
        return Arrays.stream(values()).map(StrategyName::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
