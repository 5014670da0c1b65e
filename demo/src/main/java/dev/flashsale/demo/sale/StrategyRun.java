package dev.flashsale.demo.sale;

import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the sale: the simulator's report, how long each phase of the run took, and what each part of the system
 * spent in CPU meanwhile.
 *
 * @param name the strategy's id, or the name of the run when it is not one ({@code ceiling-kafka})
 * @param strategy the strategy; null for a run of workers that decide nothing (the Kafka ceiling)
 * @param report what the simulator measured and verified
 * @param phases wall time of the run's phases
 * @param cpuSeconds CPU seconds each part spent during the measured sale; negative or absent where unknown
 * @param insight what the workers' own metrics say about the sale; null when they serve none
 * @param timeline the sale's decisions over time; null when not recorded
 */
public record StrategyRun(
        String name,
        StrategyName strategy,
        RunReport report,
        Phases phases,
        Map<CpuMeter.Part, Double> cpuSeconds,
        WorkerInsight insight,
        Timeline timeline) {

    public StrategyRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(phases, "phases");
        cpuSeconds = Map.copyOf(cpuSeconds);
    }

    /** A strategy's run with no CPU measured. */
    public StrategyRun(StrategyName strategy, RunReport report, Phases phases) {
        this(strategy.id(), strategy, report, phases, Map.of(), null, null);
    }

    /** CPU seconds {@code part} spent per 1,000 answered requests, or NaN when unknown. */
    public double cpuPerThousand(CpuMeter.Part part) {
        double seconds = cpuSeconds.getOrDefault(part, -1.0);
        return seconds < 0 || report.answered() == 0 ? Double.NaN : seconds * 1000.0 / report.answered();
    }

    /**
     * Wall time of a run's phases.
     *
     * @param prepare creating topics and database, migrating, seeding
     * @param start starting the workers until their consumer group settled
     * @param sale sending, waiting for every result, verifying
     * @param stop stopping the workers
     */
    public record Phases(Duration prepare, Duration start, Duration sale, Duration stop) {
        public Duration total() {
            return prepare.plus(start).plus(sale).plus(stop);
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "prepare %.1f s, start %.1f s, sale %.1f s, stop %.1f s",
                    prepare.toMillis() / 1000.0,
                    start.toMillis() / 1000.0,
                    sale.toMillis() / 1000.0,
                    stop.toMillis() / 1000.0);
        }
    }

    /** From creating the topics to stopping the workers. */
    public Duration wallTime() {
        return phases.total();
    }

    /** How the requests ended, grouped as the comparison shows them. */
    public Outcomes outcomeGroups() {
        return Outcomes.of(report);
    }

    public long succeeded() {
        return outcomeGroups().succeeded();
    }

    public long soldOut() {
        return outcomeGroups().soldOut();
    }

    public long conflicts() {
        return outcomeGroups().conflicts();
    }

    public long lockTimeouts() {
        return outcomeGroups().lockTimeouts();
    }

    /** Results that are neither success, sold out, conflict nor lock timeout (stale lock, insufficient stock, ...). */
    public long otherOutcomes() {
        return outcomeGroups().other();
    }

    /** The checks that failed. */
    public List<Check> failedChecks() {
        return report.checks().stream()
                .filter(check -> !check.passed())
                .map(CheckResult::check)
                .toList();
    }

    /**
     * How the run ended against the invariants. The design allows exactly one exception: {@code distributed} may
     * oversell (break invariant 1) when a lock holder outlives its lease; such a run is {@link Verdict#EXPECTED_OVERSELL}
     * when everything else held.
     */
    public Verdict verdict() {
        if (strategy == null) {
            // Nothing was decided: only what Kafka must keep applies, one result per request and nothing missing.
            boolean delivered = report.complete()
                    && report.sendFailures() == 0
                    && passed(Check.ONE_RESULT_PER_REQUEST)
                    && passed(Check.NOTHING_MISSING);
            return delivered ? Verdict.PASS : Verdict.FAIL;
        }
        return Verdict.of(strategy, report);
    }

    private boolean passed(Check check) {
        return report.checks().stream().anyMatch(result -> result.check() == check && result.passed());
    }

    /** Result counts by {@code STATUS/REASON}, for the JSON output. */
    public Map<String, Long> outcomes() {
        return report.byReason();
    }

    /** The outcome of a strategy's run against the invariants. */
    public enum Verdict {
        /** Every invariant held. */
        PASS,
        /** {@code distributed} oversold and nothing else broke: the failure the design documents for it. */
        EXPECTED_OVERSELL,
        /** An invariant broke that the strategy must keep. */
        FAIL;

        public boolean acceptable() {
            return this != FAIL;
        }

        /** How a sale decided by {@code strategy} ended against the invariants {@code report} checked. */
        public static Verdict of(StrategyName strategy, RunReport report) {
            if (report.passed()) {
                return PASS;
            }
            List<Check> failed = report.checks().stream()
                    .filter(check -> !check.passed())
                    .map(CheckResult::check)
                    .toList();
            boolean onlyOversell = !failed.isEmpty()
                    && failed.stream().allMatch(check -> check == Check.NO_OVERSELL)
                    && report.complete()
                    && report.sendFailures() == 0;
            return strategy == StrategyName.DISTRIBUTED && onlyOversell ? EXPECTED_OVERSELL : FAIL;
        }
    }
}
