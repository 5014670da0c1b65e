package dev.flashsale.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfOneToAHundred() {
        Histogram histogram = LatencySummary.newHistogram();
        for (long ms = 1; ms <= 100; ms++) {
            LatencySummary.record(histogram, ms);
        }
        LatencySummary summary = LatencySummary.of(histogram);
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(50);
        assertThat(summary.p95Ms()).isEqualTo(95);
        assertThat(summary.p99Ms()).isEqualTo(99);
        assertThat(summary.maxMs()).isEqualTo(100);
        assertThat(summary.meanMs()).isCloseTo(50.5, within(0.01));
    }

    @Test
    void largeValuesKeepThreeSignificantDigits() {
        Histogram histogram = LatencySummary.newHistogram();
        LatencySummary.record(histogram, 123_456);
        assertThat(LatencySummary.of(histogram).maxMs()).isCloseTo(123_456, within(124L));
    }

    @Test
    void negativeLatenciesFromClockSkewCountAsZeroAndHugeOnesAreCapped() {
        Histogram histogram = LatencySummary.newHistogram();
        LatencySummary.record(histogram, -5);
        LatencySummary.record(histogram, Long.MAX_VALUE);
        LatencySummary summary = LatencySummary.of(histogram);
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.p50Ms()).isZero();
        assertThat(summary.maxMs())
                .isCloseTo(LatencySummary.HIGHEST_TRACKABLE_MS, within(LatencySummary.HIGHEST_TRACKABLE_MS / 500));
    }

    @Test
    void nothingRecordedIsAllZero() {
        assertThat(LatencySummary.of(LatencySummary.newHistogram())).isEqualTo(LatencySummary.EMPTY);
    }
}
