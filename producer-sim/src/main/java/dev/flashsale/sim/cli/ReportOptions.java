package dev.flashsale.sim.cli;

import dev.flashsale.sim.Verifier;
import dev.flashsale.sim.report.JsonReport;
import dev.flashsale.sim.report.ReportPrinter;
import dev.flashsale.sim.report.RunReport;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the report is shown and written. */
public final class ReportOptions {

    @Option(
            names = "--json-report",
            paramLabel = "FILE",
            description = "Also write the report as JSON to FILE, for scripts.")
    Path jsonReport;

    @Option(
            names = "--max-offenders",
            defaultValue = "" + Verifier.DEFAULT_MAX_OFFENDERS,
            description = "Offending ids listed per failed check (all are counted). Default: ${DEFAULT-VALUE}.")
    int maxOffenders;

    @Option(
            names = "--items-shown",
            defaultValue = "" + ReportPrinter.DEFAULT_ITEMS_SHOWN,
            description = "Items listed in the printed report (the JSON has all). Default: ${DEFAULT-VALUE}.")
    int itemsShown;

    void validate() {
        if (maxOffenders < 0) {
            throw new IllegalArgumentException("--max-offenders must not be negative, got " + maxOffenders);
        }
        if (itemsShown < 0) {
            throw new IllegalArgumentException("--items-shown must not be negative, got " + itemsShown);
        }
    }

    /** Prints the report, writes the JSON if asked, and returns the exit status it calls for. */
    int emit(RunReport report, PrintStream out) {
        new ReportPrinter(out, itemsShown).print(report);
        if (jsonReport != null) {
            JsonReport.write(report, jsonReport);
            out.println("JSON report written to " + jsonReport);
        }
        return report.passed() ? ExitStatus.OK : ExitStatus.INVARIANT_BROKEN;
    }
}
