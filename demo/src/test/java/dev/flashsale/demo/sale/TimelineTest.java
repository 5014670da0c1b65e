package dev.flashsale.demo.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.ObservedResult;
import java.time.Instant;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Gaps, recovery and rates of a sale at 100 requests/s for 20 s, whose answers stop for a while after a fault. */
class TimelineTest {

    private static final long T0 = 1_000_000L;
    private static final int RATE = 100;
    private static final int SECONDS = 20;

    @Test
    void aSteadySaleHasNoGapLongerThanItsSpacingAndNoFaults() {
        Timeline timeline = sale(sent -> sent + 5, List.of());

        assertThat(timeline.longestGapMs()).isEqualTo(10);
        assertThat(timeline.longestRecoveryMs()).isZero();
        // 20 s of sale are counted in half-second buckets; the rate is still given per second.
        assertThat(timeline.bucketMs()).isEqualTo(500);
        assertThat(timeline.decisionsPerBucket()).hasSize(SECONDS * 2);
        assertThat(timeline.decisionsPerSecond()[10]).isEqualTo(RATE);
    }

    @Test
    void aShortSaleIsCountedInNarrowerBucketsAndALongOneInSeconds() {
        assertThat(Timeline.bucketMsFor(2_300)).isEqualTo(100);
        assertThat(Timeline.bucketMsFor(10_000)).isEqualTo(250);
        assertThat(Timeline.bucketMsFor(45_000)).isEqualTo(1000);
        assertThat(Timeline.bucketMsFor(600_000)).isEqualTo(1000);
    }

    @Test
    void answersThatStopForFourSecondsAfterAFaultShowAsTheGapAndTheRecovery() {
        long fault = T0 + 5_000;
        long resumed = fault + 4_000;
        // Requests sent during the pause are answered when it ends, then the backlog clears at once.
        Timeline timeline = sale(sent -> sent < fault ? sent + 5 : Math.max(sent + 5, resumed), List.of(kill(fault)));

        assertThat(timeline.longestGapMs()).isBetween(4_000L, 4_010L);
        assertThat(timeline.longestGapStartMs()).isBetween(fault - 10, fault);
        // Back within a second of sending of the backlog before the fault once the pause ends.
        assertThat(timeline.longestRecoveryMs()).isBetween(3_000L, 4_050L);
        assertThat(timeline.before()).isCloseTo(RATE, offset(2.0));
        assertThat(timeline.after()).isCloseTo(RATE, offset(2.0));
    }

    @Test
    void aFaultThatIsNotCaughtUpBeforeTheNextOneHasNoRecovery() {
        long first = T0 + 5_000;
        long second = first + 2_000;
        long resumed = second + 3_000;
        Timeline timeline =
                sale(sent -> sent < first ? sent + 5 : Math.max(sent + 5, resumed), List.of(kill(first), kill(second)));

        assertThat(timeline.recoveryMs()[0]).isEqualTo(-1);
        assertThat(timeline.recoveryMs()[1]).isBetween(1_000L, 3_050L);
        assertThat(timeline.longestRecoveryMs()).isEqualTo(-1);
        assertThat(timeline.recoveryText()).endsWith("after the last");
    }

    @Test
    void aFaultTheSaleDoesNotNoticeRecoversAtOnce() {
        Timeline timeline = sale(sent -> sent + 5, List.of(kill(T0 + 5_000)));

        assertThat(timeline.longestRecoveryMs()).isZero();
    }

    private static Fault kill(long atMs) {
        return new Fault(atMs, "kill -9 w1", true);
    }

    /** Requests every 10 ms for {@link #SECONDS}; each answered when {@code answeredAt} says. */
    private static Timeline sale(LongUnaryOperator answeredAt, List<Fault> faults) {
        Expectations.Builder expected = Expectations.builder("r-");
        Observations.Builder observed = Observations.builder();
        for (int i = 0; i < RATE * SECONDS; i++) {
            long sent = T0 + i * (1000L / RATE);
            String id = "r-" + i;
            expected.request(id, sent);
            PurchaseResult result = PurchaseResult.of(
                    new PurchaseRequest(id, "u", "sku", 1),
                    Reason.SOLD_OUT,
                    "atomic",
                    "w1",
                    Instant.ofEpochMilli(sent));
            observed.result(new ObservedResult(result, answeredAt.applyAsLong(sent)));
        }
        return Timeline.of(expected.build(), observed.build(), faults);
    }
}
