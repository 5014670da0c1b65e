package dev.flashsale.worker.strategy;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The strategies a worker can run, by the name used on the command line, in order rows and in results. */
public enum StrategyName {
    /** The article's optimistic locking: the stock is the version; bounded, jittered retries on conflict. */
    OPTIMISTIC(LockKind.NONE, false),
    /** The article's pessimistic locking: {@code SELECT ... FOR UPDATE} with a bounded lock timeout. */
    PESSIMISTIC(LockKind.NONE, true),
    /**
     * The article's distributed lock: a Redis lock per item around a plain read-check-write. Unsafe when a holder
     * outlives its lease; kept to show that failure.
     */
    DISTRIBUTED(LockKind.PLAIN, false),
    /** A Redis lock per item around the optimistic database guard: the lock reduces conflicts, the guard keeps safety. */
    COMBINED(LockKind.PLAIN, false),
    /**
     * One guarded statement: {@code UPDATE ... WHERE stock >= q} and the order insert together. No retries, no locks
     * held by the application.
     */
    ATOMIC(LockKind.NONE, false),
    /** A Redis fenced lock; the item row remembers the highest token and refuses writes from older holders. */
    FENCED(LockKind.FENCED, false),
    /**
     * A whole poll in one transaction: every item row locked in a fixed order, the requests decided in arrival order,
     * one statement for every decrement and order.
     */
    BATCHED(LockKind.NONE, true);

    /** The item locks a strategy takes outside the database. */
    public enum LockKind {
        NONE,
        /** Redisson locks. */
        PLAIN,
        /** Redisson fenced locks, whose grants carry increasing tokens. */
        FENCED
    }

    private final LockKind lockKind;
    private final boolean waitsForRowLocks;

    StrategyName(LockKind lockKind, boolean waitsForRowLocks) {
        this.lockKind = lockKind;
        this.waitsForRowLocks = waitsForRowLocks;
    }

    /** Whether this strategy needs a Redis connection. */
    public boolean usesRedis() {
        return lockKind != LockKind.NONE;
    }

    public LockKind lockKind() {
        return lockKind;
    }

    /**
     * Whether this strategy waits for row locks with {@code SELECT ... FOR UPDATE}, a wait bounded by the row lock
     * timeout and answered {@code LOCK_TIMEOUT} when it runs out. The other strategies' statements wait only as long
     * as a holder takes to commit, and their connections keep PostgreSQL's default (no timeout).
     */
    public boolean waitsForRowLocks() {
        return waitsForRowLocks;
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

    /** Every name, in declaration order: the completion candidates a command line lists in its help. */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(StrategyName::id).iterator();
        }
    }
}
