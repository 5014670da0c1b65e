package dev.flashsale.sim.workload;

import java.util.Locale;

/**
 * How requests spread over the items of a sale. Written on the command line as {@code uniform}, {@code hot} (every
 * request for the first item), {@code zipf} (exponent 1.0) or {@code zipf:<exponent>}.
 */
public sealed interface Popularity permits Popularity.Uniform, Popularity.Zipf, Popularity.Hot {

    /** A sampler of item indexes over {@code itemCount} items. */
    IndexSampler sampler(int itemCount);

    /** Every item equally likely. */
    record Uniform() implements Popularity {
        @Override
        public IndexSampler sampler(int itemCount) {
            return random -> random.nextInt(itemCount);
        }

        @Override
        public String toString() {
            return "uniform";
        }
    }

    /** Zipf-skewed: the first item is the most popular; see {@link ZipfDistribution}. */
    record Zipf(double exponent) implements Popularity {
        public static final double DEFAULT_EXPONENT = 1.0;

        public Zipf {
            if (!(exponent >= 0 && exponent <= ZipfDistribution.MAX_EXPONENT)) {
                throw new IllegalArgumentException(
                        "zipf exponent must be between 0 and " + ZipfDistribution.MAX_EXPONENT + ", got " + exponent);
            }
        }

        @Override
        public IndexSampler sampler(int itemCount) {
            return new ZipfDistribution(itemCount, exponent);
        }

        @Override
        public String toString() {
            return "zipf:" + exponent;
        }
    }

    /**
     * One hot item: every request asks for the first item. Still draws one random number per request so that the
     * rest of a seeded sequence (users, quantities) matches the other popularities.
     */
    record Hot() implements Popularity {
        @Override
        public IndexSampler sampler(int itemCount) {
            return random -> {
                random.nextInt(itemCount);
                return 0;
            };
        }

        @Override
        public String toString() {
            return "hot";
        }
    }

    /**
     * Parses {@code uniform}, {@code hot}, {@code zipf} or {@code zipf:<exponent>}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the bad value and the valid forms
     */
    static Popularity parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("uniform")) {
            return new Uniform();
        }
        if (value.equals("hot")) {
            return new Hot();
        }
        if (value.equals("zipf")) {
            return new Zipf(Zipf.DEFAULT_EXPONENT);
        }
        if (value.startsWith("zipf:")) {
            try {
                return new Zipf(Double.parseDouble(value.substring("zipf:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("popularity zipf exponent must be a number, got '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException(
                "popularity must be one of uniform, hot, zipf, zipf:<exponent>, got '" + text + "'");
    }
}
