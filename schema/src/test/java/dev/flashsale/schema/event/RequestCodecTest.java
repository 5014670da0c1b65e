package dev.flashsale.schema.event;

import static dev.flashsale.schema.event.Json.json;
import static dev.flashsale.schema.event.Json.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.schema.event.DecodeError.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestCodecTest {

    private static final String VALID = "{'requestId':'r-1','userId':'u-1','itemId':'i-1','quantity':3}";

    private final EventCodec codec = new EventCodec();

    @Test
    void roundTripsARequest() {
        PurchaseRequest request = new PurchaseRequest("r-1", "user \u00e9\uD83D\uDE00", "sku-42", 7);

        assertThat(codec.decodeRequest(codec.encode(request))).isEqualTo(new Decoded.Ok<>(request));
    }

    @Test
    void writesExactlyTheContractFieldNames() throws Exception {
        byte[] bytes = codec.encode(new PurchaseRequest("r-1", "u-1", "i-1", 3));

        JsonNode tree = new ObjectMapper().readTree(bytes);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("requestId", "userId", "itemId", "quantity");
        assertThat(tree.get("quantity").isInt())
                .as("quantity is a JSON integer")
                .isTrue();
        assertThat(Json.text(bytes)).isEqualTo(Json.text(json(VALID)));
    }

    @Test
    void decodesAHandWrittenDocumentInAnyFieldOrder() {
        byte[] bytes = json(" { 'quantity' : 3 , 'itemId':'i-1', 'userId':'u-1',\n 'requestId':'r-1' } \n");

        assertThat(codec.decodeRequest(bytes)).isEqualTo(new Decoded.Ok<>(new PurchaseRequest("r-1", "u-1", "i-1", 3)));
    }

    @Test
    void ignoresUnknownFields() {
        byte[] bytes = json("{'requestId':'r-1','userId':'u-1','itemId':'i-1','quantity':3,"
                + "'priority':5,'meta':{'source':['web',null,1.5]},'note':null}");

        assertThat(codec.decodeRequest(bytes)).isEqualTo(new Decoded.Ok<>(new PurchaseRequest("r-1", "u-1", "i-1", 3)));
    }

    static Stream<Arguments> invalidFields() {
        String longId = "x".repeat(EventCodec.MAX_ID_LENGTH + 1);
        return Stream.of(
                // The request id itself is bad: nothing to answer to.
                Arguments.of("{'userId':'u','itemId':'i','quantity':1}", Kind.MISSING_FIELD, "requestId", null),
                Arguments.of(
                        "{'requestId':null,'userId':'u','itemId':'i','quantity':1}",
                        Kind.MISSING_FIELD,
                        "requestId",
                        null),
                Arguments.of(
                        "{'requestId':42,'userId':'u','itemId':'i','quantity':1}", Kind.WRONG_TYPE, "requestId", null),
                Arguments.of(
                        "{'requestId':{'id':'r'},'userId':'u','itemId':'i','quantity':1}",
                        Kind.WRONG_TYPE,
                        "requestId",
                        null),
                Arguments.of(
                        "{'requestId':['r'],'userId':'u','itemId':'i','quantity':1}",
                        Kind.WRONG_TYPE,
                        "requestId",
                        null),
                Arguments.of(
                        "{'requestId':'  ','userId':'u','itemId':'i','quantity':1}",
                        Kind.INVALID_VALUE,
                        "requestId",
                        null),
                Arguments.of(
                        "{'requestId':'" + longId + "','userId':'u','itemId':'i','quantity':1}",
                        Kind.INVALID_VALUE,
                        "requestId",
                        null),
                Arguments.of(
                        "{'requestId':'a\\u0000b','userId':'u','itemId':'i','quantity':1}",
                        Kind.INVALID_VALUE,
                        "requestId",
                        null),
                Arguments.of(
                        "{'requestId':'a\\ud800','userId':'u','itemId':'i','quantity':1}",
                        Kind.INVALID_VALUE,
                        "requestId",
                        null),
                // The request id is fine: the worker can answer REJECTED/INVALID_REQUEST.
                Arguments.of("{'requestId':'r-1','itemId':'i','quantity':1}", Kind.MISSING_FIELD, "userId", "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'','itemId':'i','quantity':1}",
                        Kind.INVALID_VALUE,
                        "userId",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':true,'itemId':'i','quantity':1}",
                        Kind.WRONG_TYPE,
                        "userId",
                        "r-1"),
                Arguments.of("{'requestId':'r-1','userId':'u','quantity':1}", Kind.MISSING_FIELD, "itemId", "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':7,'quantity':1}", Kind.WRONG_TYPE, "itemId", "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'" + longId + "','quantity':1}",
                        Kind.INVALID_VALUE,
                        "itemId",
                        "r-1"),
                Arguments.of("{'requestId':'r-1','userId':'u','itemId':'i'}", Kind.MISSING_FIELD, "quantity", "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':null}",
                        Kind.MISSING_FIELD,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':'1'}",
                        Kind.WRONG_TYPE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':1.0}",
                        Kind.WRONG_TYPE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':1.5}",
                        Kind.WRONG_TYPE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':1e2}",
                        Kind.WRONG_TYPE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':true}",
                        Kind.WRONG_TYPE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':[1]}",
                        Kind.WRONG_TYPE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':2147483648}",
                        Kind.INVALID_VALUE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':123456789012345678901234567890}",
                        Kind.INVALID_VALUE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':0}",
                        Kind.INVALID_VALUE,
                        "quantity",
                        "r-1"),
                Arguments.of(
                        "{'requestId':'r-1','userId':'u','itemId':'i','quantity':-3}",
                        Kind.INVALID_VALUE,
                        "quantity",
                        "r-1"));
    }

    @ParameterizedTest
    @MethodSource("invalidFields")
    void reportsTheFirstBadFieldAndRecoversTheRequestIdWhenValid(
            String document, Kind kind, String field, String requestId) {
        DecodeError error = errorOf(json(document));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.message()).startsWith(field + " ");
        assertThat(error.requestId()).as("recovered request id").isEqualTo(requestId);
    }

    @Test
    void explainsWhatIsWrongWithTheQuantity() {
        assertThat(errorOf(json("{'requestId':'r','userId':'u','itemId':'i','quantity':'2'}"))
                        .message())
                .isEqualTo("quantity must be an integer, got a string");
        assertThat(errorOf(json("{'requestId':'r','userId':'u','itemId':'i','quantity':0}"))
                        .message())
                .isEqualTo("quantity must be at least 1, got 0");
    }

    @Test
    void keepsTheFieldsThatParsedWithTheRightType() {
        DecodeError negative = errorOf(json("{'requestId':'bad-05','userId':'u5','itemId':'ACC-1','quantity':-1}"));
        assertThat(negative.requestId()).isEqualTo("bad-05");
        assertThat(negative.userId()).isEqualTo("u5");
        assertThat(negative.itemId()).isEqualTo("ACC-1");
        assertThat(negative.quantity())
                .as("an integer out of range is still readable")
                .isEqualTo(-1);

        DecodeError textQuantity = errorOf(json("{'requestId':'r','userId':'u','quantity':'2'}"));
        assertThat(textQuantity.userId()).isEqualTo("u");
        assertThat(textQuantity.itemId()).as("absent").isNull();
        assertThat(textQuantity.quantity()).as("a string is not a quantity").isNull();

        DecodeError badUser = errorOf(json("{'requestId':'r','userId':42,'itemId':' ','quantity':3}"));
        assertThat(badUser.userId()).as("a number is not a user id").isNull();
        assertThat(badUser.itemId()).as("a blank id is not an id").isNull();
        assertThat(badUser.quantity()).isEqualTo(3);
    }

    static Stream<Arguments> notJson() {
        return Stream.of(
                Arguments.of("plain text", utf8("hello world")),
                Arguments.of("unquoted names", utf8("{requestId: \"r-1\"}")),
                Arguments.of("single quotes", utf8("{'requestId':'r-1'}")),
                Arguments.of("trailing garbage", json("{'requestId':'r-1'} and more")),
                Arguments.of("two documents", json("{'requestId':'r-1'}{'requestId':'r-2'}")),
                Arguments.of("trailing comma", json("{'requestId':'r-1',}")),
                Arguments.of("leading zero", json("{'requestId':'r-1','quantity':01}")),
                Arguments.of("NaN", json("{'requestId':'r-1','quantity':NaN}")),
                Arguments.of(
                        "duplicate field",
                        json("{'requestId':'r-1','requestId':'r-2','userId':'u','itemId':'i','quantity':1}")),
                Arguments.of(
                        "invalid UTF-8",
                        concat(json("{'requestId':'r"), new byte[] {(byte) 0xC3, (byte) 0x28}, json("'}"))),
                Arguments.of("binary garbage", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80, 0x7F}),
                Arguments.of("NUL bytes", new byte[] {0, 0, 0, 0}),
                Arguments.of(
                        "java serialization header", new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72}),
                Arguments.of("raw control character in string", utf8("{\"requestId\":\"r\u0001\"}")),
                Arguments.of(
                        "nested deeper than the parser allows",
                        utf8("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")),
                Arguments.of("number longer than the parser allows", utf8("{\"quantity\":" + "9".repeat(5000) + "}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notJson")
    void rejectsMalformedInputAsNotJson(String description, byte[] input) {
        DecodeError error = errorOf(input);

        assertThat(error.kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(error.field()).isNull();
        assertThat(error.requestId())
                .as("nothing is trusted from a malformed document")
                .isNull();
        assertThat(error.message()).doesNotContainPattern("[\\p{Cntrl}]").hasSizeLessThan(200);
    }

    @Test
    void everyTruncationOfAValidDocumentSaysItEndedEarly() {
        byte[] full = codec.encode(new PurchaseRequest("r-1", "u-1", "i-1", 12));

        IntStream.range(1, full.length).forEach(length -> {
            DecodeError error = errorOf(Arrays.copyOf(full, length));
            assertThat(error.kind()).as("prefix of %d bytes", length).isEqualTo(Kind.NOT_JSON);
            assertThat(error.message()).as("prefix of %d bytes", length).contains("ended early");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{'requestId':'r-1'}]", "'r-1'", "42", "-1.5", "true", "null"})
    void rejectsJsonThatIsNotAnObject(String document) {
        DecodeError error = errorOf(json(document));

        assertThat(error.kind()).isEqualTo(Kind.NOT_AN_OBJECT);
        assertThat(error.message()).startsWith("expected a JSON object, got ");
        assertThat(error.requestId()).isNull();
    }

    @Test
    void rejectsMissingAndBlankInputAsEmpty() {
        assertThat(errorOf(null).kind()).isEqualTo(Kind.EMPTY);
        assertThat(errorOf(new byte[0]).kind()).isEqualTo(Kind.EMPTY);
        assertThat(errorOf(utf8(" \r\n\t ")).kind()).isEqualTo(Kind.EMPTY);
    }

    @Test
    void refusesOversizedRecordsWithoutReadingThem() {
        byte[] atLimit = padded(EventCodec.MAX_RECORD_BYTES);
        byte[] overLimit = padded(EventCodec.MAX_RECORD_BYTES + 1);

        assertThat(codec.decodeRequest(atLimit)).isInstanceOf(Decoded.Ok.class);
        DecodeError error = errorOf(overLimit);
        assertThat(error.kind()).isEqualTo(Kind.OVERSIZED);
        assertThat(error.requestId()).as("an oversized record is not parsed").isNull();
        assertThat(error.message()).contains(String.valueOf(EventCodec.MAX_RECORD_BYTES + 1));
    }

    /** A valid request made exactly {@code size} bytes long by an ignored padding field. */
    private static byte[] padded(int size) {
        String head = "{\"requestId\":\"r-1\",\"userId\":\"u-1\",\"itemId\":\"i-1\",\"quantity\":1,\"pad\":\"";
        String tail = "\"}";
        String document = head + "p".repeat(size - head.length() - tail.length()) + tail;
        assertThat(utf8(document)).hasSize(size);
        return utf8(document);
    }

    private DecodeError errorOf(byte[] input) {
        Decoded<PurchaseRequest> decoded = codec.decodeRequest(input);
        if (decoded instanceof Decoded.Invalid<PurchaseRequest> invalid) {
            return invalid.error();
        }
        throw new AssertionError("expected an invalid record, got " + decoded);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
