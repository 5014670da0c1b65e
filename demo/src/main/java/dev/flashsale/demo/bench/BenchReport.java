package dev.flashsale.demo.bench;

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

/** The benchmark's outputs: the table of medians, and the raw samples as CSV. */
public final class BenchReport {

    private BenchReport() {}

    /**
     * Medians per name for one workload, each strategy's throughput also as a fraction of the two database ceilings
     * (the guarded decrement, and the pessimistic transaction, both straight over JDBC).
     */
    public static String table(BenchWorkload workload, List<BenchSample> samples) {
        Map<String, List<BenchSample>> byName = new LinkedHashMap<>();
        samples.stream()
                .filter(sample -> sample.workload() == workload)
                .forEach(sample -> byName.computeIfAbsent(sample.name(), name -> new ArrayList<>())
                        .add(sample));
        double guarded = ceiling(byName, DatabaseCeiling.Transaction.GUARDED_DECREMENT);
        double pessimistic = ceiling(byName, DatabaseCeiling.Transaction.PESSIMISTIC);
        TextTable table = new TextTable(
                "name",
                "runs",
                "throughput/s",
                "of guarded ceiling",
                "of pessimistic ceiling",
                "p50 ms",
                "p99 ms",
                "succeeded",
                "failed",
                "oversold",
                "invariants");
        for (Map.Entry<String, List<BenchSample>> entry : byName.entrySet()) {
            List<BenchSample> runs = entry.getValue();
            double throughput = Medians.of(runs, BenchSample::throughputPerSecond);
            boolean ceiling = runs.get(0).ceiling();
            long passes = runs.stream().filter(s -> !s.verdict().equals("FAIL")).count();
            table.row(
                    entry.getKey(),
                    runs.size(),
                    format("%.0f", throughput),
                    Double.isNaN(guarded) ? null : format("%.2f", throughput / guarded),
                    Double.isNaN(pessimistic) ? null : format("%.2f", throughput / pessimistic),
                    ceiling ? null : format("%.0f", Medians.of(runs, BenchSample::p50Ms)),
                    ceiling ? null : format("%.0f", Medians.of(runs, BenchSample::p99Ms)),
                    format("%.0f", Medians.of(runs, BenchSample::succeeded)),
                    format("%.0f", Medians.of(runs, BenchSample::failed)),
                    format("%.0f", Medians.of(runs, BenchSample::oversold)),
                    passes == runs.size() ? "PASS" : "FAIL in " + (runs.size() - passes) + " of " + runs.size());
        }
        return table.render("  ");
    }

    private static double ceiling(Map<String, List<BenchSample>> byName, DatabaseCeiling.Transaction transaction) {
        List<BenchSample> runs = byName.get(transaction.label());
        return runs == null ? Double.NaN : Medians.of(runs, BenchSample::throughputPerSecond);
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
