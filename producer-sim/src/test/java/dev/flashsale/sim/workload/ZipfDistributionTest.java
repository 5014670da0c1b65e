package dev.flashsale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ZipfDistributionTest {

    @Test
    void probabilitiesFollowTheInversePowerOfTheRankAndSumToOne() {
        ZipfDistribution zipf = new ZipfDistribution(20, 1.0);
        double sum = IntStream.range(0, 20).mapToDouble(zipf::probability).sum();
        assertThat(sum).as("probabilities sum to 1").isCloseTo(1.0, within(1e-9));
        assertThat(zipf.probability(0) / zipf.probability(1))
                .as("rank 1 is twice as likely as rank 2 at exponent 1")
                .isCloseTo(2.0, within(1e-9));
        assertThat(zipf.probability(0) / zipf.probability(9))
                .as("rank 1 is ten times as likely as rank 10")
                .isCloseTo(10.0, within(1e-9));
    }

    @Test
    void exponentZeroIsUniform() {
        ZipfDistribution zipf = new ZipfDistribution(8, 0.0);
        IntStream.range(0, 8).forEach(i -> assertThat(zipf.probability(i)).isCloseTo(1 / 8.0, within(1e-12)));
    }

    @Test
    void sampledFrequenciesMatchTheProbabilities() {
        ZipfDistribution zipf = new ZipfDistribution(50, 1.2);
        SplittableRandom random = new SplittableRandom(7);
        int draws = 400_000;
        int[] counts = new int[50];
        for (int i = 0; i < draws; i++) {
            counts[zipf.next(random)]++;
        }
        for (int i = 0; i < 50; i++) {
            double expected = zipf.probability(i);
            assertThat(counts[i] / (double) draws)
                    .as("frequency of index %d", i)
                    .isCloseTo(expected, within(4 * Math.sqrt(expected * (1 - expected) / draws) + 1e-4));
        }
    }

    @Test
    void everyDrawIsAValidIndexEvenForASingleItem() {
        ZipfDistribution single = new ZipfDistribution(1, 3.0);
        SplittableRandom random = new SplittableRandom(1);
        IntStream.range(0, 1000).forEach(i -> assertThat(single.next(random)).isZero());
        ZipfDistribution many = new ZipfDistribution(3, 10.0);
        IntStream.range(0, 10_000).forEach(i -> assertThat(many.next(random)).isBetween(0, 2));
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        ZipfDistribution zipf = new ZipfDistribution(100, 1.0);
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);
        int[] a = IntStream.range(0, 1000).map(i -> zipf.next(first)).toArray();
        int[] b = IntStream.range(0, 1000).map(i -> zipf.next(second)).toArray();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new ZipfDistribution(0, 1.0)).hasMessageContaining("size must be at least 1, got 0");
        assertThatThrownBy(() -> new ZipfDistribution(10, -0.5))
                .hasMessageContaining("zipf exponent must be between 0 and 10.0, got -0.5");
        assertThatThrownBy(() -> new ZipfDistribution(10, Double.NaN)).hasMessageContaining("got NaN");
    }
}
