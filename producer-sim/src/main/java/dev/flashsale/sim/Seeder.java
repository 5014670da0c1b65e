package dev.flashsale.sim;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static dev.flashsale.schema.db.Tables.ORDERS;

import dev.flashsale.sim.workload.ItemCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Row5;
import org.jooq.impl.DSL;

/** Puts a sale's items into the database. */
public final class Seeder {

    private static final int ROWS_PER_STATEMENT = 1_000;

    private Seeder() {}

    /**
     * What to seed.
     *
     * @param items the item ids, as the request generator will name them
     * @param stock initial stock of every item, 0 or more
     * @param perUserLimit the most one user may buy of each item, or null for no limit
     * @param reset empty {@code orders} and {@code items} first; otherwise items that already exist are left as they
     *     are (changing their stock would break {@code stock = initial - sold} for the orders they already have)
     */
    public record Spec(ItemCatalog items, int stock, Integer perUserLimit, boolean reset) {
        public Spec {
            Objects.requireNonNull(items, "items");
            if (stock < 0) {
                throw new IllegalArgumentException("stock must not be negative, got " + stock);
            }
            if (perUserLimit != null && perUserLimit < 1) {
                throw new IllegalArgumentException("perUserLimit must be at least 1 when set, got " + perUserLimit);
            }
        }
    }

    /** How many items were inserted, and how many existed already and were left alone. */
    public record Seeded(int inserted, int alreadyPresent) {}

    /** Seeds in one transaction: either every item is there afterwards or nothing changed. */
    public static Seeded seed(DSLContext dsl, Spec spec) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            if (spec.reset()) {
                tx.truncate(ORDERS).execute();
                tx.truncate(ITEMS).execute();
            }
            int inserted = 0;
            List<Row5<String, String, Integer, Integer, Integer>> rows = new ArrayList<>(ROWS_PER_STATEMENT);
            for (int i = 0; i < spec.items().count(); i++) {
                String itemId = spec.items().itemId(i);
                rows.add(DSL.row(itemId, "Item " + itemId, spec.stock(), spec.stock(), spec.perUserLimit()));
                if (rows.size() == ROWS_PER_STATEMENT || i == spec.items().count() - 1) {
                    inserted += tx.insertInto(
                                    ITEMS,
                                    ITEMS.ITEM_ID,
                                    ITEMS.NAME,
                                    ITEMS.INITIAL_STOCK,
                                    ITEMS.STOCK,
                                    ITEMS.PER_USER_LIMIT)
                            .valuesOfRows(rows)
                            .onConflictDoNothing()
                            .execute();
                    rows.clear();
                }
            }
            return new Seeded(inserted, spec.items().count() - inserted);
        });
    }
}
