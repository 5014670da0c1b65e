package dev.flashsale.sim.verify;

import static dev.flashsale.sim.verify.Fixtures.refused;
import static dev.flashsale.sim.verify.Fixtures.row;
import static dev.flashsale.sim.verify.Fixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checks' logic on in-memory inputs; VerifierIT runs the same cases against a real database and topic. */
class InvariantChecksTest {

    private final PurchaseResult r1 = succeeded("run-1", "user-1", "sku-1", 2, UUID.randomUUID());
    private final PurchaseResult r2 = refused("run-2", "user-2", "sku-1", 1, Reason.SOLD_OUT);

    private List<ItemState> items = List.of(new ItemState("sku-1", 2, 0, 2, 2));
    private Set<String> unknownSales = Set.of();
    private List<DatabaseState.UserOverLimit> overLimit = List.of();
    private final Map<String, DatabaseState.OrderRow> orders =
            new HashMap<>(Map.of("run-1", row(r1), "run-2", row(r2)));
    private final Expectations.Builder expected =
            Expectations.builder("run-").request("run-1", 1_000).request("run-2", 1_000);
    private final Observations.Builder observed = Observations.builder();

    private Verification verify() {
        return InvariantChecks.evaluate(
                new DatabaseState(items, unknownSales, overLimit, orders), expected.build(), observed.build(), 10);
    }

    private void publish(PurchaseResult... results) {
        for (PurchaseResult result : results) {
            observed.result(new ObservedResult(result, 1_050));
        }
    }

    @Test
    void aCleanRunPassesEveryCheck() {
        publish(r1, r2);
        Verification verification = verify();
        assertThat(verification.checks())
                .allSatisfy(check -> assertThat(check.passed())
                        .as(check.check() + ": " + check.summary())
                        .isTrue());
        assertThat(verification.passed()).isTrue();
        assertThat(verification.oversoldUnits()).isZero();
    }

    @Test
    void soldBeyondTheInitialStockIsOversell() {
        publish(r1, r2);
        items = List.of(new ItemState("sku-1", 2, 0, null, 3));
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.NO_OVERSELL);
        assertThat(verification.result(Check.NO_OVERSELL).offenders())
                .containsExactly("sku-1: sold 3 of an initial stock of 2 (stock now 0)");
        assertThat(verification.oversoldUnits()).isEqualTo(1);
    }

    @Test
    void aStockThatDisagreesWithTheOrdersFails() {
        publish(r1, r2);
        items = List.of(new ItemState("sku-1", 5, 2, null, 2));
        assertThat(verify().failed()).containsExactly(Check.NO_OVERSELL);
    }

    @Test
    void salesOfAnItemThatDoesNotExistFail() {
        publish(r1, r2);
        unknownSales = Set.of("sku-9");
        assertThat(verify().result(Check.NO_OVERSELL).offenders())
                .containsExactly("sku-9: has successful orders but is not an item");
    }

    @Test
    void aSecondResultForARequestSentOnceIsADuplicate() {
        publish(r1, r2, r1);
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.ONE_RESULT_PER_REQUEST);
        assertThat(verification.result(Check.ONE_RESULT_PER_REQUEST).offenders())
                .containsExactly("run-1: 2 identical results (duplicate) for 1 delivery");
    }

    @Test
    void theSameResultTwiceForARequestSentTwiceIsAllowedAndCounted() {
        expected.request("run-1", 2_000);
        publish(r1, r2, r1);
        Verification verification = verify();
        assertThat(verification.passed()).isTrue();
        assertThat(verification.repeatedResults()).isEqualTo(1);
    }

    @Test
    void twoDifferentResultsForOneRequestFailEvenWhenSentTwice() {
        expected.request("run-2", 2_000);
        publish(r1, r2, refused("run-2", "user-2", "sku-1", 1, Reason.LOCK_TIMEOUT));
        Verification verification = verify();
        assertThat(verification.failed()).contains(Check.ONE_RESULT_PER_REQUEST, Check.RESULTS_MATCH_ORDERS);
        assertThat(verification.result(Check.ONE_RESULT_PER_REQUEST).offenders())
                .containsExactly("run-2: 2 results that differ");
    }

    @Test
    void aResultWithoutAnOrderRowFails() {
        publish(r1, r2);
        orders.remove("run-2");
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.RESULTS_MATCH_ORDERS);
        assertThat(verification.result(Check.RESULTS_MATCH_ORDERS).offenders())
                .containsExactly("run-2: has a result but no order row");
    }

    @Test
    void aResultThatDisagreesWithItsOrderRowFails() {
        publish(r1, r2);
        orders.put("run-2", new DatabaseState.OrderRow("FAILED", "CONFLICT", null));
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.RESULTS_MATCH_ORDERS);
        assertThat(verification.result(Check.RESULTS_MATCH_ORDERS).offenders())
                .containsExactly("run-2: result REJECTED/SOLD_OUT/- but order row FAILED/CONFLICT/-");
    }

    @Test
    void aDifferentOrderIdIsADisagreement() {
        publish(r1, r2);
        orders.put(
                "run-1",
                new DatabaseState.OrderRow("SUCCEEDED", null, UUID.randomUUID().toString()));
        assertThat(verify().failed()).containsExactly(Check.RESULTS_MATCH_ORDERS);
    }

    @Test
    void anAnswerToAReusedRequestIdIsNotComparedWithTheEarlierDecision() {
        expected.request("run-1", 2_000);
        publish(r1, r2, refused("run-1", "user-9", "sku-1", 1, Reason.DUPLICATE_REQUEST));
        Verification verification = verify();
        assertThat(verification.passed(Check.RESULTS_MATCH_ORDERS)).isTrue();
        assertThat(verification.passed(Check.ONE_RESULT_PER_REQUEST))
                .as("two different answers are still two results")
                .isFalse();
    }

    @Test
    void aUserAboveTheLimitFails() {
        publish(r1, r2);
        overLimit = List.of(new DatabaseState.UserOverLimit("sku-1", "user-1", 3, 2));
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.PER_USER_LIMIT);
        assertThat(verification.result(Check.PER_USER_LIMIT).offenders())
                .containsExactly("sku-1/user-1: bought 3, limit 2");
    }

    @Test
    void aRequestWithoutAResultIsMissingWhetherOrNotItWasDecided() {
        publish(r1);
        expected.request("run-3", 1_000);
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.NOTHING_MISSING);
        assertThat(verification.result(Check.NOTHING_MISSING).offenders())
                .containsExactly(
                        "run-2: no result (an order row exists: decided but not published)",
                        "run-3: no result and no order row");
    }

    @Test
    void anUnreadableRecordWithoutADeadLetterIsMissing() {
        publish(r1, r2);
        expected.unreadable(new SourcePosition(3, 17)).unreadable(new SourcePosition(0, 4));
        observed.deadLetter(new SourcePosition(3, 17));
        Verification verification = verify();
        assertThat(verification.failed()).containsExactly(Check.NOTHING_MISSING);
        assertThat(verification.result(Check.NOTHING_MISSING).offenders())
                .containsExactly("record 0@4: unreadable, but no dead letter names it");
    }

    @Test
    void offendersAreCountedInFullButListedOnlyUpToTheLimit() {
        for (int i = 3; i < 30; i++) {
            expected.request("run-" + i, 1_000);
        }
        publish(r1, r2);
        Verification verification = InvariantChecks.evaluate(
                new DatabaseState(items, unknownSales, overLimit, orders), expected.build(), observed.build(), 5);
        CheckResult missing = verification.result(Check.NOTHING_MISSING);
        assertThat(missing.offenderCount()).isEqualTo(27);
        assertThat(missing.offenders()).hasSize(5);
        assertThat(missing.summary()).startsWith("27 ");
    }

    @Test
    void garbageOnTheResultsTopicFails() {
        publish(r1, r2);
        observed.undecodableResult();
        assertThat(verify().result(Check.ONE_RESULT_PER_REQUEST).offenders())
                .containsExactly("(results topic): 1 record(s) that are not valid results");
    }
}
