package dev.flashsale.sim.workload;

import java.util.regex.Pattern;

/**
 * The items of a sale, named {@code <skuPrefix>-1} to {@code <skuPrefix>-<count>}. The seeder and the request
 * generator share it, so every generated request names an item that was seeded with the same prefix and count.
 *
 * @param skuPrefix the start of every item id: letters, digits, {@code .}, {@code _} or {@code -}, at most {@value
 *     #MAX_PREFIX_LENGTH} characters
 * @param count how many items, 1 to {@value #MAX_ITEMS}
 */
public record ItemCatalog(String skuPrefix, int count) {

    public static final String DEFAULT_SKU_PREFIX = "sku";
    public static final int MAX_PREFIX_LENGTH = 64;
    public static final int MAX_ITEMS = 1_000_000;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    public ItemCatalog {
        if (skuPrefix == null
                || skuPrefix.length() > MAX_PREFIX_LENGTH
                || !SAFE.matcher(skuPrefix).matches()) {
            throw new IllegalArgumentException("skuPrefix must be 1 to " + MAX_PREFIX_LENGTH
                    + " letters, digits, '.', '_' or '-', got '" + skuPrefix + "'");
        }
        if (count < 1 || count > MAX_ITEMS) {
            throw new IllegalArgumentException("items must be between 1 and " + MAX_ITEMS + ", got " + count);
        }
    }

    /** The id of the item at {@code index}, counted from 0; the most popular item under Zipf is index 0. */
    public String itemId(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("item index " + index + " outside 0.." + (count - 1));
        }
        return skuPrefix + "-" + (index + 1);
    }
}
