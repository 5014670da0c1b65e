package dev.flashsale.sim.workload;

import java.util.SplittableRandom;

/** Draws an index from {@code 0} to {@code size - 1} following some distribution. */
@FunctionalInterface
public interface IndexSampler {

    /** The next index; consumes random numbers only from {@code random}, so a seed repeats the sequence. */
    int next(SplittableRandom random);
}
