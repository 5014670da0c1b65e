package dev.flashsale.worker.model;

import dev.flashsale.schema.event.Reason;

/**
 * The business rule every strategy applies, in one place: whether {@code quantity} units may be sold to a user given
 * what the item has left and what the user already bought of it. Strategies differ only in how they make the numbers
 * they pass in true at the moment of the sale.
 */
public final class PurchaseRule {

    private PurchaseRule() {}

    /**
     * Why the purchase is refused, or {@code null} when it may go ahead. Shortage is checked before the limit, so a
     * sold-out item says {@code SOLD_OUT} whoever asks.
     *
     * @param item the item as the strategy read it, or {@code null} when there is no such item
     * @param quantity units asked for
     * @param bought units this user already bought of the item; only consulted when the item has a per-user limit
     */
    public static Reason refusal(ItemView item, int quantity, int bought) {
        Reason shortage = shortage(item, quantity);
        if (shortage != null) {
            return shortage;
        }
        return exceedsLimit(item.perUserLimit(), quantity, bought) ? Reason.LIMIT_EXCEEDED : null;
    }

    /** Why {@code quantity} cannot be taken from {@code item} (null: unknown item), or {@code null} when it can. */
    public static Reason shortage(ItemView item, int quantity) {
        if (item == null) {
            return Reason.UNKNOWN_ITEM;
        }
        if (item.stock() <= 0) {
            return Reason.SOLD_OUT;
        }
        if (item.stock() < quantity) {
            return Reason.INSUFFICIENT_STOCK;
        }
        return null;
    }

    /** Whether buying {@code quantity} more on top of {@code bought} passes {@code perUserLimit} (null: no limit). */
    public static boolean exceedsLimit(Integer perUserLimit, int quantity, int bought) {
        return perUserLimit != null && (long) bought + quantity > perUserLimit;
    }

    /**
     * An item as a strategy read it.
     *
     * @param stock units left
     * @param perUserLimit most units one user may buy, or null for no limit
     */
    public record ItemView(int stock, Integer perUserLimit) {
        public boolean limited() {
            return perUserLimit != null;
        }
    }
}
