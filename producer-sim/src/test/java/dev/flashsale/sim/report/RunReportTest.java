package dev.flashsale.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flashsale.schema.event.Reason;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Fixtures;
import dev.flashsale.sim.verify.ItemState;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.ObservedResult;
import dev.flashsale.sim.verify.SourcePosition;
import dev.flashsale.sim.verify.Verification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static Verification passing() {
        List<CheckResult> checks = Arrays.stream(Check.values())
                .map(check -> new CheckResult(check, true, "ok", 0, List.of()))
                .toList();
        return new Verification(checks, List.of(new ItemState("sku-1", 10, 9, null, 1)), 0);
    }

    @Test
    void countsLatencyAndThroughputFromTheTimestamps() {
        Expectations expected = Expectations.builder("r-")
                .request("r-1", 10_000)
                .request("r-2", 10_500)
                .request("r-3", 11_000)
                .unreadable(new SourcePosition(0, 3))
                .build();
        Observations.Builder observed = Observations.builder();
        observed.result(new ObservedResult(
                Fixtures.succeeded("r-1", "user-1", "sku-1", 1, UUID.randomUUID()), 10_100)); // 100 ms
        observed.result(
                new ObservedResult(Fixtures.refused("r-2", "user-2", "sku-1", 1, Reason.SOLD_OUT), 10_800)); // 300 ms
        observed.result(new ObservedResult(
                Fixtures.refused("r-2", "user-2", "sku-1", 1, Reason.SOLD_OUT), 12_000)); // a duplicate: ignored
        observed.deadLetter(new SourcePosition(0, 3));

        RunReport report = RunReport.of("r", expected, observed.build(), passing(), false);

        assertThat(report.recordsSent()).isEqualTo(4);
        assertThat(report.expectedResults()).isEqualTo(3);
        assertThat(report.answered()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.byStatus()).isEqualTo(Map.of("SUCCEEDED", 1L, "REJECTED", 1L));
        assertThat(report.byReason()).isEqualTo(Map.of("SUCCEEDED", 1L, "REJECTED/SOLD_OUT", 1L));
        assertThat(report.durationSeconds())
                .as("first send 10.000 s to last first-result 10.800 s")
                .isCloseTo(0.8, within(1e-9));
        assertThat(report.throughputPerSecond()).isCloseTo(2 / 0.8, within(1e-9));
        assertThat(report.latency().p50Ms()).isEqualTo(100);
        assertThat(report.latency().maxMs()).isEqualTo(300);
        assertThat(report.strategies()).containsExactly("atomic");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void printsEveryCheckAndTheItems() {
        Expectations expected = Expectations.builder("r-").request("r-1", 0).build();
        Observations.Builder observed = Observations.builder();
        observed.result(new ObservedResult(Fixtures.succeeded("r-1", "user-1", "sku-1", 1, UUID.randomUUID()), 5));
        RunReport report = RunReport.of("r", expected, observed.build(), passing(), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), 20).print(report);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("answered       1 of 1 requests")
                .contains("PASS  1 no oversell")
                .contains("PASS  4 nothing missing")
                .contains("sku-1")
                .contains("All invariants hold.");
        assertThat(JsonReport.toJson(report))
                .contains("\"throughputPerSecond\"")
                .contains("\"checks\"");
    }
}
