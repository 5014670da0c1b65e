package dev.flashsale.sim.workload;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one simulator run sends; with the same values (above all the same {@code seed}) a run sends exactly the same
 * records again. Request ids are {@code <runId>-<seq>}, so runs with different run ids never share an id.
 *
 * @param runId names the run: 1 to {@value #MAX_RUN_ID_LENGTH} letters, digits, {@code .}, {@code _} or {@code -}
 * @param seed seeds every random choice of the run
 * @param requests how many records to send, deliberately invalid ones included
 * @param users how many distinct buyers ({@code user-1} to {@code user-<users>}), each request picks one uniformly
 * @param items the items requests are for; must match what was seeded
 * @param popularity how requests spread over the items
 * @param keyMode what goes in the record key
 * @param quantity how many units each valid request asks for
 * @param invalidShare the fraction (0 to 1) of records that are deliberately invalid, spread evenly over the kinds of
 *     {@link Corruption}
 */
public record Workload(
        String runId,
        long seed,
        int requests,
        int users,
        ItemCatalog items,
        Popularity popularity,
        KeyMode keyMode,
        QuantityRange quantity,
        double invalidShare) {

    public static final int MAX_RUN_ID_LENGTH = 64;
    public static final int MAX_REQUESTS = 100_000_000;
    public static final int MAX_USERS = 100_000_000;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    public Workload {
        if (runId == null
                || runId.length() > MAX_RUN_ID_LENGTH
                || !SAFE.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId must be 1 to " + MAX_RUN_ID_LENGTH
                    + " letters, digits, '.', '_' or '-', got '" + runId + "'");
        }
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("requests must be between 1 and " + MAX_REQUESTS + ", got " + requests);
        }
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be between 1 and " + MAX_USERS + ", got " + users);
        }
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(popularity, "popularity");
        Objects.requireNonNull(keyMode, "keyMode");
        Objects.requireNonNull(quantity, "quantity");
        if (!(invalidShare >= 0 && invalidShare <= 1)) {
            throw new IllegalArgumentException("invalidShare must be between 0 and 1, got " + invalidShare);
        }
    }

    /** The run id used when none is given: derived from the seed, so a repeated seed repeats the ids too. */
    public static String defaultRunId(long seed) {
        return "run-" + Long.toUnsignedString(seed, 36);
    }

    /** The request id of record {@code seq}. */
    public String requestId(int seq) {
        return runId + "-" + seq;
    }

    /** Every request id of this run starts with this. */
    public String requestIdPrefix() {
        return runId + "-";
    }

    /** The id of buyer number {@code index}, counted from 0. */
    public static String userId(int index) {
        return "user-" + (index + 1);
    }
}
