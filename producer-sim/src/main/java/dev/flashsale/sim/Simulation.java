package dev.flashsale.sim;

import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.RequestPublisher;
import dev.flashsale.sim.kafka.ResultCollector;
import dev.flashsale.sim.kafka.SaleTopics;
import dev.flashsale.sim.progress.ProgressDisplay;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.workload.PlannedRecord;
import dev.flashsale.sim.workload.RequestPlan;
import dev.flashsale.sim.workload.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One load run: publishes a workload's records and reads the results and dead letters that come back, until every
 * expected answer is in or the timeout passes. Reading starts before the first send, from the topics' end at that
 * moment, so the run sees only what was published after it started.
 */
public final class Simulation {

    /** Default wait for the last answers after the last send. */
    public static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofMinutes(2);

    private Simulation() {}

    /**
     * How a run sends and waits.
     *
     * @param ratePerSecond target send rate; 0 sends as fast as the producer allows
     * @param resultTimeout how long to wait, after the last record was acknowledged, for the remaining answers
     * @param progress how to show progress
     * @param progressOut where progress goes
     */
    public record Settings(
            double ratePerSecond, Duration resultTimeout, ProgressMode progress, PrintStream progressOut) {
        public Settings {
            if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("rate must be zero or a positive number, got " + ratePerSecond);
            }
            if (resultTimeout == null || resultTimeout.isNegative() || resultTimeout.isZero()) {
                throw new IllegalArgumentException("resultTimeout must be more than zero, got " + resultTimeout);
            }
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(progressOut, "progressOut");
        }
    }

    /**
     * What a run sent and saw.
     *
     * @param workload the workload
     * @param expectations what the broker accepted, so what must come back
     * @param observations what came back
     * @param complete whether everything expected came back before the timeout
     * @param firstError the first send error, or null
     */
    public record Outcome(
            Workload workload,
            Expectations expectations,
            Observations observations,
            boolean complete,
            String firstError) {}

    // The progress display is a resource only to be closed: it runs on its own timer.
    @SuppressWarnings("try")
    public static Outcome run(KafkaSettings kafka, SaleTopics topics, Workload workload, Settings settings) {
        List<PlannedRecord> plan = RequestPlan.generate(workload);
        long expectedResults =
                plan.stream().filter(PlannedRecord::expectsResult).count();
        long started = System.nanoTime();
        try (ResultCollector collector = ResultCollector.start(kafka, topics);
                RequestPublisher publisher = new RequestPublisher(kafka, topics.requests());
                ProgressDisplay progress = new ProgressDisplay(
                        settings.progress(),
                        settings.progressOut(),
                        () -> status(publisher, collector, plan.size(), expectedResults, started))) {
            RequestPublisher.Published published =
                    publisher.publish(workload.runId(), workload.requestIdPrefix(), plan, settings.ratePerSecond());
            ResultCollector.Collected collected = collector.finish(published.expectations(), settings.resultTimeout());
            return new Outcome(
                    workload,
                    published.expectations(),
                    collected.observations(),
                    collected.complete(),
                    published.firstError());
        }
    }

    private static String status(
            RequestPublisher publisher, ResultCollector collector, int records, long expectedResults, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(
                Locale.ROOT,
                "sent %d/%d  answered %d/%d  dead letters %d  %.1f s",
                publisher.acknowledged(),
                records,
                collector.answered(),
                expectedResults,
                collector.deadLettered(),
                seconds);
    }
}
