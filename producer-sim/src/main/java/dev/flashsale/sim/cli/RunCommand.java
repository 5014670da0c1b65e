package dev.flashsale.sim.cli;

import dev.flashsale.cli.DatabaseOptions;
import dev.flashsale.cli.DurationConverter;
import dev.flashsale.cli.KafkaConnectionOptions;
import dev.flashsale.cli.TopicOptions;
import dev.flashsale.sim.Simulation;
import dev.flashsale.sim.Verifier;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Verification;
import dev.flashsale.sim.workload.ItemCatalog;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.sim.workload.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.CloseableDSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: publishes a workload, waits for the answers, verifies the invariants and prints the report. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Publishes purchase requests, reads purchase-results (read_committed) until every request is answered or"
                    + " the timeout passes, counts dead letters for records without a readable request id, then"
                    + " verifies the invariants against the database and prints a report.",
            "Request ids are <run-id>-<n>. The same --seed sends exactly the same records again.",
            ""
        },
        footer = {
            "",
            "Exit status: 0 when every invariant holds and nothing is missing, 1 otherwise, 2 for bad options."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaConnectionOptions kafka;

    @Mixin
    TopicOptions topics;

    @Mixin
    DatabaseOptions database;

    @Option(
            names = "--requests",
            defaultValue = "${env:FLASHSALE_SIM_REQUESTS:-10000}",
            description = "Records to send, invalid ones included (FLASHSALE_SIM_REQUESTS). Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(
            names = "--users",
            defaultValue = "${env:FLASHSALE_SIM_USERS:-1000}",
            description = "Distinct buyers user-1..user-N, drawn uniformly (FLASHSALE_SIM_USERS)."
                    + " Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(
            names = "--items",
            defaultValue = "${env:FLASHSALE_SIM_ITEMS:-20}",
            description =
                    "Items <sku-prefix>-1..N to ask for; as seeded (FLASHSALE_SIM_ITEMS). Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(
            names = "--sku-prefix",
            defaultValue = "${env:FLASHSALE_SIM_SKU_PREFIX:-" + ItemCatalog.DEFAULT_SKU_PREFIX + "}",
            description = "Start of every item id; as seeded (FLASHSALE_SIM_SKU_PREFIX). Default: ${DEFAULT-VALUE}.")
    String skuPrefix;

    @Option(
            names = "--popularity",
            defaultValue = "${env:FLASHSALE_SIM_POPULARITY:-uniform}",
            converter = Converters.PopularityConverter.class,
            description = "How requests spread over items: uniform, hot (all on item 1), zipf (exponent 1.0) or"
                    + " zipf:<exponent> (FLASHSALE_SIM_POPULARITY). Default: ${DEFAULT-VALUE}.")
    Popularity popularity;

    @Option(
            names = "--key",
            defaultValue = "${env:FLASHSALE_SIM_KEY:-item}",
            description = "Record key: ${COMPLETION-CANDIDATES} (FLASHSALE_SIM_KEY). Default: ${DEFAULT-VALUE}.")
    KeyMode keyMode;

    @Option(
            names = "--quantity",
            defaultValue = "${env:FLASHSALE_SIM_QUANTITY:-1}",
            converter = Converters.QuantityConverter.class,
            description = "Units per request: a number (1) or a uniform range (1-3) (FLASHSALE_SIM_QUANTITY)."
                    + " Default: ${DEFAULT-VALUE}.")
    QuantityRange quantity;

    @Option(
            names = "--invalid-share",
            defaultValue = "${env:FLASHSALE_SIM_INVALID_SHARE:-0}",
            description = "Fraction 0..1 of deliberately invalid records: not JSON, a field missing, quantity 0, a"
                    + " wrong type; some with a readable request id, some without (FLASHSALE_SIM_INVALID_SHARE)."
                    + " Default: ${DEFAULT-VALUE}.")
    double invalidShare;

    @Option(
            names = "--seed",
            defaultValue = "${env:FLASHSALE_SIM_SEED}",
            description = "Seed of every random choice; the same seed sends the same records (FLASHSALE_SIM_SEED)."
                    + " Default: random, printed.")
    Long seed;

    @Option(
            names = "--run-id",
            defaultValue = "${env:FLASHSALE_SIM_RUN_ID}",
            description = "Names the run; request ids are <run-id>-<n> (FLASHSALE_SIM_RUN_ID). Default: run-<seed in"
                    + " base 36>, so a repeated seed repeats the ids too.")
    String runId;

    @Option(
            names = "--rate",
            defaultValue = "${env:FLASHSALE_SIM_RATE:-0}",
            description = "Target records per second; 0 sends as fast as possible (FLASHSALE_SIM_RATE)."
                    + " Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--result-timeout",
            defaultValue = "${env:FLASHSALE_SIM_RESULT_TIMEOUT:-2m}",
            converter = DurationConverter.class,
            description = "How long to wait for the last answers after the last send (FLASHSALE_SIM_RESULT_TIMEOUT)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration resultTimeout;

    @Option(
            names = "--progress",
            defaultValue = "${env:FLASHSALE_SIM_PROGRESS:-auto}",
            description = "Progress display: ${COMPLETION-CANDIDATES}; auto is one updating line on a terminal and a"
                    + " line every 5 s otherwise (FLASHSALE_SIM_PROGRESS). Default: ${DEFAULT-VALUE}.")
    ProgressMode progress;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        long actualSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        Workload workload = new Workload(
                runId != null ? runId : Workload.defaultRunId(actualSeed),
                actualSeed,
                requests,
                users,
                new ItemCatalog(skuPrefix, items),
                popularity,
                keyMode,
                quantity,
                invalidShare);
        Simulation.Settings settings = new Simulation.Settings(rate, resultTimeout, progress, System.out);
        database.validate();
        report.validate();

        PrintStream out = System.out;
        out.printf(
                "Run %s (seed %d): %d records, %d users, %d items (%s), key %s, quantity %s, invalid share %s,"
                        + " rate %s%n",
                workload.runId(),
                actualSeed,
                requests,
                users,
                items,
                popularity,
                keyMode.name().toLowerCase(java.util.Locale.ROOT),
                quantity,
                invalidShare,
                rate == 0 ? "as fast as possible" : rate + "/s");
        Simulation.Outcome outcome =
                Simulation.run(Connections.kafka(kafka), Connections.topics(topics), workload, settings);
        if (outcome.firstError() != null) {
            out.println("Some records could not be sent; first error: " + outcome.firstError());
        }
        Verification verification;
        try (CloseableDSLContext dsl = Connections.open(database)) {
            verification =
                    new Verifier(dsl, report.maxOffenders).verify(outcome.expectations(), outcome.observations());
        }
        RunReport result = RunReport.of(
                workload.runId(), outcome.expectations(), outcome.observations(), verification, outcome.complete());
        return report.emit(result, out);
    }
}
