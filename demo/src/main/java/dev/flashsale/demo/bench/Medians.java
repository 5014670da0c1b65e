package dev.flashsale.demo.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians over repeated samples. */
public final class Medians {

    private Medians() {}

    /** The median of {@code values}: the middle one, or the mean of the two middle ones; NaN when empty. */
    public static double of(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static <T> double of(List<T> samples, ToDoubleFunction<T> value) {
        return of(samples.stream().mapToDouble(value).toArray());
    }
}
