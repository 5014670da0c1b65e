package dev.flashsale.sim.verify;

import java.util.Comparator;

/**
 * One item as the database has it, with what its orders sold.
 *
 * @param itemId the item
 * @param initialStock stock at the start of the sale
 * @param stock stock now
 * @param perUserLimit the most one user may buy, or null for no limit
 * @param sold the quantity of its {@code SUCCEEDED} orders
 */
public record ItemState(String itemId, int initialStock, int stock, Integer perUserLimit, long sold) {

    /** Orders item ids by length first, so {@code sku-2} comes before {@code sku-10}. */
    public static final Comparator<ItemState> NATURAL_ORDER =
            Comparator.comparingInt((ItemState item) -> item.itemId().length()).thenComparing(ItemState::itemId);

    /** Units sold beyond the initial stock: 0 unless invariant 1 broke. */
    public long oversold() {
        return Math.max(0, sold - initialStock);
    }

    /** Whether the stock column agrees with the orders: {@code stock = initial - sold} and not negative. */
    public boolean stockConsistent() {
        return stock >= 0 && stock == initialStock - sold;
    }
}
