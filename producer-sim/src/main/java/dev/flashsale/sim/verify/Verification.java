package dev.flashsale.sim.verify;

import java.util.List;

/**
 * Everything the verifier found.
 *
 * @param checks one result per {@link Check}, in declaration order
 * @param items every item of the database with what it sold
 * @param repeatedResults requests that were delivered more than once and got the same result each time: allowed by
 *     invariant 2, reported for information
 */
public record Verification(List<CheckResult> checks, List<ItemState> items, int repeatedResults) {

    public Verification {
        checks = List.copyOf(checks);
        items = List.copyOf(items);
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    public CheckResult result(Check check) {
        return checks.stream()
                .filter(result -> result.check() == check)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for check " + check));
    }

    public boolean passed(Check check) {
        return result(check).passed();
    }

    public List<Check> failed() {
        return checks.stream()
                .filter(result -> !result.passed())
                .map(CheckResult::check)
                .toList();
    }

    /** Units sold beyond initial stock, over all items. */
    public long oversoldUnits() {
        return items.stream().mapToLong(ItemState::oversold).sum();
    }
}
