package dev.flashsale.sim.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Zipf's law over {@code size} ranks: rank {@code k} (counted from 1) is drawn with probability proportional to
 * {@code 1 / k^exponent}. Exponent 0 is the uniform distribution; 1 is the classic "a few items take most of the
 * traffic" shape. Sampling is a binary search over the precomputed cumulative weights, so a draw costs {@code
 * O(log size)} and always exactly one random number.
 */
public final class ZipfDistribution implements IndexSampler {

    /** Beyond this the first rank takes practically everything; larger exponents are more likely typos. */
    public static final double MAX_EXPONENT = 10.0;

    private final double exponent;
    private final double[] cumulative;

    public ZipfDistribution(int size, double exponent) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        if (!(exponent >= 0 && exponent <= MAX_EXPONENT)) {
            throw new IllegalArgumentException(
                    "zipf exponent must be between 0 and " + MAX_EXPONENT + ", got " + exponent);
        }
        this.exponent = exponent;
        this.cumulative = new double[size];
        double sum = 0;
        for (int rank = 1; rank <= size; rank++) {
            sum += Math.pow(rank, -exponent);
            cumulative[rank - 1] = sum;
        }
    }

    public double exponent() {
        return exponent;
    }

    public int size() {
        return cumulative.length;
    }

    /** The probability of drawing {@code index} (rank {@code index + 1}). */
    public double probability(int index) {
        double total = cumulative[cumulative.length - 1];
        double below = index == 0 ? 0 : cumulative[index - 1];
        return (cumulative[index] - below) / total;
    }

    @Override
    public int next(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int found = Arrays.binarySearch(cumulative, target);
        // binarySearch returns (-(insertion point) - 1) when absent: the first rank whose cumulative weight exceeds it
        int index = found >= 0 ? found + 1 : -found - 1;
        return Math.min(index, cumulative.length - 1);
    }
}
