package dev.flashsale.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PurchaseResultTest {

    private static final Instant AT = Instant.parse("2025-06-01T10:15:30.123456Z");
    private static final PurchaseRequest REQUEST = new PurchaseRequest("req-1", "user-1", "item-1", 2);

    @Test
    void succeededCopiesTheRequestAndCarriesTheOrder() {
        PurchaseResult result = PurchaseResult.succeeded(REQUEST, "order-1", "atomic", "worker-a", AT);

        assertThat(result)
                .isEqualTo(new PurchaseResult(
                        "req-1", "user-1", "item-1", 2, Status.SUCCEEDED, null, "order-1", "atomic", "worker-a", AT));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void ofTakesTheStatusFromTheReason(Reason reason) {
        PurchaseResult result = PurchaseResult.of(REQUEST, reason, "optimistic", "worker-a", AT);

        assertThat(result.status()).isEqualTo(reason.status());
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.orderId()).isNull();
        assertThat(result.quantity()).isEqualTo(2);
    }

    @Test
    void invalidRequestCarriesOnlyTheRequestId() {
        PurchaseResult result = PurchaseResult.invalidRequest("req-9", "fenced", "worker-b", AT);

        assertThat(result.status()).isEqualTo(Status.REJECTED);
        assertThat(result.reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(result.userId()).isNull();
        assertThat(result.itemId()).isNull();
        assertThat(result.quantity()).isZero();
    }

    static Stream<Arguments> inconsistentCombinations() {
        return Stream.of(
                Arguments.of(Status.SUCCEEDED, Reason.SOLD_OUT, "order-1", "reason must be absent"),
                Arguments.of(Status.SUCCEEDED, null, null, "orderId must be present"),
                Arguments.of(Status.REJECTED, null, null, "reason must be absent"),
                Arguments.of(Status.FAILED, null, null, "reason must be absent"),
                Arguments.of(Status.REJECTED, Reason.SOLD_OUT, "order-1", "orderId must be present"),
                Arguments.of(Status.FAILED, Reason.SOLD_OUT, null, "reason SOLD_OUT implies status REJECTED"),
                Arguments.of(Status.REJECTED, Reason.CONFLICT, null, "reason CONFLICT implies status FAILED"),
                Arguments.of(null, null, "order-1", "status must not be null"));
    }

    @ParameterizedTest
    @MethodSource("inconsistentCombinations")
    void rejectsInconsistentStatusReasonAndOrder(Status status, Reason reason, String orderId, String expected) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseResult(
                        "req-1", "user-1", "item-1", 1, status, reason, orderId, "atomic", "worker-a", AT))
                .withMessageContaining(expected);
    }

    @Test
    void onlyInvalidRequestResultsMayLackTheRequestFields() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseResult(
                        "r", null, "i", 1, Status.REJECTED, Reason.SOLD_OUT, null, "atomic", "w", AT))
                .withMessageContaining("userId and itemId must be present");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseResult("r", "u", "i", 0, Status.SUCCEEDED, null, "o", "atomic", "w", AT))
                .withMessageContaining("quantity must be at least 1");
    }

    @Test
    void invalidRequestKeepsTheFieldsThatCouldBeRead() {
        PurchaseResult result = PurchaseResult.invalidRequest("bad-05", "u5", "ACC-1", -1, "atomic", "w", AT);

        assertThat(result.reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(result.userId()).isEqualTo("u5");
        assertThat(result.itemId()).isEqualTo("ACC-1");
        assertThat(result.quantity())
                .as("the quantity as sent, even out of range")
                .isEqualTo(-1);
    }

    @Test
    void requiresTheDecisionMetadata() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PurchaseResult.succeeded(REQUEST, "o", null, "w", AT))
                .withMessage("strategy must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PurchaseResult.succeeded(REQUEST, "o", "atomic", " ", AT))
                .withMessageStartingWith("workerId must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PurchaseResult.succeeded(REQUEST, "o", "atomic", "w", null))
                .withMessage("decidedAt must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PurchaseResult.invalidRequest(null, "atomic", "w", AT))
                .withMessage("requestId must not be null");
    }
}
