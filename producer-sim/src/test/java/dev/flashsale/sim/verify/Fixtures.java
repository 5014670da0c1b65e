package dev.flashsale.sim.verify;

import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import java.time.Instant;
import java.util.UUID;

/** Results and order rows for the verifier's tests. */
public final class Fixtures {

    public static final Instant DECIDED = Instant.parse("2025-01-31T12:00:00.123456Z");

    private Fixtures() {}

    public static PurchaseResult succeeded(String requestId, String userId, String itemId, int quantity, UUID orderId) {
        return new PurchaseResult(
                requestId,
                userId,
                itemId,
                quantity,
                Status.SUCCEEDED,
                null,
                orderId.toString(),
                "atomic",
                "w1",
                DECIDED);
    }

    public static PurchaseResult refused(String requestId, String userId, String itemId, int quantity, Reason reason) {
        return new PurchaseResult(
                requestId, userId, itemId, quantity, reason.status(), reason, null, "atomic", "w1", DECIDED);
    }

    public static DatabaseState.OrderRow row(PurchaseResult result) {
        return new DatabaseState.OrderRow(
                result.status().name(),
                result.reason() == null ? null : result.reason().name(),
                result.orderId());
    }
}
