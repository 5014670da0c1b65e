package dev.flashsale.schema.event;

import static dev.flashsale.schema.event.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.schema.event.DecodeError.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultCodecTest {

    private static final Instant AT = Instant.parse("2025-06-01T10:15:30.123456Z");
    private static final PurchaseRequest REQUEST = new PurchaseRequest("req-1", "user-1", "item-1", 2);

    private final EventCodec codec = new EventCodec();

    static Stream<PurchaseResult> results() {
        return Stream.of(
                PurchaseResult.succeeded(
                        REQUEST, "0b8f4f8e-6a57-4d38-9c39-64e0c3c1f7a2", "pessimistic", "worker-1", AT),
                PurchaseResult.of(REQUEST, Reason.SOLD_OUT, "optimistic", "worker-1", AT),
                PurchaseResult.of(REQUEST, Reason.LOCK_TIMEOUT, "distributed", "worker-2", Instant.EPOCH),
                PurchaseResult.of(REQUEST, Reason.STALE_LOCK, "fenced", "worker-2", AT.plusNanos(1)),
                PurchaseResult.invalidRequest("req-2", "atomic", "worker-3", AT));
    }

    @ParameterizedTest
    @MethodSource("results")
    void roundTripsAResult(PurchaseResult result) {
        assertThat(codec.decodeResult(codec.encode(result))).isEqualTo(new Decoded.Ok<>(result));
    }

    @Test
    void writesTheContractFieldNamesForASuccess() throws Exception {
        PurchaseResult result = PurchaseResult.succeeded(REQUEST, "order-1", "atomic", "worker-1", AT);

        JsonNode tree = new ObjectMapper().readTree(codec.encode(result));

        assertThat(fieldNames(tree))
                .as("no reason on a success")
                .containsExactly(
                        "requestId",
                        "userId",
                        "itemId",
                        "quantity",
                        "status",
                        "orderId",
                        "strategy",
                        "workerId",
                        "timestamp");
        assertThat(tree.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(tree.get("timestamp").textValue()).isEqualTo("2025-06-01T10:15:30.123456Z");
        assertThat(tree.get("quantity").intValue()).isEqualTo(2);
    }

    @Test
    void leavesOutNullFields() throws Exception {
        PurchaseResult result = PurchaseResult.invalidRequest("req-2", "atomic", "worker-3", AT);

        JsonNode tree = new ObjectMapper().readTree(codec.encode(result));

        assertThat(fieldNames(tree))
                .containsExactly("requestId", "quantity", "status", "reason", "strategy", "workerId", "timestamp");
        assertThat(tree.get("reason").textValue()).isEqualTo("INVALID_REQUEST");
        assertThat(tree.get("status").textValue()).isEqualTo("REJECTED");
    }

    static Stream<Arguments> invalidResults() {
        String base = "'requestId':'r-1','userId':'u','itemId':'i','quantity':1,'strategy':'atomic','workerId':'w'";
        String at = ",'timestamp':'2025-06-01T10:15:30Z'";
        return Stream.of(
                Arguments.of("{" + base + ",'status':'SUCCEEDED'" + at + "}", Kind.INVALID_VALUE, null),
                Arguments.of(
                        "{" + base + ",'status':'REJECTED','reason':'CONFLICT'" + at + "}", Kind.INVALID_VALUE, null),
                Arguments.of(
                        "{" + base + ",'status':'REJECTED','reason':'SOLD_OUT','orderId':'o'" + at + "}",
                        Kind.INVALID_VALUE,
                        null),
                Arguments.of("{" + base + ",'status':'DONE','orderId':'o'" + at + "}", Kind.INVALID_VALUE, "status"),
                Arguments.of(
                        "{" + base + ",'status':'REJECTED','reason':'BORED'" + at + "}", Kind.INVALID_VALUE, "reason"),
                Arguments.of(
                        "{" + base + ",'status':'SUCCEEDED','orderId':'o','timestamp':'yesterday'}",
                        Kind.INVALID_VALUE,
                        "timestamp"),
                Arguments.of(
                        "{" + base + ",'status':'SUCCEEDED','orderId':'o','timestamp':1717236930}",
                        Kind.WRONG_TYPE,
                        "timestamp"),
                Arguments.of("{" + base + ",'status':'SUCCEEDED','orderId':'o'}", Kind.MISSING_FIELD, "timestamp"),
                Arguments.of("{" + base + ",'orderId':'o'" + at + "}", Kind.MISSING_FIELD, "status"),
                Arguments.of(
                        "{" + base + ",'status':'SUCCEEDED','orderId':''" + at + "}", Kind.INVALID_VALUE, "orderId"),
                Arguments.of(
                        "{" + base.replace("'quantity':1", "'quantity':'1'") + ",'status':'SUCCEEDED','orderId':'o'"
                                + at + "}",
                        Kind.WRONG_TYPE,
                        "quantity"),
                Arguments.of(
                        "{" + base.replace(",'strategy':'atomic'", "") + ",'status':'SUCCEEDED','orderId':'o'" + at
                                + "}",
                        Kind.MISSING_FIELD,
                        "strategy"));
    }

    @ParameterizedTest
    @MethodSource("invalidResults")
    void rejectsInvalidResultsAndKeepsTheRequestId(String document, Kind kind, String field) {
        Decoded<PurchaseResult> decoded = codec.decodeResult(json(document));

        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        DecodeError error = ((Decoded.Invalid<PurchaseResult>) decoded).error();
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.requestId()).isEqualTo("r-1");
    }

    @Test
    void appliesTheSameFramingRulesAsRequests() {
        assertThat(kindOf(null)).isEqualTo(Kind.EMPTY);
        assertThat(kindOf(new byte[EventCodec.MAX_RECORD_BYTES + 1])).isEqualTo(Kind.OVERSIZED);
        assertThat(kindOf(json("{'requestId':'r-1','status':"))).isEqualTo(Kind.NOT_JSON);
        assertThat(kindOf(json("['r-1']"))).isEqualTo(Kind.NOT_AN_OBJECT);
    }

    private Kind kindOf(byte[] input) {
        Decoded<PurchaseResult> decoded = codec.decodeResult(input);
        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        return ((Decoded.Invalid<PurchaseResult>) decoded).error().kind();
    }

    private static List<String> fieldNames(JsonNode tree) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
