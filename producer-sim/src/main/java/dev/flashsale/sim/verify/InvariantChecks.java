package dev.flashsale.sim.verify;

import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The invariants as pure functions of a database snapshot, the expectations and the observations; {@link
 * dev.flashsale.sim.Verifier} supplies the inputs. Offenders are listed in request-id (or item-id) order, the first
 * {@code maxOffenders} of them.
 */
public final class InvariantChecks {

    private final DatabaseState db;
    private final Expectations expected;
    private final Observations observed;
    private final int maxOffenders;

    private InvariantChecks(DatabaseState db, Expectations expected, Observations observed, int maxOffenders) {
        this.db = Objects.requireNonNull(db, "db");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.observed = Objects.requireNonNull(observed, "observed");
        if (maxOffenders < 0) {
            throw new IllegalArgumentException("maxOffenders must not be negative, got " + maxOffenders);
        }
        this.maxOffenders = maxOffenders;
    }

    public static Verification evaluate(
            DatabaseState db, Expectations expected, Observations observed, int maxOffenders) {
        return new InvariantChecks(db, expected, observed, maxOffenders).evaluate();
    }

    private Verification evaluate() {
        RepeatCount repeats = new RepeatCount();
        List<CheckResult> checks = List.of(
                noOversell(), oneResultPerRequest(repeats), resultsMatchOrders(), perUserLimit(), nothingMissing());
        return new Verification(checks, db.items(), repeats.count);
    }

    private static final class RepeatCount {
        int count;
    }

    private CheckResult noOversell() {
        Offenders offenders = new Offenders();
        for (ItemState item : db.items()) {
            if (item.sold() > item.initialStock()) {
                offenders.add(
                        item.itemId(),
                        "sold " + item.sold() + " of an initial stock of " + item.initialStock() + " (stock now "
                                + item.stock() + ")");
            } else if (!item.stockConsistent()) {
                offenders.add(
                        item.itemId(),
                        "stock is " + item.stock() + " but initial " + item.initialStock() + " - sold " + item.sold()
                                + " = " + (item.initialStock() - item.sold()));
            }
        }
        db.salesOfUnknownItems().forEach(id -> offenders.add(id, "has successful orders but is not an item"));
        long sold = db.items().stream().mapToLong(ItemState::sold).sum();
        return offenders.result(
                Check.NO_OVERSELL,
                db.items().size() + " items, " + sold + " units sold: sold <= initial stock, stock = initial - sold",
                "item(s) oversold or with a stock that disagrees with their orders");
    }

    private CheckResult oneResultPerRequest(RepeatCount repeats) {
        Offenders offenders = new Offenders();
        for (Map.Entry<String, Integer> entry : expected.deliveries().entrySet()) {
            List<ObservedResult> results = observed.results(entry.getKey());
            if (results.size() <= 1) {
                continue;
            }
            PurchaseResult first = results.get(0).result();
            boolean identical = results.stream().allMatch(r -> r.result().equals(first));
            if (!identical) {
                offenders.add(entry.getKey(), results.size() + " results that differ");
            } else if (results.size() > entry.getValue()) {
                offenders.add(
                        entry.getKey(),
                        results.size() + " identical results (duplicate) for " + entry.getValue() + " delivery");
            } else {
                repeats.count++;
            }
        }
        if (observed.undecodableResults() > 0) {
            offenders.add("(results topic)", observed.undecodableResults() + " record(s) that are not valid results");
        }
        String extra = repeats.count == 0
                ? ""
                : "; " + repeats.count + " request(s) sent more than once got the same result again";
        return offenders.result(
                Check.ONE_RESULT_PER_REQUEST,
                expected.deliveries().size() + " requests, one result each" + extra,
                "request(s) with more than one result");
    }

    private CheckResult resultsMatchOrders() {
        Offenders offenders = new Offenders();
        int compared = 0;
        for (String requestId : expected.deliveries().keySet()) {
            List<ObservedResult> results = observed.results(requestId);
            if (results.isEmpty()) {
                continue;
            }
            DatabaseState.OrderRow row = db.orders().get(requestId);
            if (row == null) {
                offenders.add(requestId, "has a result but no order row");
                continue;
            }
            for (ObservedResult observedResult : results) {
                PurchaseResult result = observedResult.result();
                // The worker answers a reused request id without touching the earlier decision, so that answer
                // disagrees with the row on purpose.
                if (result.reason() == Reason.DUPLICATE_REQUEST) {
                    continue;
                }
                compared++;
                if (!agrees(result, row)) {
                    offenders.add(requestId, "result " + describe(result) + " but order row " + describe(row));
                    break;
                }
            }
        }
        return offenders.result(
                Check.RESULTS_MATCH_ORDERS,
                compared + " results equal their order row (status, reason, order id)",
                "result(s) that disagree with the database");
    }

    private CheckResult perUserLimit() {
        Offenders offenders = new Offenders();
        for (DatabaseState.UserOverLimit over : db.overLimit()) {
            offenders.add(over.itemId() + "/" + over.userId(), "bought " + over.bought() + ", limit " + over.limit());
        }
        long limited = db.items().stream().filter(i -> i.perUserLimit() != null).count();
        return offenders.result(
                Check.PER_USER_LIMIT,
                limited == 0 ? "no item has a per-user limit" : limited + " item(s) with a limit, none exceeded",
                "user(s) above an item's per-user limit");
    }

    private CheckResult nothingMissing() {
        Offenders offenders = new Offenders();
        for (String requestId : expected.deliveries().keySet()) {
            if (observed.results(requestId).isEmpty()) {
                offenders.add(
                        requestId,
                        db.orders().containsKey(requestId)
                                ? "no result (an order row exists: decided but not published)"
                                : "no result and no order row");
            }
        }
        for (SourcePosition position : expected.deadLetters()) {
            if (!observed.deadLetters().contains(position)) {
                offenders.add("record " + position, "unreadable, but no dead letter names it");
            }
        }
        return offenders.result(
                Check.NOTHING_MISSING,
                expected.deliveries().size() + " results and "
                        + expected.deadLetters().size() + " dead letters, all present",
                "request(s) without a result or dead letter");
    }

    private static boolean agrees(PurchaseResult result, DatabaseState.OrderRow row) {
        return result.status().name().equals(row.status())
                && Objects.equals(
                        result.reason() == null ? null : result.reason().name(), row.reason())
                && Objects.equals(lower(result.orderId()), lower(row.orderId()));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(PurchaseResult result) {
        return result.status() + "/" + (result.reason() == null ? "-" : result.reason()) + "/"
                + (result.orderId() == null ? "-" : result.orderId());
    }

    private static String describe(DatabaseState.OrderRow row) {
        return row.status() + "/" + (row.reason() == null ? "-" : row.reason()) + "/"
                + (row.orderId() == null ? "-" : row.orderId());
    }

    /** Offending ids with what is wrong, kept sorted so the first ones printed are stable between runs. */
    private final class Offenders {
        private final TreeMap<String, String> byId = new TreeMap<>();

        void add(String id, String problem) {
            byId.put(id, problem);
        }

        CheckResult result(Check check, String passSummary, String failSummary) {
            if (byId.isEmpty()) {
                return new CheckResult(check, true, passSummary, 0, List.of());
            }
            List<String> first = new ArrayList<>();
            for (Map.Entry<String, String> entry : byId.entrySet()) {
                if (first.size() == maxOffenders) {
                    break;
                }
                first.add(entry.getKey() + ": " + entry.getValue());
            }
            return new CheckResult(check, false, byId.size() + " " + failSummary, byId.size(), first);
        }
    }
}
