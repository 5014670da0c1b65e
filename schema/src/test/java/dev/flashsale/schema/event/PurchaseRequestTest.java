package dev.flashsale.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PurchaseRequestTest {

    @Test
    void acceptsIdsUpToTheColumnLengthCountedInCodePoints() {
        String longest = "x".repeat(EventCodec.MAX_ID_LENGTH);
        // 128 emoji are 256 UTF-16 chars but 128 characters for PostgreSQL.
        String longestEmoji = "\uD83D\uDED2".repeat(EventCodec.MAX_ID_LENGTH);

        PurchaseRequest request = new PurchaseRequest(longest, longestEmoji, "item-1", 1);

        assertThat(request.requestId()).hasSize(128);
        assertThat(request.userId()).hasSize(256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "a\u0000b", "line\nbreak", "\uD800", "x\uDC00"})
    void rejectsIdsThatCannotBeStoredAsIs(String badId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseRequest(badId, "u", "i", 1))
                .withMessageStartingWith("requestId ");
    }

    @Test
    void rejectsTooLongAndNullIdsNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseRequest("r", "u".repeat(129), "i", 1))
                .withMessageContaining("userId must be at most 128 characters, got 129");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseRequest("r", "u", null, 1))
                .withMessage("itemId must not be null");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsNonPositiveQuantity(int quantity) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PurchaseRequest("r", "u", "i", quantity))
                .withMessage("quantity must be at least 1, got " + quantity);
    }
}
