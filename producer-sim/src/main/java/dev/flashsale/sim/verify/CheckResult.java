package dev.flashsale.sim.verify;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param check which check
 * @param passed whether it held
 * @param summary one line saying what was checked (on a pass) or how it failed
 * @param offenderCount how many ids broke it
 * @param offenders the first of those, each with what is wrong with it
 */
public record CheckResult(Check check, boolean passed, String summary, int offenderCount, List<String> offenders) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(summary, "summary");
        offenders = List.copyOf(offenders);
    }
}
