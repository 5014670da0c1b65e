package dev.flashsale.demo.bench;

import dev.flashsale.demo.process.CpuMeter;
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
     * Medians per name for one workload: throughput, also as a fraction of each ceiling (the guarded decrement and the
     * pessimistic transaction over JDBC, the pipeline with nothing to decide), latency at the peak and at half of it,
     * and the invariants.
     */
    public static String table(BenchWorkload workload, List<BenchSample> samples) {
        Map<String, List<BenchSample>> peaks = byName(workload, samples, false);
        Map<String, List<BenchSample>> halves = byName(workload, samples, true);
        double guarded = median(peaks.get(DatabaseCeiling.Transaction.GUARDED_DECREMENT.label()));
        double pessimistic = median(peaks.get(DatabaseCeiling.Transaction.PESSIMISTIC.label()));
        double kafka = median(peaks.get(PassThroughWorker.NAME));
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
        for (Map.Entry<String, List<BenchSample>> entry : peaks.entrySet()) {
            List<BenchSample> runs = entry.getValue();
            List<BenchSample> half = halves.getOrDefault(entry.getKey(), List.of());
            double throughput = median(runs);
            boolean jdbc = runs.get(0).p50Ms() < 0;
            List<BenchSample> all = new ArrayList<>(runs);
            all.addAll(half);
            long passes = all.stream().filter(s -> !s.verdict().equals("FAIL")).count();
            table.row(
                    entry.getKey(),
                    runs.size(),
                    format("%.0f", throughput),
                    ratio(throughput, guarded),
                    ratio(throughput, pessimistic),
                    ratio(throughput, kafka),
                    jdbc ? null : format("%.0f", Medians.of(runs, BenchSample::p50Ms)),
                    jdbc ? null : format("%.0f", Medians.of(runs, BenchSample::p99Ms)),
                    half.isEmpty() ? null : format("%.0f", Medians.of(half, BenchSample::p50Ms)),
                    half.isEmpty() ? null : format("%.0f", Medians.of(half, BenchSample::p99Ms)),
                    format("%.0f", Medians.of(runs, BenchSample::succeeded)),
                    format("%.0f", Medians.of(runs, BenchSample::failed)),
                    format("%.0f", Medians.of(runs, BenchSample::oversold)),
                    passes == all.size() ? "PASS" : "FAIL in " + (all.size() - passes) + " of " + all.size());
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

    private static String ratio(double value, double ceiling) {
        return Double.isNaN(ceiling) || ceiling == 0 ? null : format("%.2f", value / ceiling);
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
