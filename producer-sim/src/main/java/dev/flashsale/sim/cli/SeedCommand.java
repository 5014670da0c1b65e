package dev.flashsale.sim.cli;

import dev.flashsale.cli.DatabaseOptions;
import dev.flashsale.sim.Seeder;
import dev.flashsale.sim.workload.ItemCatalog;
import java.util.concurrent.Callable;
import org.jooq.CloseableDSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seed}: applies the migrations if needed, then creates (or, with {@code --reset}, recreates) the items. */
@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Applies the schema migrations if needed and creates the sale's items <sku-prefix>-1 .. <sku-prefix>-<items>.",
            "Without --reset, items that already exist are left unchanged.",
            ""
        })
public final class SeedCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(
            names = "--items",
            defaultValue = "${env:FLASHSALE_SIM_ITEMS:-20}",
            description = "How many items (FLASHSALE_SIM_ITEMS). Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(
            names = "--stock",
            defaultValue = "${env:FLASHSALE_SIM_STOCK:-100}",
            description = "Initial stock of each item (FLASHSALE_SIM_STOCK). Default: ${DEFAULT-VALUE}.")
    int stock;

    @Option(
            names = "--per-user-limit",
            defaultValue = "${env:FLASHSALE_SIM_PER_USER_LIMIT}",
            description = "Most units one user may buy of each item (FLASHSALE_SIM_PER_USER_LIMIT). Default: no limit.")
    Integer perUserLimit;

    @Option(
            names = "--sku-prefix",
            defaultValue = "${env:FLASHSALE_SIM_SKU_PREFIX:-" + ItemCatalog.DEFAULT_SKU_PREFIX + "}",
            description = "Start of every item id (FLASHSALE_SIM_SKU_PREFIX). Default: ${DEFAULT-VALUE}.")
    String skuPrefix;

    @Option(
            names = "--reset",
            description = "Empty the orders and items tables first (all of them, not only these items).")
    boolean reset;

    @Override
    public Integer call() {
        Seeder.Spec seed = new Seeder.Spec(new ItemCatalog(skuPrefix, items), stock, perUserLimit, reset);
        database.validate();
        Connections.migrate(database);
        Seeder.Seeded seeded;
        try (CloseableDSLContext dsl = Connections.open(database)) {
            seeded = Seeder.seed(dsl, seed);
        }
        System.out.printf(
                "%s%d item(s) %s-1..%s-%d with stock %d%s; %d already existed and were left unchanged%n",
                reset ? "Reset the tables, then seeded " : "Seeded ",
                seeded.inserted(),
                skuPrefix,
                skuPrefix,
                items,
                stock,
                perUserLimit == null ? "" : " and a per-user limit of " + perUserLimit,
                seeded.alreadyPresent());
        return ExitStatus.OK;
    }
}
