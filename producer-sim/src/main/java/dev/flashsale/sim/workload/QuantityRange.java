package dev.flashsale.sim.workload;

import java.util.SplittableRandom;

/**
 * The quantity of each request: fixed ({@code "1"}) or drawn uniformly from an inclusive range ({@code "1-3"}).
 *
 * @param min the smallest quantity, at least 1
 * @param max the largest quantity, at least {@code min}
 */
public record QuantityRange(int min, int max) {

    /** Far beyond any sensible per-request maximum; the worker rejects what exceeds its own limit. */
    public static final int LIMIT = 1_000_000;

    public QuantityRange {
        if (min < 1 || min > LIMIT) {
            throw new IllegalArgumentException("quantity must be between 1 and " + LIMIT + ", got " + min);
        }
        if (max < min || max > LIMIT) {
            throw new IllegalArgumentException(
                    "quantity range must end between " + min + " and " + LIMIT + ", got " + min + "-" + max);
        }
    }

    public static QuantityRange fixed(int quantity) {
        return new QuantityRange(quantity, quantity);
    }

    /**
     * Parses {@code "n"} or {@code "min-max"}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static QuantityRange parse(String text) {
        String value = text == null ? "" : text.trim();
        int dash = value.indexOf('-');
        try {
            if (dash < 0) {
                return fixed(Integer.parseInt(value));
            }
            return new QuantityRange(
                    Integer.parseInt(value.substring(0, dash).trim()),
                    Integer.parseInt(value.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "quantity must be a number like 1 or a range like 1-3, got '" + text + "'", e);
        }
    }

    /**
     * The next quantity. Always consumes exactly one random number, fixed or not, so changing the range does not
     * shift the items and users of a seeded sequence.
     */
    public int next(SplittableRandom random) {
        return min + random.nextInt(max - min + 1);
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
