package dev.flashsale.demo.bench;

import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.demo.sale.Outcomes;
import dev.flashsale.sim.report.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's outputs: the tables of medians, and the raw samples as CSV. */
public final class BenchReport {

    private BenchReport() {}

    /**
     * The medians of one name (a strategy or a ceiling) in one workload.
     *
     * @param ceiling whether this is a ceiling rather than a strategy
     * @param runs runs at the peak
     * @param throughput requests decided per second at the peak
     * @param ofGuarded throughput as a fraction of the guarded JDBC ceiling; NaN when not measured
     * @param ofPessimistic as a fraction of the pessimistic JDBC ceiling
     * @param ofKafka as a fraction of the Kafka ceiling
     * @param p50Ms latency at the peak; NaN for a JDBC ceiling
     * @param halfPeakP50Ms latency at half of the peak; NaN when not measured
     * @param outcomes how the requests of the median run ended
     * @param failedResults {@code FAILED} results (conflicts, lock timeouts, stale locks), median
     * @param checked runs whose invariants were checked (peak and half-peak)
     * @param failed of those, runs that broke an invariant the strategy promises
     */
    public record Row(
            String name,
            boolean ceiling,
            int runs,
            double throughput,
            double ofGuarded,
            double ofPessimistic,
            double ofKafka,
            double p50Ms,
            double p99Ms,
            double halfPeakP50Ms,
            double halfPeakP99Ms,
            Outcomes outcomes,
            long failedResults,
            long oversold,
            int checked,
            int failed) {

        /** PASS, or FAIL with how many runs failed. */
        public String verdict() {
            return failed == 0 ? "PASS" : "FAIL";
        }
    }

    /** One row per name for {@code workload}, ceilings first, in the order they ran. */
    public static List<Row> rows(BenchWorkload workload, List<BenchSample> samples) {
        Map<String, List<BenchSample>> peaks = byName(workload, samples, false);
        Map<String, List<BenchSample>> halves = byName(workload, samples, true);
        double guarded = median(peaks.get(DatabaseCeiling.Transaction.GUARDED_DECREMENT.label()));
        double pessimistic = median(peaks.get(DatabaseCeiling.Transaction.PESSIMISTIC.label()));
        double kafka = median(peaks.get(PassThroughWorker.NAME));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<BenchSample>> entry : peaks.entrySet()) {
            List<BenchSample> runs = entry.getValue();
            List<BenchSample> half = halves.getOrDefault(entry.getKey(), List.of());
            double throughput = median(runs);
            boolean jdbc = runs.get(0).p50Ms() < 0;
            List<BenchSample> all = new ArrayList<>(runs);
            all.addAll(half);
            int failed =
                    (int) all.stream().filter(s -> s.verdict().equals("FAIL")).count();
            rows.add(new Row(
                    entry.getKey(),
                    runs.get(0).kind() == BenchSample.Kind.CEILING,
                    runs.size(),
                    throughput,
                    ratio(throughput, guarded),
                    ratio(throughput, pessimistic),
                    ratio(throughput, kafka),
                    jdbc ? Double.NaN : Medians.of(runs, BenchSample::p50Ms),
                    jdbc ? Double.NaN : Medians.of(runs, BenchSample::p99Ms),
                    half.isEmpty() ? Double.NaN : Medians.of(half, BenchSample::p50Ms),
                    half.isEmpty() ? Double.NaN : Medians.of(half, BenchSample::p99Ms),
                    medianRun(runs).outcomes(),
                    Math.round(Medians.of(runs, BenchSample::failed)),
                    Math.round(Medians.of(runs, BenchSample::oversold)),
                    all.size(),
                    failed));
        }
        return rows;
    }

    /**
     * Medians per name for one workload: throughput, also as a fraction of each ceiling (the guarded decrement and the
     * pessimistic transaction over JDBC, the pipeline with nothing to decide), latency at the peak and at half of it,
     * and the invariants.
     */
    public static String table(BenchWorkload workload, List<BenchSample> samples) {
        TextTable table = new TextTable(
                "name",
                "runs",
                "throughput/s",
                "of guarded",
                "of pessimistic",
                "of kafka",
                "p50 ms",
                "p99 ms",
                "half-peak p50",
                "half-peak p99",
                "succeeded",
                "failed",
                "oversold",
                "invariants");
        for (Row row : rows(workload, samples)) {
            table.row(
                    row.name(),
                    row.runs(),
                    format("%.0f", row.throughput()),
                    fraction(row.ofGuarded()),
                    fraction(row.ofPessimistic()),
                    fraction(row.ofKafka()),
                    whole(row.p50Ms()),
                    whole(row.p99Ms()),
                    whole(row.halfPeakP50Ms()),
                    whole(row.halfPeakP99Ms()),
                    row.outcomes().succeeded(),
                    row.failedResults(),
                    row.oversold(),
                    row.failed() == 0 ? "PASS" : "FAIL in " + row.failed() + " of " + row.checked());
        }
        return table.render("  ");
    }

    /** Medians of CPU seconds per 1,000 requests decided, per part of the system, at the peak. */
    public static String cpuTable(BenchWorkload workload, List<BenchSample> samples) {
        Map<String, List<BenchSample>> peaks = byName(workload, samples, false);
        TextTable table = new TextTable("name", "workers", "broker", "database", "redis", "simulator/bench", "total");
        for (Map.Entry<String, List<BenchSample>> entry : peaks.entrySet()) {
            List<BenchSample> runs = entry.getValue();
            List<String> cells = new ArrayList<>();
            cells.add(entry.getKey());
            double total = 0;
            for (CpuMeter.Part part : CpuMeter.Part.values()) {
                double value = medianOf(runs, sample -> sample.cpu(part));
                cells.add(Double.isNaN(value) ? "-" : format("%.3f", value));
                total += Double.isNaN(value) ? 0 : value;
            }
            cells.add(format("%.3f", total));
            table.row(cells.toArray());
        }
        return table.render("  ");
    }

    private static Map<String, List<BenchSample>> byName(
            BenchWorkload workload, List<BenchSample> samples, boolean halfPeak) {
        Map<String, List<BenchSample>> byName = new LinkedHashMap<>();
        samples.stream()
                .filter(sample -> sample.workload() == workload)
                .filter(sample -> sample.kind() != BenchSample.Kind.PARTIAL_LOAD)
                .filter(sample -> (sample.kind() == BenchSample.Kind.HALF_PEAK) == halfPeak)
                .forEach(sample -> byName.computeIfAbsent(sample.name(), name -> new ArrayList<>())
                        .add(sample));
        return byName;
    }

    private static double median(List<BenchSample> runs) {
        return runs == null ? Double.NaN : Medians.of(runs, BenchSample::throughputPerSecond);
    }

    /** The median of the known values; NaN when there are none. */
    private static double medianOf(List<BenchSample> runs, ToDoubleFunction<BenchSample> value) {
        double[] known =
                runs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
        return Medians.of(known);
    }

    private static double ratio(double value, double ceiling) {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
    }

    private static String fraction(double value) {
        return Double.isNaN(value) ? null : format("%.2f", value);
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? null : format("%.0f", value);
    }

    /** The run whose throughput is the median (the lower middle one for an even count). */
    private static BenchSample medianRun(List<BenchSample> runs) {
        List<BenchSample> sorted = runs.stream()
                .sorted(java.util.Comparator.comparingDouble(BenchSample::throughputPerSecond))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Writes every sample as one CSV line under a header. */
    public static void writeCsv(List<BenchSample> samples, Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", BenchSample.CSV_HEADER));
        samples.forEach(sample -> lines.add(sample.csvLine()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark results to " + file, e);
        }
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
