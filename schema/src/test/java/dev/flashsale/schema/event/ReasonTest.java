package dev.flashsale.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonTest {

    @ParameterizedTest
    @EnumSource(
            value = Reason.class,
            names = {"CONFLICT", "LOCK_TIMEOUT", "STALE_LOCK"})
    void contentionReasonsAreFailures(Reason reason) {
        assertThat(reason.status()).isEqualTo(Status.FAILED);
    }

    @ParameterizedTest
    @EnumSource(
            value = Reason.class,
            names = {"CONFLICT", "LOCK_TIMEOUT", "STALE_LOCK"},
            mode = EnumSource.Mode.EXCLUDE)
    void businessReasonsAreRejections(Reason reason) {
        assertThat(reason.status()).isEqualTo(Status.REJECTED);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void noReasonImpliesSuccess(Reason reason) {
        assertThat(reason.status()).isNotEqualTo(Status.SUCCEEDED);
    }

    @org.junit.jupiter.api.Test
    void reasonCodesAreThePublishedContract() {
        assertThat(EnumSet.allOf(Reason.class))
                .extracting(Reason::name)
                .containsExactly(
                        "SOLD_OUT",
                        "INSUFFICIENT_STOCK",
                        "LIMIT_EXCEEDED",
                        "UNKNOWN_ITEM",
                        "INVALID_REQUEST",
                        "DUPLICATE_REQUEST",
                        "CONFLICT",
                        "LOCK_TIMEOUT",
                        "STALE_LOCK");
        assertThat(EnumSet.allOf(Status.class))
                .extracting(Status::name)
                .containsExactly("SUCCEEDED", "REJECTED", "FAILED");
    }
}
