package dev.flashsale.demo.sale;

import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.sim.report.RunReport;

/**
 * How a sale's requests ended, in the groups the comparison shows: bought, refused because the stock ran out, and the
 * failures a strategy causes itself (optimistic conflicts, lock waits that ran out), with everything else together.
 *
 * @param other results of any other reason (insufficient stock, per-user limit, stale lock, invalid, ...)
 */
public record Outcomes(long succeeded, long soldOut, long conflicts, long lockTimeouts, long other) {

    /** The first result of each request, grouped. */
    public static Outcomes of(RunReport report) {
        long total =
                report.byReason().values().stream().mapToLong(Long::longValue).sum();
        long succeeded = report.byStatus().getOrDefault(Status.SUCCEEDED.name(), 0L);
        long soldOut = count(report, Reason.SOLD_OUT);
        long conflicts = count(report, Reason.CONFLICT);
        long lockTimeouts = count(report, Reason.LOCK_TIMEOUT);
        return new Outcomes(
                succeeded, soldOut, conflicts, lockTimeouts, total - succeeded - soldOut - conflicts - lockTimeouts);
    }

    private static long count(RunReport report, Reason reason) {
        return report.count(reason.status().name() + "/" + reason.name());
    }
}
