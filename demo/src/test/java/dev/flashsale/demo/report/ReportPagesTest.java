package dev.flashsale.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.demo.bench.BenchSample;
import dev.flashsale.demo.bench.BenchWorkload;
import dev.flashsale.demo.chaos.ChaosResult;
import dev.flashsale.demo.chaos.Scenario;
import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.demo.sale.Fault;
import dev.flashsale.demo.sale.Outcomes;
import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.demo.sale.Timeline;
import dev.flashsale.sim.report.LatencySummary;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.sim.verify.ItemState;
import dev.flashsale.worker.strategy.StrategyName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three reports rendered from fixed results: one chart per section, every strategy present, nothing fetched. */
class ReportPagesTest {

    private static final RunContext CONTEXT = new RunContext(
            "mvn -B -q -Pdemo -DskipTests package",
            "2 cores, 24.0 GiB memory, Linux 6.1 (amd64), Java 17.0.15 (Debian)",
            "Kafka embedded, own JVM, PostgreSQL embedded, Redis embedded",
            Instant.parse("2026-11-27T12:00:00Z"));

    @Test
    void theDemoReportShowsEveryStrategyInEveryChart() {
        List<StrategyRun> runs = new ArrayList<>();
        for (StrategyName strategy : StrategyName.values()) {
            boolean broken = strategy == StrategyName.DISTRIBUTED;
            runs.add(run(strategy, broken ? Set.of(Check.NO_OVERSELL) : Set.of(), 100 + strategy.ordinal() * 10));
        }

        String html = DemoPage.of(runs, CONTEXT, "20 items x 100 stock").html();
        keepForLooking("demo", html);

        assertSelfContained(html);
        assertOneChartPerSection(html, 4);
        for (StrategyName strategy : StrategyName.values()) {
            assertThat(countOf(html, ">" + strategy.id() + "<"))
                    .as("%s in the throughput, latency and outcome charts, the table and the legend", strategy.id())
                    .isGreaterThanOrEqualTo(5);
        }
        assertThat(html)
                .contains("mvn -B -q -Pdemo -DskipTests package")
                .contains("2 cores")
                .contains("Kafka embedded")
                .contains("oversold (expected)")
                .contains("decisions per second");
    }

    @Test
    void theBenchReportDrawsTheCeilingsAndBothLatencies(@TempDir Path dir) throws Exception {
        List<BenchSample> samples = new ArrayList<>();
        for (BenchWorkload workload : BenchWorkload.values()) {
            samples.add(sample(workload, "ceiling-guarded", BenchSample.Kind.CEILING, 2_000, -1));
            samples.add(sample(workload, "ceiling-pessimistic", BenchSample.Kind.CEILING, 1_800, -1));
            samples.add(sample(workload, "ceiling-kafka", BenchSample.Kind.CEILING, 25_000, 600));
            samples.add(sample(workload, "ceiling-kafka", BenchSample.Kind.HALF_PEAK, 12_500, 200));
            for (StrategyName strategy : StrategyName.values()) {
                samples.add(sample(
                        workload, strategy.id(), BenchSample.Kind.STRATEGY, 1_000 + 500 * strategy.ordinal(), 900));
                samples.add(sample(
                        workload, strategy.id(), BenchSample.Kind.HALF_PEAK, 500 + 250 * strategy.ordinal(), 80));
            }
        }
        List<BenchWorkload> workloads = List.of(BenchWorkload.values());

        HtmlReport report = BenchPage.of(
                workloads, samples, CONTEXT, Map.of(BenchWorkload.HOT, "1 item x 10,000 stock"), "a transaction 8 ms");
        String html = report.html();
        keepForLooking("bench", html);

        assertSelfContained(html);
        assertOneChartPerSection(html, 3 * workloads.size());
        for (StrategyName strategy : StrategyName.values()) {
            assertThat(html).contains(">" + strategy.id() + "<");
        }
        assertThat(html)
                .contains("JDBC guarded ceiling 2,000")
                .contains("JDBC pessimistic ceiling 1,800")
                .contains("Kafka pass-through ceiling 25,000")
                .contains("p99 at half of the peak")
                .contains("a transaction 8 ms");

        Path written = report.write(dir.resolve("bench.html"));
        assertThat(Files.readString(written)).isEqualTo(html);
        String chart =
                BenchPage.charts(workloads, samples).get(BenchWorkload.HOT).throughput();
        Path svg = HtmlReport.writeSvg(dir.resolve("hot.svg"), chart);
        assertThat(Files.readString(svg))
                .startsWith("<?xml")
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .endsWith("</svg>\n");
    }

    @Test
    void theChaosReportMarksEveryFaultOnItsSale() {
        long t0 = 1_000_000;
        int[] perSecond = new int[40];
        Arrays.fill(perSecond, 400);
        perSecond[12] = 0;
        List<Fault> faults =
                List.of(new Fault(t0 + 10_000, "kill -9 w2", true), new Fault(t0 + 13_000, "w2 replaced", false));
        Timeline timeline =
                new Timeline(t0, 1000, perSecond, 1_800, t0 + 10_100, new long[] {2_500}, 400, 300, 400, faults);
        List<ChaosResult> results = List.of(
                new ChaosResult(Scenario.KILL, StrategyName.ATOMIC, report(Set.of(), 50), timeline, 4),
                new ChaosResult(
                        Scenario.STALL, StrategyName.DISTRIBUTED, report(Set.of(Check.NO_OVERSELL), 51), timeline, 3));

        String html = ChaosPage.of(results, CONTEXT, "3 workers x 4 consumers").html();
        keepForLooking("chaos", html);

        assertSelfContained(html);
        assertOneChartPerSection(html, 1 + results.size());
        assertThat(html)
                .contains("kill / atomic")
                .contains("stall / distributed")
                .contains("kill -9 w2")
                .contains("w2 replaced")
                .contains("fault over")
                .contains("oversold (expected)")
                .contains("1.8");
    }

    /** Leaves the page under target/report-samples, to look at in a browser after the build. */
    private static void keepForLooking(String name, String html) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "report-samples"));
            Files.writeString(dir.resolve(name + ".html"), html);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertSelfContained(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html)
                .as("nothing is fetched: no URL, no external script, style or image")
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("<img");
        assertThat(countOf(html, "<svg ")).isEqualTo(countOf(html, "</svg>"));
    }

    private static void assertOneChartPerSection(String html, int sections) {
        Matcher section =
                Pattern.compile("<section>(.*?)</section>", Pattern.DOTALL).matcher(html);
        int found = 0;
        while (section.find()) {
            found++;
            String body = section.group(1);
            assertThat(countOf(body, "<svg ")).as("charts in section %d", found).isEqualTo(1);
            assertThat(body).as("section %d has a heading", found).contains("<h2>");
            assertThat(body).as("its chart is labelled").containsPattern("<svg [^>]*aria-label=\"[^\"]+\"");
        }
        assertThat(found).isEqualTo(sections);
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static StrategyRun run(StrategyName strategy, Set<Check> failing, long sold) {
        int[] perSecond = {0, 300, 500, 500, 200};
        Timeline timeline =
                new Timeline(0, 1000, perSecond, 20, 0, new long[0], 300, Double.NaN, Double.NaN, List.of());
        Duration second = Duration.ofSeconds(1);
        return new StrategyRun(
                strategy.id(),
                strategy,
                report(failing, sold),
                new StrategyRun.Phases(second, second, second, second),
                Map.of(),
                null,
                timeline);
    }

    private static RunReport report(Set<Check> failing, long sold) {
        List<CheckResult> checks = Arrays.stream(Check.values())
                .map(check -> new CheckResult(
                        check, !failing.contains(check), "x", failing.contains(check) ? 1 : 0, List.of()))
                .toList();
        return new RunReport(
                "r",
                Set.of("x"),
                1_000,
                0,
                1_000,
                1_000,
                0,
                0,
                true,
                Map.of("SUCCEEDED", sold, "REJECTED", 990 - sold, "FAILED", 10L),
                Map.of("SUCCEEDED", sold, "REJECTED/SOLD_OUT", 990 - sold, "FAILED/CONFLICT", 10L),
                2,
                500,
                new LatencySummary(1_000, 120, 300, 450, 600, 150),
                List.of(new ItemState("sku-1", 100, 0, null, sold)),
                checks,
                failing.isEmpty());
    }

    private static BenchSample sample(
            BenchWorkload workload, String name, BenchSample.Kind kind, double throughput, long p50) {
        return new BenchSample(
                workload,
                1,
                name,
                kind,
                kind == BenchSample.Kind.HALF_PEAK ? throughput : 0,
                20_000,
                20_000 / throughput,
                throughput,
                p50,
                p50 < 0 ? -1 : p50 * 2,
                10_000,
                0,
                0,
                "PASS",
                Map.of(CpuMeter.Part.WORKERS, 0.2),
                new Outcomes(10_000, 10_000, 0, 0, 0));
    }
}
