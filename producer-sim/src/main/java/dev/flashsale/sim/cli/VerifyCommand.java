package dev.flashsale.sim.cli;

import dev.flashsale.cli.DatabaseOptions;
import dev.flashsale.cli.DurationConverter;
import dev.flashsale.cli.KafkaConnectionOptions;
import dev.flashsale.cli.TopicOptions;
import dev.flashsale.sim.Verifier;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.SaleTopics;
import dev.flashsale.sim.kafka.TopicReader;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.Verification;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jooq.CloseableDSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verify}: re-derives a run's requests from the requests topic and checks the invariants against the database
 * and the results and dead-letter topics, all read from the beginning.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Checks the invariants after the fact. Reads the requests topic from the beginning to learn which"
                    + " requests were sent: with --run-id, the records the simulator stamped with that run id"
                    + " (header flashsale.sim.run); without it, every record. Then reads the results and dead-letter"
                    + " topics from the beginning and the database, and prints the same report as run.",
            "Per-item checks (oversell, per-user limits) always cover the whole database.",
            ""
        },
        footer = {
            "",
            "Exit status: 0 when every invariant holds and nothing is missing, 1 otherwise, 2 for bad options."
        })
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    KafkaConnectionOptions kafka;

    @Mixin
    TopicOptions topics;

    @Mixin
    DatabaseOptions database;

    @Option(
            names = "--run-id",
            defaultValue = "${env:FLASHSALE_SIM_RUN_ID}",
            description = "The run to verify (FLASHSALE_SIM_RUN_ID). Default: every record on the requests topic.")
    String runId;

    @Option(
            names = "--read-timeout",
            defaultValue = "${env:FLASHSALE_SIM_READ_TIMEOUT:-2m}",
            converter = DurationConverter.class,
            description = "Longest time to read each topic to its end (FLASHSALE_SIM_READ_TIMEOUT)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration readTimeout;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        database.validate();
        report.validate();
        KafkaSettings settings = Connections.kafka(kafka);
        SaleTopics sale = Connections.topics(topics);
        Expectations expected = TopicReader.expectations(settings, sale.requests(), runId, readTimeout);
        if (expected.records() == 0) {
            System.out.println("No records"
                    + (runId == null ? "" : " of run " + runId)
                    + " on topic "
                    + sale.requests()
                    + "; checking the database only.");
        }
        Observations observed = TopicReader.observations(settings, sale, readTimeout);
        Verification verification;
        try (CloseableDSLContext dsl = Connections.open(database)) {
            verification = new Verifier(dsl, report.maxOffenders).verify(expected, observed);
        }
        return report.emit(RunReport.of(runId, expected, observed, verification, true), System.out);
    }
}
